#pragma once
// The wrapped case keys, as key rotation sees them (schema/003_cases.sql: cases.data_key and
// data_key_version). SQL only; the re-wrapping itself is service/KeyRotationService.
// Thread-safe.
#include <cstdint>
#include <map>
#include <vector>

#include "store/CaseRecords.h"
#include "store/Database.h"

namespace binhan::store {

struct WrappedCaseKey {
    std::int64_t caseId = 0;
    std::uint32_t masterVersion = 0;
    Blob wrapped;
};

class KeyRotationRepository {
  public:
    explicit KeyRotationRepository(Database& db) : db_(db) {}

    // Up to `limit` live (not erased) case keys with an id above `afterId` that are wrapped under
    // another master version than `current`, in id order (a walk by primary key, resumable).
    std::vector<WrappedCaseKey> keysNotUnder(std::uint32_t current, std::int64_t afterId,
                                             int limit);
    // Stores the re-wrapped keys in one transaction. Each replaces its case's key only if that
    // is still exactly `before` (an erasure or another rotation meanwhile wins); returns how
    // many were replaced.
    int replace(const std::vector<std::pair<WrappedCaseKey, WrappedCaseKey>>& beforeAfter);
    // How many live case keys each master version wraps, read inside a write transaction, so
    // every write that began before it (and may have wrapped a key) is counted.
    std::map<std::uint32_t, std::int64_t> countByVersion();

  private:
    Database& db_;
};

}  // namespace binhan::store
