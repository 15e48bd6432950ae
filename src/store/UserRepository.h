#pragma once
// Users of the system (table `users`). Holds password hashes and encrypted TOTP secrets; they
// leave the store only towards the identity service, never in an API answer.
// Thread-safe (each call takes a pooled session).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

struct UserRecord {
    std::int64_t id = 0;
    std::string commune;
    std::string username;
    std::string displayName;
    core::Role role = core::Role::Admin;
    std::string passwordHash;
    bool disabled = false;
    std::string createdAt;
    std::string updatedAt;
    std::vector<std::uint8_t> totpSecret;  // encrypted; empty when none
    bool totpConfirmed = false;
    std::int64_t totpLastStep = 0;
};

// A row of `communes` (schema/001_foundation.sql).
struct CommuneRecord {
    std::string code;
    std::string name;
};

struct UserChanges {
    std::optional<core::Role> role;
    std::optional<std::string> displayName;
    std::optional<bool> disabled;
    // Issue 23: an officer transferred to another commune (its code, known); their sessions end.
    std::optional<std::string> commune;
};

class UserRepository {
  public:
    explicit UserRepository(Database& db) : db_(db) {}

    std::int64_t count();
    bool exists(const std::string& username);
    // Inserts the user (creating its commune row when absent); returns the new id.
    // Throws core::Error(Conflict) when the username is taken.
    std::int64_t insert(const NewUser& user, const std::string& communeName);
    std::optional<UserRecord> findByUsername(const std::string& username);
    std::optional<UserRecord> findById(std::int64_t id);
    // Users with id > afterId, by id, at most `limit`.
    std::vector<UserRecord> list(std::int64_t afterId, int limit);
    // Applies the changes; a disabled user's sessions are deleted in the same transaction.
    // Throws Conflict when it would leave no enabled admin. Returns false for an unknown id.
    bool update(std::int64_t id, const UserChanges& changes, const std::string& now);
    // Sets the hash and ends the user's sessions but `keptSession` (0: every one, as when an
    // admin sets it; the user's own session when they change their own); false for an unknown id.
    bool setPassword(std::int64_t id, const std::string& passwordHash, const std::string& now,
                     std::int64_t keptSession = 0);
    void setTotpSecret(std::int64_t id, const std::vector<std::uint8_t>& encryptedSecret);
    void confirmTotp(std::int64_t id);
    // Records `step` as used when it is newer than the last used one; false on a replay.
    bool claimTotpStep(std::int64_t id, std::int64_t step);

    // Every commune row, by code (the province's row too, once a user of it exists).
    std::vector<CommuneRecord> communes();
    std::optional<CommuneRecord> findCommune(const std::string& code);
    // Inserts the commune; false (and nothing changed) when the code exists.
    bool addCommune(const CommuneRecord& commune, const std::string& createdAt);
    // The villages of a commune in the administrator's order (empty: none configured).
    std::vector<std::string> villages(const std::string& commune);
    // Replaces a commune's villages with `names` (in that order), in one transaction.
    void setVillages(const std::string& commune, const std::vector<std::string>& names);

  private:
    Database& db_;
};

}  // namespace binhan::store
