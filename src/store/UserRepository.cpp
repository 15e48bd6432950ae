#include "store/UserRepository.h"
#include "store/UserRows.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>

#include "core/Error.h"
#include "store/Sql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {

UserRecord readUser(const Query& row, int c) {
    UserRecord u;
    u.id = row.integer(c);
    u.commune = row.text(c + 1);
    u.username = row.text(c + 2);
    u.displayName = row.text(c + 3);
    u.role = core::parseRole(row.text(c + 4)).value_or(core::Role::Admin);
    u.passwordHash = row.text(c + 5);
    u.disabled = row.flag(c + 6);
    u.createdAt = row.text(c + 7);
    u.updatedAt = row.text(c + 8);
    if (!row.isNull(c + 9)) u.totpSecret = row.blob(c + 9);
    u.totpConfirmed = row.flag(c + 10);
    u.totpLastStep = row.integer(c + 11);
    return u;
}

namespace {

const std::string kSelectUsers = std::string("SELECT ") + kUserColumns + " FROM users u ";

std::vector<UserRecord> readUsers(Query& query) {
    std::vector<UserRecord> out;
    while (query.next()) out.push_back(readUser(query, 0));
    return out;
}

std::optional<UserRecord> first(std::vector<UserRecord> users) {
    if (users.empty()) return std::nullopt;
    return std::move(users.front());
}

Poco::Int64 enabledAdmins(Poco::Data::Session& s) {
    Poco::Int64 n = 0;
    s << sql(s, "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0"), into(n), now;
    return n;
}

}  // namespace

std::int64_t UserRepository::count() {
    Poco::Int64 n = 0;
    db_.withReader(
        [&](Poco::Data::Session& s) { s << sql(s, "SELECT COUNT(*) FROM users"), into(n), now; });
    return n;
}

bool UserRepository::exists(const std::string& username) {
    return findByUsername(username).has_value();
}

std::int64_t UserRepository::insert(const NewUser& user, const std::string& communeName) {
    Poco::Int64 id = 0;
    db_.withWriter([&](Poco::Data::Session& s) {
        NewUser u = user;
        std::string name = communeName;
        std::string role = core::roleName(u.role);
        Poco::Int64 taken = 0;
        s << sql(s, "SELECT COUNT(*) FROM users WHERE username = ?"), use(u.username), into(taken),
            now;
        if (taken) throw core::Conflict("username_taken", "That username is already in use.");
        s << sql(s,
                 "INSERT INTO communes (code, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO "
                 "NOTHING"),
            use(u.commune), use(name), use(u.createdAt), now;
        s << sql(s,
                 "INSERT INTO users (commune, username, display_name, role, password_hash, "
                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            use(u.commune), use(u.username), use(u.displayName), use(role), use(u.passwordHash),
            use(u.createdAt), use(u.createdAt), into(id), now;
    });
    return id;
}

std::optional<UserRecord> UserRepository::findByUsername(const std::string& username) {
    std::vector<UserRecord> found;
    std::string name = username;
    db_.withReader([&](Poco::Data::Session& s) {
        Query query(s, kSelectUsers + "WHERE u.username = ?");
        found = readUsers(query.bind(name));
    });
    return first(std::move(found));
}

std::optional<UserRecord> UserRepository::findById(std::int64_t id) {
    std::vector<UserRecord> found;
    Poco::Int64 key = id;
    db_.withReader([&](Poco::Data::Session& s) {
        Query query(s, kSelectUsers + "WHERE u.id = ?");
        found = readUsers(query.bind(key));
    });
    return first(std::move(found));
}

std::vector<UserRecord> UserRepository::list(std::int64_t afterId, int limit) {
    std::vector<UserRecord> found;
    Poco::Int64 after = afterId;
    int n = limit;
    db_.withReader([&](Poco::Data::Session& s) {
        Query query(s, kSelectUsers + "WHERE u.id > ? ORDER BY u.id LIMIT ?");
        found = readUsers(query.bind(after).bind(n));
    });
    return found;
}

bool UserRepository::update(std::int64_t id, const UserChanges& changes, const std::string& when) {
    bool found = false;
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 key = id, exists = 0;
        std::string stamp = when;
        s << sql(s, "SELECT COUNT(*) FROM users WHERE id = ?"), use(key), into(exists), now;
        if (!exists) return;
        found = true;
        if (changes.role) {
            std::string role = core::roleName(*changes.role);
            s << sql(s, "UPDATE users SET role = ?, updated_at = ? WHERE id = ?"), use(role),
                use(stamp), use(key), now;
        }
        if (changes.displayName) {
            std::string name = *changes.displayName;
            s << sql(s, "UPDATE users SET display_name = ?, updated_at = ? WHERE id = ?"),
                use(name), use(stamp), use(key), now;
        }
        if (changes.disabled) {
            int disabled = *changes.disabled ? 1 : 0;
            s << sql(s, "UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?"),
                use(disabled), use(stamp), use(key), now;
            if (disabled) s << sql(s, "DELETE FROM sessions WHERE user_id = ?"), use(key), now;
        }
        if (changes.commune) {
            std::string commune = *changes.commune;
            s << sql(s, "UPDATE users SET commune = ?, updated_at = ? WHERE id = ?"), use(commune),
                use(stamp), use(key), now;
            // What was open in the old commune is not theirs any more: sign in again, and the
            // old commune's notices (and their sends) go (issue 22).
            s << sql(s, "DELETE FROM sessions WHERE user_id = ?"), use(key), now;
            s << sql(s,
                     "DELETE FROM notification_inbox WHERE user_id = ? AND notification_id IN "
                     "(SELECT n.id FROM notifications n JOIN cases c ON c.id = n.case_id WHERE "
                     "c.commune <> ?)"),
                use(key), use(commune), now;
        }
        if (enabledAdmins(s) == 0)
            throw core::Conflict("last_admin", "This would leave no enabled administrator.");
    });
    return found;
}

