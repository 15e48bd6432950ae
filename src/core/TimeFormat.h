#pragma once
// RFC 3339 UTC times and YYYY-MM-DD dates as API.md uses them ("2024-05-01T08:30:00Z").
#include <optional>
#include <string>

#include "core/Clock.h"

namespace binhan::core {

// "2024-05-01T08:30:00Z" (whole seconds, always UTC).
std::string formatRfc3339(TimePoint t);
// "2024-05-01T08:30:00.123Z" (milliseconds, always UTC): versions that must differ within a second.
std::string formatRfc3339Millis(TimePoint t);
// Parses "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)"; nullopt when malformed or out of range.
std::optional<TimePoint> parseRfc3339(const std::string& text);
// Parses a calendar date "YYYY-MM-DD" as midnight UTC; nullopt when malformed or impossible.
std::optional<TimePoint> parseDate(const std::string& text);
std::string formatDate(TimePoint t);

}  // namespace binhan::core
