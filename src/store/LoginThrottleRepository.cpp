#include "store/LoginThrottleRepository.h"
#include "store/Sql.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/Session.h>

using namespace Poco::Data::Keywords;

namespace binhan::store {

core::LockoutState LoginThrottleRepository::lockout(const std::vector<std::uint8_t>& nameHash) {
    core::LockoutState state;
    db_.withReader([&](Poco::Data::Session& s) {
        Poco::Data::BLOB key(nameHash.data(), nameHash.size());
        std::vector<int> failures, lockouts;
        std::vector<Poco::Int64> until;
        s << sql(s,
                 "SELECT failures, lockouts, locked_until FROM login_lockouts WHERE name_hash = ?"),
            use(key), into(failures), into(lockouts), into(until), now;
        if (failures.empty()) return;
        state.failures = failures[0];
        state.lockouts = lockouts[0];
        state.lockedUntil = until[0];
    });
    return state;
}

void LoginThrottleRepository::saveLockout(const std::vector<std::uint8_t>& nameHash,
                                          const core::LockoutState& state) {
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Data::BLOB key(nameHash.data(), nameHash.size());
        int failures = state.failures, lockouts = state.lockouts;
        Poco::Int64 until = state.lockedUntil;
        s << sql(s,
                 "INSERT INTO login_lockouts (name_hash, failures, lockouts, locked_until) "
                 "VALUES (?, ?, ?, ?) ON CONFLICT(name_hash) DO UPDATE SET failures = "
                 "excluded.failures, "
                 "lockouts = excluded.lockouts, locked_until = excluded.locked_until"),
            use(key), use(failures), use(lockouts), use(until), now;
    });
}

void LoginThrottleRepository::clearLockout(const std::vector<std::uint8_t>& nameHash) {
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Data::BLOB key(nameHash.data(), nameHash.size());
        s << sql(s, "DELETE FROM login_lockouts WHERE name_hash = ?"), use(key), now;
    });
}

int LoginThrottleRepository::addressFailuresSince(const std::string& address, std::int64_t since) {
    int n = 0;
    db_.withReader([&](Poco::Data::Session& s) {
        std::string a = address;
        Poco::Int64 from = since;
        s << sql(s, "SELECT COUNT(*) FROM login_failures_by_address WHERE address = ? AND at >= ?"),
            use(a), use(from), into(n), now;
    });
    return n;
}

void LoginThrottleRepository::addAddressFailure(const std::string& address, std::int64_t at) {
    db_.withWriter([&](Poco::Data::Session& s) {
        std::string a = address;
        Poco::Int64 when = at, old = at - 3600;
        s << sql(s, "INSERT INTO login_failures_by_address (address, at) VALUES (?, ?)"), use(a),
            use(when), now;
        s << sql(s, "DELETE FROM login_failures_by_address WHERE at < ?"), use(old), now;
    });
}

}  // namespace binhan::store
