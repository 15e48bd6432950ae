#include "store/SessionRepository.h"
#include "store/Sql.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/Session.h>

using namespace Poco::Data::Keywords;

namespace binhan::store {

std::int64_t SessionRepository::create(const NewSession& n,
                                       const std::vector<std::uint8_t>& replacedTokenHash) {
    Poco::Int64 id = 0;
    db_.withWriter([&](Poco::Data::Session& s) {
        if (!replacedTokenHash.empty()) {
            Poco::Data::BLOB old(replacedTokenHash.data(), replacedTokenHash.size());
            s << sql(s, "DELETE FROM sessions WHERE token_hash = ?"), use(old), now;
        }
        Poco::Data::BLOB token(n.tokenHash.data(), n.tokenHash.size());
        Poco::Data::BLOB csrf(n.csrfHash.data(), n.csrfHash.size());
        Poco::Int64 user = n.userId, at = n.now, expires = n.expiresAt;
        int limited = n.limited ? 1 : 0;
        s << sql(s,
                 "INSERT INTO sessions (token_hash, csrf_hash, user_id, limited, created_at, "
                 "last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            use(token), use(csrf), use(user), use(limited), use(at), use(at), use(expires),
            into(id), now;
    });
    return id;
}

std::optional<SessionRecord> SessionRepository::findByTokenHash(
    const std::vector<std::uint8_t>& tokenHash) {
    std::optional<SessionRecord> found;
    db_.withReader([&](Poco::Data::Session& s) {
        Poco::Data::BLOB token(tokenHash.data(), tokenHash.size());
        std::vector<Poco::Int64> id, user, created, seen, expires;
        std::vector<int> limited;
        std::vector<Poco::Data::BLOB> csrf;
        s << sql(s,
                 "SELECT id, user_id, csrf_hash, limited, created_at, last_seen_at, expires_at "
                 "FROM sessions WHERE token_hash = ?"),
            use(token), into(id), into(user), into(csrf), into(limited), into(created), into(seen),
            into(expires), now;
        if (id.empty()) return;
        SessionRecord r;
        r.id = id[0];
        r.userId = user[0];
        r.csrfHash.assign(csrf[0].rawContent(), csrf[0].rawContent() + csrf[0].size());
        r.limited = limited[0] != 0;
        r.createdAt = created[0];
        r.lastSeenAt = seen[0];
        r.expiresAt = expires[0];
        found = r;
    });
    return found;
}

void SessionRepository::touch(std::int64_t id, std::int64_t at) {
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 key = id, when = at;
        s << sql(s, "UPDATE sessions SET last_seen_at = ? WHERE id = ?"), use(when), use(key), now;
    });
}

void SessionRepository::clearLimited(std::int64_t id) {
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 key = id;
        s << sql(s, "UPDATE sessions SET limited = 0 WHERE id = ?"), use(key), now;
    });
}

void SessionRepository::remove(std::int64_t id) {
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 key = id;
        s << sql(s, "DELETE FROM sessions WHERE id = ?"), use(key), now;
    });
}

void SessionRepository::removeExpired(std::int64_t at, std::int64_t idleSeconds) {
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 when = at, idleBefore = at - idleSeconds;
        s << sql(s, "DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?"), use(when),
            use(idleBefore), now;
    });
}

}  // namespace binhan::store
