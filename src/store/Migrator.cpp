#include "store/Migrator.h"

#include <Poco/Data/Session.h>

#include <algorithm>
#include <stdexcept>

#include "core/Error.h"
#include "store/Sql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {
namespace {

const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))";
const char* kCreateTablePostgreSQL =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL"
    " DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))";

Migration parse(const core::EmbeddedFile& file) {
    const auto underscore = file.name.find('_');
    const auto dot = file.name.rfind(".sql");
    if (underscore == std::string::npos || underscore == 0 || dot == std::string::npos ||
        !std::all_of(file.name.begin(), file.name.begin() + underscore, ::isdigit))
        throw std::invalid_argument("migration file must be named NNN_name.sql: " + file.name);
    return {std::stoi(file.name.substr(0, underscore)), file.name.substr(0, dot), file.text};
}

}  // namespace

Migrator::Migrator(const std::vector<core::EmbeddedFile>& files) {
    for (const auto& file : files) migrations_.push_back(parse(file));
    std::sort(migrations_.begin(), migrations_.end(),
              [](const Migration& a, const Migration& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < migrations_.size(); ++i)
        if (migrations_[i].version == migrations_[i - 1].version)
            throw std::invalid_argument("two migrations share version " +
                                        std::to_string(migrations_[i].version));
}

int Migrator::currentVersion(Database& db) const {
    int version = 0;
    db.withWriter([&](Poco::Data::Session& session) {
        session << (isPostgreSQL(session) ? kCreateTablePostgreSQL : kCreateTable), now;
        session << sql(session, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"),
            into(version), now;
    });
    return version;
}

bool Migrator::holdsTables(Database& db) {
    Poco::Int64 tables = 0;
    db.withReader([&](Poco::Data::Session& session) {
        session << (isPostgreSQL(session)
                        ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                          "current_schema()"
                        : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"),
            into(tables), now;
    });
    return tables > 0;
}

int Migrator::migrate(Database& db) const {
    const int current = currentVersion(db);
    if (current > latestVersion())
        throw core::Unavailable("the database is at schema version " + std::to_string(current) +
                                " but this binhan knows only up to " +
                                std::to_string(latestVersion()) +
                                "; run the newer binhan or restore a matching backup");
    int applied = 0;
    for (const auto& migration : migrations_) {
        if (migration.version <= current) continue;
        db.withWriter([&](Poco::Data::Session& session) {
            try {
                Database::executeScript(session, migration.sql);
            } catch (const Poco::Exception& e) {
                throw std::runtime_error("migration " + migration.name + " failed: " + e.message());
            }
            int version = migration.version;
            std::string name = migration.name;
            session << sql(session, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)"),
                use(version), use(name), now;
        });
        ++applied;
    }
    return applied;
}

std::vector<core::EmbeddedFile> embeddedSchemaFiles(Backend backend) {
    return backend == Backend::PostgreSQL ? embeddedPostgreSQLSchemaFiles() : embeddedSchemaFiles();
}

}  // namespace binhan::store
