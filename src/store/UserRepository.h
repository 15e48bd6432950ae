#pragma once
// Users of the system (table `users`). Holds password hashes but never returns them outside
// the store except to the identity service that verifies them.
#include <cstdint>
#include <optional>
#include <string>

#include "core/Role.h"
#include "store/Database.h"

namespace binhan::store {

struct NewUser {
    std::string commune;
    std::string username;
    std::string displayName;
    core::Role role = core::Role::Admin;
    std::string passwordHash;
    std::string createdAt;  // RFC 3339
};

class UserRepository {
public:
    explicit UserRepository(Database& db) : db_(db) {}

    std::int64_t count();
    bool exists(const std::string& username);
    // Inserts the user (creating its commune row when absent); returns the new id.
    // Throws core::Error(Conflict) when the username is taken.
    std::int64_t insert(const NewUser& user, const std::string& communeName);

private:
    Database& db_;
};

}  // namespace binhan::store
