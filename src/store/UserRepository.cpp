#include "store/UserRepository.h"

#include <Poco/Data/Session.h>

#include "core/Error.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {

std::int64_t UserRepository::count() {
    Poco::Int64 n = 0;
    db_.withReader([&](Poco::Data::Session& s) { s << "SELECT COUNT(*) FROM users", into(n), now; });
    return n;
}

bool UserRepository::exists(const std::string& username) {
    Poco::Int64 n = 0;
    std::string name = username;
    db_.withReader([&](Poco::Data::Session& s) {
        s << "SELECT COUNT(*) FROM users WHERE username = ?", use(name), into(n), now;
    });
    return n > 0;
}

std::int64_t UserRepository::insert(const NewUser& user, const std::string& communeName) {
    Poco::Int64 id = 0;
    db_.withWriter([&](Poco::Data::Session& s) {
        NewUser u = user;
        std::string name = communeName;
        std::string role = core::roleName(u.role);
        Poco::Int64 taken = 0;
        s << "SELECT COUNT(*) FROM users WHERE username = ?", use(u.username), into(taken), now;
        if (taken) throw core::Conflict("username_taken", "That username is already in use.");
        s << "INSERT OR IGNORE INTO communes (code, name, created_at) VALUES (?, ?, ?)",
            use(u.commune), use(name), use(u.createdAt), now;
        s << "INSERT INTO users (commune, username, display_name, role, password_hash, "
             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            use(u.commune), use(u.username), use(u.displayName), use(role), use(u.passwordHash),
            use(u.createdAt), use(u.createdAt), now;
        s << "SELECT last_insert_rowid()", into(id), now;
    });
    return id;
}

}  // namespace binhan::store
