#pragma once
// User administration for `admin` (API.md "Users") and the `binhan user` commands: create, list,
// change role / name / disabled, set a password. Passwords go through the password policy and
// Argon2id; no answer ever carries a hash. Disabling a user or setting their password ends
// their sessions at once. Thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Clock.h"
#include "core/PasswordPolicy.h"
#include "service/HashingQueue.h"
#include "store/UserRepository.h"

namespace binhan::service {

struct NewUserRequest {
    std::string username;
    std::string password;
    std::string role;
    std::string displayName;
};

// What may be shown of a user (no hash, no TOTP secret).
struct UserView {
    std::int64_t id = 0;
    std::string username;
    std::string displayName;
    core::Role role = core::Role::Admin;
    bool disabled = false;
    bool totp = false;
    std::string createdAt;
    std::string updatedAt;
};

class UserService {
  public:
    UserService(store::UserRepository& users, HashingQueue& hashing,
                const core::PasswordPolicy& policy, const core::Clock& clock, std::string commune,
                std::string communeName)
        : users_(users),
          hashing_(hashing),
          policy_(policy),
          clock_(clock),
          commune_(std::move(commune)),
          communeName_(std::move(communeName)) {}

    // Throws Invalid naming the field (username, password, role, display_name), Conflict when
    // the username is taken.
    UserView create(const NewUserRequest& request);
    std::vector<UserView> list(std::int64_t afterId, int limit);
    UserView get(std::int64_t id);  // NotFound
    UserView update(std::int64_t id, const store::UserChanges& changes);
    void setPassword(std::int64_t id, const std::string& password);
    std::optional<UserView> findByUsername(const std::string& username);

    static core::Role parseRoleField(const std::string& role);
    static void checkDisplayName(const std::string& name);

  private:
    static UserView view(const store::UserRecord& record);

    store::UserRepository& users_;
    HashingQueue& hashing_;
    const core::PasswordPolicy& policy_;
    const core::Clock& clock_;
    std::string commune_;
    std::string communeName_;
};

}  // namespace binhan::service
