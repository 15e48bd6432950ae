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

// How a Vietnamese paper writes them (issue 19): "31/12/2026" for "2026-12-31" (other text as
// given), and an RFC 3339 instant as Vietnam time (UTC+7): {"14:05", "03/12/2026"}; nullopt
// when `rfc3339` is not one.
std::string paperDate(const std::string& isoDate);
struct PaperTime {
    std::string clock;  // "HH:MM"
    std::string date;   // "DD/MM/YYYY"
};
std::optional<PaperTime> vietnamPaperTime(const std::string& rfc3339);

}  // namespace binhan::core
