#pragma once
// The signed-in user on whose behalf a request runs. Built by the identity service from a
// valid session; handlers and the policy read it, never construct it from request input.
#include <cstdint>
#include <string>

#include "core/Role.h"

namespace binhan::core {

struct Actor {
    std::int64_t userId = 0;
    std::string username;
    std::string displayName;
    Role role = Role::Admin;
    std::string commune;
    std::int64_t sessionId = 0;
    // A session that may only enrol a TOTP second factor (required for its role, not yet set).
    bool limited = false;
};

}  // namespace binhan::core
