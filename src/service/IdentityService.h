#pragma once
// Sign-in, sessions and the TOTP second factor (DESIGN.md §3 "Identity", "Sessions").
//  - One generic 401 message for every bad credential; an unknown username costs the same
//    Argon2id verification as a known one (a dummy hash), so timing tells nothing (ASVS 2.2.1).
//  - Lock-out per account name (core/LoginLockout) and a per-address throttle, both stored in the
//    database so every instance enforces them.
//  - Sessions: 256-bit random tokens, stored as SHA-256 only; idle and absolute timeouts from
//    the injected Clock; a new token on every sign-in (the one presented is deleted).
//  - TOTP (RFC 6238): required at sign-in once confirmed; each code accepted once. For roles
//    that must have it (auth.totp_required_roles, when auth.totp_enabled) a user without one
//    gets a limited session that can only enrol.
// The log gets user ids and outcomes, never the typed username or password.
// Thread-safe.
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "core/Actor.h"
#include "core/Clock.h"
#include "service/HashingQueue.h"
#include "service/SecretSealer.h"
#include "store/LoginThrottleRepository.h"
#include "store/SessionRepository.h"
#include "store/UserRepository.h"

namespace binhan::service {

struct IdentitySettings {
    int idleTimeoutSeconds = 15 * 60;
    int absoluteTimeoutSeconds = 8 * 3600;
    bool totpEnabled = false;  // when true, roles in totpRequiredRoles must use a second factor
    std::set<core::Role> totpRequiredRoles = {core::Role::Admin, core::Role::Leader};
    std::string totpIssuer = "Bình An";
};

struct LoginRequest {
    std::string username;
    std::string password;
    std::string totp;           // may be empty
    std::string address;        // source IP
    std::string replacedToken;  // the token the client still holds, if any (deleted)
};

struct LoginResult {
    std::string token;  // shown once; only its hash is stored
    std::string csrfToken;
    core::Actor actor;
    core::TimePoint expiresAt;
};

// A valid session, resolved from a token.
struct SignedIn {
    core::Actor actor;
    std::vector<std::uint8_t> csrfHash;
    core::TimePoint expiresAt;
};

class IdentityService {
  public:
    IdentityService(store::UserRepository& users, store::SessionRepository& sessions,
                    store::LoginThrottleRepository& throttle, HashingQueue& hashing,
                    const SecretSealer& sealer, const core::Clock& clock,
                    IdentitySettings settings);

    // Throws Unauthorized (any bad credential), Locked (423), Throttled (429), Unavailable.
    LoginResult login(const LoginRequest& request);
    // nullopt for an unknown, expired or idle token, or a disabled user. Refreshes last-seen.
    // `refresh` false: the session's idle time is not renewed (an event stream, issue 22).
    std::optional<SignedIn> resolve(const std::string& token, bool refresh = true);
    bool csrfMatches(const SignedIn& session, const std::string& csrfHeader) const;
    void logout(const SignedIn& session);
    // Issue 19: the signed-in user's current password, before they change it. A wrong one counts
    // as a failed sign-in of the account (lock-out, per-address throttle: ASVS 2.2.1) and
    // throws Invalid("current_password"); a locked account throws Locked.
    void checkCurrentPassword(const core::Actor& actor, const std::string& password,
                              const std::string& address);
    // A new secret for the actor (unconfirmed until a valid code); returns the otpauth URI.
    std::string enrolTotp(const core::Actor& actor);
    // Confirms the pending secret with a valid code; lifts the limit of the current session.
    // Throws Invalid(field "code") for a wrong or reused code, Conflict when nothing is pending.
    void confirmTotp(const core::Actor& actor, const std::string& code);

  private:
    bool totpRequired(core::Role role) const;
    bool secondFactorOk(const store::UserRecord& user, const std::string& code);
    void refuse(const std::vector<std::uint8_t>& nameHash, core::LockoutState state,
                const std::optional<store::UserRecord>& user, const std::string& address,
                std::int64_t now);
    std::int64_t nowSeconds() const;

    store::UserRepository& users_;
    store::SessionRepository& sessions_;
    store::LoginThrottleRepository& throttle_;
    HashingQueue& hashing_;
    const SecretSealer& sealer_;
    const core::Clock& clock_;
    IdentitySettings settings_;
    std::string dummyHash_;  // verified against for unknown usernames
};

}  // namespace binhan::service