bool UserRepository::setPassword(std::int64_t id, const std::string& passwordHash,
                                 const std::string& when, std::int64_t keptSession) {
    bool found = false;
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 key = id;
        std::string hash = passwordHash, stamp = when;
        Poco::Data::Statement st(s);
        st << sql(s, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?"), use(hash),
            use(stamp), use(key);
        found = st.execute() > 0;
        Poco::Int64 kept = keptSession;
        if (found)
            s << sql(s, "DELETE FROM sessions WHERE user_id = ? AND id <> ?"), use(key), use(kept),
                now;
    });
    return found;
}

void UserRepository::setTotpSecret(std::int64_t id,
                                   const std::vector<std::uint8_t>& encryptedSecret) {
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 key = id;
        Poco::Data::BLOB blob(encryptedSecret.data(), encryptedSecret.size());
        s << sql(
            s,
            "UPDATE users SET totp_secret = ?, totp_confirmed = 0, totp_last_step = 0 WHERE id = "
            "?"),
            use(blob), use(key), now;
    });
}

void UserRepository::confirmTotp(std::int64_t id) {
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 key = id;
        s << sql(s, "UPDATE users SET totp_confirmed = 1 WHERE id = ?"), use(key), now;
    });
}

bool UserRepository::claimTotpStep(std::int64_t id, std::int64_t step) {
    bool claimed = false;
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 key = id, value = step;
        Poco::Data::Statement st(s);
        st << sql(s, "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?"),
            use(value), use(key), use(value);
        claimed = st.execute() > 0;
    });
    return claimed;
}

std::vector<CommuneRecord> UserRepository::communes() {
    std::vector<std::string> code, name;
    db_.withReader([&](Poco::Data::Session& s) {
        s << sql(s, "SELECT code, name FROM communes ORDER BY code"), into(code), into(name), now;
    });
    std::vector<CommuneRecord> out;
    for (std::size_t i = 0; i < code.size(); ++i) out.push_back({code[i], name[i]});
    return out;
}

std::optional<CommuneRecord> UserRepository::findCommune(const std::string& code) {
    std::vector<std::string> name;
    std::string key = code;
    db_.withReader([&](Poco::Data::Session& s) {
        s << sql(s, "SELECT name FROM communes WHERE code = ?"), use(key), into(name), now;
    });
    if (name.empty()) return std::nullopt;
    return CommuneRecord{code, name[0]};
}

bool UserRepository::addCommune(const CommuneRecord& commune, const std::string& createdAt) {
    bool added = false;
    db_.withWriter([&](Poco::Data::Session& s) {
        std::string code = commune.code, name = commune.name, at = createdAt;
        Poco::Data::Statement st(s);
        st << sql(s,
                  "INSERT INTO communes (code, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO "
                  "NOTHING"),
            use(code), use(name), use(at);
        added = st.execute() > 0;
    });
    return added;
}

std::vector<std::string> UserRepository::villages(const std::string& commune) {
    std::vector<std::string> names;
    std::string key = commune;
    db_.withReader([&](Poco::Data::Session& s) {
        s << sql(s, "SELECT name FROM villages WHERE commune = ? ORDER BY position"), use(key),
            into(names), now;
    });
    return names;
}

void UserRepository::setVillages(const std::string& commune,
                                 const std::vector<std::string>& names) {
    db_.withWriter([&](Poco::Data::Session& s) {
        std::string key = commune;
        s << sql(s, "DELETE FROM villages WHERE commune = ?"), use(key), now;
        for (std::size_t i = 0; i < names.size(); ++i) {
            Poco::Int64 position = static_cast<Poco::Int64>(i);
            std::string name = names[i];
            s << sql(s, "INSERT INTO villages (commune, position, name) VALUES (?, ?, ?)"),
                use(key), use(position), use(name), now;
        }
    });
}

}  // namespace binhan::store
