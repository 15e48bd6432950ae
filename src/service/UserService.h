#pragma once
// User administration for `admin` (API.md "Users") and the `binhan user` commands: create, list,
// change role / name / disabled, set a password. Passwords go through the password policy and
// Argon2id; no answer ever carries a hash. Disabling a user or setting their password ends
// their sessions at once. Thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Actor.h"
#include "core/Clock.h"
#include "core/Commune.h"
#include "core/PasswordPolicy.h"
#include "service/HashingQueue.h"
#include "store/UserRepository.h"

namespace binhan::service {

struct NewUserRequest {
    std::string username;
    std::string password;
    std::string role;
    std::string displayName;
    std::string commune;  // a commune code; "" = the deployment's own (commune.code)
};

// What may be shown of a user (no hash, no TOTP secret).
struct UserView {
    std::int64_t id = 0;
    std::string username;
    std::string displayName;
    core::Role role = core::Role::Admin;
    std::string commune;
    bool disabled = false;
    bool totp = false;
    std::string createdAt;
    std::string updatedAt;
};

class UserService {
  public:
    UserService(store::UserRepository& users, HashingQueue& hashing,
                const core::PasswordPolicy& policy, const core::Clock& clock,
                core::CommuneSettings communes)
        : users_(users),
          hashing_(hashing),
          policy_(policy),
          clock_(clock),
          communes_(std::move(communes)) {}

    // Throws Invalid naming the field (username, password, role, display_name, commune: not a
    // known commune, or a role other than social, oversight, admin at the province level),
    // Conflict when the username is taken.
    UserView create(const NewUserRequest& request);
    std::vector<UserView> list(std::int64_t afterId, int limit);
    UserView get(std::int64_t id);  // NotFound
    UserView update(std::int64_t id, const store::UserChanges& changes);
    void setPassword(std::int64_t id, const std::string& password);
    // The signed-in user changes their own password (issue 19), once IdentityService has checked
    // the current one (ASVS 2.1.6: checkCurrentPassword, which counts failures as sign-ins do):
    // the new one differs from it and passes the policy (Invalid "password"); every other
    // session of theirs ends, the one asking stays signed in.
    void changeOwnPassword(const core::Actor& actor, const std::string& current,
                           const std::string& password);
    std::optional<UserView> findByUsername(const std::string& username);
    // The people an audit reader may pick to filter the audit by (issue 19): the users of the
    // reader's commune, every user for an admin or the province level (whose audit is all).
    std::vector<UserView> auditActors(const core::Actor& reader);

    // The communes users and cases may belong to (issue 11), by code; the province's own row,
    // if any, is not among them (see provinceOf).
    std::vector<store::CommuneRecord> communes();
    // Adds a commune. Invalid("code" | "name"), Conflict("commune_exists") when the code is
    // taken (or is the province's).
    store::CommuneRecord addCommune(const store::CommuneRecord& commune);
    // The villages of a commune (issue 19), in the administrator's order; empty when none are
    // configured (the intake then takes free text).
    std::vector<std::string> villages(const std::string& commune);
    // Replaces the villages of a known commune (NotFound otherwise). Invalid("villages") for
    // more than kMaxVillages names, a name empty or longer than a village may be, or one given
    // twice (case and diacritics aside: "Thôn Đông" and "thon dong" are one village).
    std::vector<std::string> setVillages(const std::string& commune,
                                         const std::vector<std::string>& names);
    static constexpr std::size_t kMaxVillages = 200;
    // The configured province level, if any.
    std::optional<store::CommuneRecord> province() const;
    // The name of commune `code` (or of the province level): what a paper is issued by
    // (issue 19: the decision paper heads with it). "" for an unknown code.
    std::string communeName(const std::string& code);

    static core::Role parseRoleField(const std::string& role);
    static void checkDisplayName(const std::string& name);

  private:
    static UserView view(const store::UserRecord& record);
    // The name of the commune a new user joins; throws Invalid when `code` is no known commune
    // or `role` may not serve at the province level.
    std::string communeNameFor(const std::string& code, core::Role role);

    store::UserRepository& users_;
    HashingQueue& hashing_;
    const core::PasswordPolicy& policy_;
    const core::Clock& clock_;
    core::CommuneSettings communes_;
};

}  // namespace binhan::service
