#include "service/IdentityService.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/Error.h"
#include "crypto/Digest.h"
#include "crypto/SecureRandom.h"
#include "crypto/Totp.h"
#include "store/AuditContext.h"

namespace binhan::service {
namespace {

const char* kBadCredentials = "The username, password or code is not right.";

std::vector<std::uint8_t> hashOf(const std::string& text) {
    const auto digest = crypto::sha256(text);
    return {digest.begin(), digest.end()};
}

std::vector<std::uint8_t> nameHashOf(const std::string& username) {
    std::string folded = username;
    std::transform(folded.begin(), folded.end(), folded.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return hashOf("sign-in name:" + folded);
}

core::Actor actorOf(const store::UserRecord& user, std::int64_t sessionId, bool limited) {
    return core::Actor{user.id,      user.username, user.displayName, user.role,
                       user.commune, sessionId,     limited};
}

// Session bookkeeping (last seen, removing an expired one) that may be skipped when storage is
// full: the request it rides on is a read and must still be answered (issue 10). A skipped
// refresh only makes the idle timeout end the session sooner.
template <typename Write>
void bookkeeping(Write write) {
    try {
        write();
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::Unavailable) throw;
        spdlog::warn("session bookkeeping skipped: {}", e.code());
    }
}

}  // namespace

IdentityService::IdentityService(store::UserRepository& users, store::SessionRepository& sessions,
                                 store::LoginThrottleRepository& throttle, HashingQueue& hashing,
                                 const SecretSealer& sealer, const core::Clock& clock,
                                 IdentitySettings settings)
    : users_(users),
      sessions_(sessions),
      throttle_(throttle),
      hashing_(hashing),
      sealer_(sealer),
      clock_(clock),
      settings_(std::move(settings)),
      dummyHash_(hashing.hash(crypto::randomToken(24))) {}

std::int64_t IdentityService::nowSeconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch())
        .count();
}

bool IdentityService::totpRequired(core::Role role) const {
    return settings_.totpEnabled && settings_.totpRequiredRoles.count(role) > 0;
}

LoginResult IdentityService::login(const LoginRequest& request) {
    const std::int64_t now = nowSeconds();
    if (throttle_.addressFailuresSince(request.address, now - 60) >=
        core::kAddressFailuresPerMinute) {
        spdlog::warn("sign-in throttled for address {}", request.address);
        throw core::Error(core::ErrorKind::Throttled, "throttled",
                          "Too many failed sign-ins from this address; wait a minute.");
    }
    const auto nameHash = nameHashOf(request.username);
    const auto lockout = throttle_.lockout(nameHash);
    const auto user = users_.findByUsername(request.username);
    if (core::isLocked(lockout, now)) {
        if (auto* audit = store::AuditContext::current()) audit->actorId = user ? user->id : 0;
        spdlog::warn("sign-in refused: account locked (user {})",
                     user ? std::to_string(user->id) : "unknown");
        throw core::Error(
            core::ErrorKind::Locked, "locked",
            "This account is locked after repeated failed sign-ins; try again later.");
    }
    // Always one Argon2id verification, known user or not.
    const bool passwordOk =
        hashing_.verify(request.password, user ? user->passwordHash : dummyHash_);
    const bool ok = user && !user->disabled && passwordOk && secondFactorOk(*user, request.totp);
    if (!ok) {
        refuse(nameHash, lockout, user, request.address, now);
        throw core::Unauthorized(kBadCredentials);
    }
    if (auto* audit = store::AuditContext::current()) {  // the entry goes with the next write
        audit->actorId = user->id;
        audit->role = core::roleName(user->role);
    }
    if (lockout.failures > 0 || lockout.lockouts > 0) throttle_.clearLockout(nameHash);

    const bool limited = totpRequired(user->role) && !user->totpConfirmed;
    LoginResult result;
    result.token = crypto::randomToken(32);
    result.csrfToken = crypto::randomToken(32);
    const std::int64_t expires = now + settings_.absoluteTimeoutSeconds;
    store::NewSession session{
        hashOf(result.token), hashOf(result.csrfToken), user->id, limited, now, expires};
    const auto id =
        sessions_.create(session, request.replacedToken.empty() ? std::vector<std::uint8_t>{}
                                                                : hashOf(request.replacedToken));
    result.actor = actorOf(*user, id, limited);
    result.expiresAt = core::TimePoint(std::chrono::seconds(expires));
    spdlog::info("sign-in: user {} ({}){}", user->id, core::roleName(user->role),
                 limited ? ", must enrol a second factor" : "");
    return result;
}

