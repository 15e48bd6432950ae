#pragma once
// The closed cases that retention looks at (schema/003_cases.sql). SQL only. Thread-safe.
#include <cstdint>
#include <string>
#include <vector>

#include "store/Database.h"

namespace binhan::store {

struct ClosedCase {
    std::int64_t id = 0;
    std::string closedAt;  // RFC 3339 UTC, as stored
};

class RetentionRepository {
  public:
    explicit RetentionRepository(Database& db) : db_(db) {}
    // Cases that are closed now (not open, active or reopened), not erased yet, and closed at or
    // before `cutoff` (RFC 3339 UTC) to the second — the caller compares exactly.
    std::vector<ClosedCase> closedNoLaterThan(const std::string& cutoff);

  private:
    Database& db_;
};

}  // namespace binhan::store
