#include "store/SessionRepository.h"

#include "store/Sql.h"
#include "store/UserRows.h"

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

namespace {

const std::string kSessionColumns =
    "s.id, s.user_id, s.csrf_hash, s.limited, s.created_at, s.last_seen_at, s.expires_at";
constexpr int kSessionColumnCount = 7;

SessionRecord readSession(const Query& row) {
    SessionRecord r;
    r.id = row.integer(0);
    r.userId = row.integer(1);
    r.csrfHash = row.blob(2);
    r.limited = row.flag(3);
    r.createdAt = row.integer(4);
    r.lastSeenAt = row.integer(5);
    r.expiresAt = row.integer(6);
    return r;
}

}  // namespace

std::optional<SessionRecord> SessionRepository::findByTokenHash(
    const std::vector<std::uint8_t>& tokenHash) {
    std::optional<SessionRecord> found;
    db_.withReader([&](Poco::Data::Session& s) {
        Query query(s, "SELECT " + kSessionColumns + " FROM sessions s WHERE s.token_hash = ?");
        if (query.bind(tokenHash).next()) found = readSession(query);
    });
    return found;
}

std::optional<std::pair<SessionRecord, UserRecord>> SessionRepository::findWithUser(
    const std::vector<std::uint8_t>& tokenHash) {
    std::optional<std::pair<SessionRecord, UserRecord>> found;
    db_.withReader([&](Poco::Data::Session& s) {
        Query query(s, "SELECT " + kSessionColumns + ", " + kUserColumns +
                           " FROM sessions s JOIN users u ON u.id = s.user_id "
                           "WHERE s.token_hash = ?");
        if (query.bind(tokenHash).next())
            found.emplace(readSession(query), readUser(query, kSessionColumnCount));
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