void IdentityService::checkCurrentPassword(const core::Actor& actor, const std::string& password,
                                           const std::string& address) {
    const std::int64_t now = nowSeconds();
    const auto user = users_.findById(actor.userId);
    if (!user || user->disabled) throw core::Unauthorized(kBadCredentials);
    const auto nameHash = nameHashOf(user->username);
    const auto lockout = throttle_.lockout(nameHash);
    if (core::isLocked(lockout, now))
        throw core::Error(core::ErrorKind::Locked, "locked",
                          "This account is locked after repeated failed attempts; try again "
                          "later.");
    if (!hashing_.verify(password, user->passwordHash)) {
        refuse(nameHash, lockout, user, address, now);
        throw core::Invalid("current_password", "The current password is not right.");
    }
    if (lockout.failures > 0 || lockout.lockouts > 0) throttle_.clearLockout(nameHash);
}

bool IdentityService::secondFactorOk(const store::UserRecord& user, const std::string& code) {
    if (!user.totpConfirmed) return true;
    if (code.empty() || user.totpSecret.empty()) return false;
    const auto secret = sealer_.unseal(user.id, user.totpSecret);
    const auto step = crypto::Totp::verify(secret, code, clock_.now());
    return step && users_.claimTotpStep(user.id, *step);  // single use
}

void IdentityService::refuse(const std::vector<std::uint8_t>& nameHash, core::LockoutState state,
                             const std::optional<store::UserRecord>& user,
                             const std::string& address, std::int64_t now) {
    const auto next = core::afterFailure(state, now);
    if (auto* audit = store::AuditContext::current()) {  // recorded with the failure count
        audit->actorId = user ? user->id : 0;
        audit->role = user ? core::roleName(user->role) : "";
        audit->outcome = "unauthorized";
        if (next.lockouts > state.lockouts) audit->detail = "account locked";
    }
    throttle_.saveLockout(nameHash, next);
    throttle_.addAddressFailure(address, now);
    const std::string who = user ? "user " + std::to_string(user->id) : "unknown user";
    spdlog::warn("sign-in failed: {} from {}", who, address);
    if (next.lockouts > state.lockouts)
        spdlog::warn("account locked for {} s after repeated failures: {}",
                     core::lockSeconds(state.lockouts), who);
}

std::optional<SignedIn> IdentityService::resolve(const std::string& token, bool refresh) {
    if (token.empty() || token.size() > 100) return std::nullopt;
    const auto found = sessions_.findWithUser(hashOf(token));  // one statement (issue 18)
    if (!found) return std::nullopt;
    const store::SessionRecord* session = &found->first;
    const store::UserRecord* user = &found->second;
    const std::int64_t now = nowSeconds();
    if (now >= session->expiresAt || now - session->lastSeenAt >= settings_.idleTimeoutSeconds) {
        bookkeeping([&] { sessions_.remove(session->id); });
        return std::nullopt;
    }
    if (user->disabled) return std::nullopt;
    // Refresh at most once a minute: one write per active user per minute, not per request.
    if (refresh && now - session->lastSeenAt >= 60)
        bookkeeping([&] { sessions_.touch(session->id, now); });
    return SignedIn{actorOf(*user, session->id, session->limited), session->csrfHash,
                    core::TimePoint(std::chrono::seconds(session->expiresAt))};
}

bool IdentityService::csrfMatches(const SignedIn& session, const std::string& csrfHeader) const {
    if (csrfHeader.empty()) return false;
    const auto given = hashOf(csrfHeader);
    return crypto::constantTimeEquals(given.data(), given.size(), session.csrfHash.data(),
                                      session.csrfHash.size());
}

void IdentityService::logout(const SignedIn& session) {
    sessions_.remove(session.actor.sessionId);
    spdlog::info("sign-out: user {}", session.actor.userId);
}

std::string IdentityService::enrolTotp(const core::Actor& actor) {
    const auto user = users_.findById(actor.userId);
    if (!user) throw core::NotFound();
    if (user->totpConfirmed)
        throw core::Conflict("totp_enrolled",
                             "A second factor is already set up for this account.");
    const auto secret = crypto::Totp::newSecret();
    users_.setTotpSecret(actor.userId, sealer_.seal(actor.userId, secret));
    spdlog::info("second factor enrolment started: user {}", actor.userId);
    return crypto::Totp::provisioningUri(secret, settings_.totpIssuer, actor.username);
}

void IdentityService::confirmTotp(const core::Actor& actor, const std::string& code) {
    const auto user = users_.findById(actor.userId);
    if (!user || user->totpSecret.empty() || user->totpConfirmed)
        throw core::Conflict("totp_not_pending",
                             "There is no second factor waiting for confirmation.");
    const auto secret = sealer_.unseal(user->id, user->totpSecret);
    const auto step = crypto::Totp::verify(secret, code, clock_.now());
    if (!step || !users_.claimTotpStep(user->id, *step))
        throw core::Invalid("code", "That code is not right or was already used.");
    users_.confirmTotp(user->id);
    sessions_.clearLimited(actor.sessionId);
    spdlog::info("second factor confirmed: user {}", actor.userId);
}

}  // namespace binhan::service
