#pragma once
// Failed sign-in counts per account name and per source address (tables login_lockouts and
// login_failures_by_address). The rules (how many, how long) live in core/LoginLockout; this
// only stores state. Thread-safe.
#include <cstdint>
#include <string>
#include <vector>

#include "core/LoginLockout.h"
#include "store/Database.h"

namespace binhan::store {

class LoginThrottleRepository {
  public:
    explicit LoginThrottleRepository(Database& db) : db_(db) {}

    core::LockoutState lockout(const std::vector<std::uint8_t>& nameHash);
    void saveLockout(const std::vector<std::uint8_t>& nameHash, const core::LockoutState& state);
    void clearLockout(const std::vector<std::uint8_t>& nameHash);
    // Failures from `address` at or after `since` (Unix seconds).
    int addressFailuresSince(const std::string& address, std::int64_t since);
    // Records one failure; forgets records older than an hour.
    void addAddressFailure(const std::string& address, std::int64_t at);

  private:
    Database& db_;
};

}  // namespace binhan::store
