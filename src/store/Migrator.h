#pragma once
// Applies the numbered migrations of schema/ (NNN_name.sql, compiled into the binary) in order,
// each in its own transaction together with its row in schema_migrations, so a crash leaves the
// database at a whole migration. A database newer than the binary is refused, never touched.
#include <string>
#include <vector>

#include "core/EmbeddedFile.h"
#include "store/Database.h"

namespace binhan::store {

struct Migration {
    int version = 0;
    std::string name;  // file name without ".sql", e.g. "001_foundation"
    std::string sql;
};

class Migrator {
  public:
    // Parses and orders `files`; throws std::invalid_argument on a bad or duplicate number.
    explicit Migrator(const std::vector<core::EmbeddedFile>& files);

    // The highest version applied to `db`, 0 for a new database.
    int currentVersion(Database& db) const;
    // Whether the database holds any table at all (issue 23: a restore goes only into an empty
    // one); unlike currentVersion, creates nothing.
    static bool holdsTables(Database& db);
    int latestVersion() const { return migrations_.empty() ? 0 : migrations_.back().version; }
    // Applies every pending migration and returns how many it applied. Throws
    // core::Error(Unavailable) when the database is newer than this binary.
    int migrate(Database& db) const;

  private:
    std::vector<Migration> migrations_;
};

// The migrations compiled from schema/ (SQLite) and schema/postgresql/ (the same numbers, in
// PostgreSQL's dialect: a database at version N holds the same tables on either backend).
std::vector<core::EmbeddedFile> embeddedSchemaFiles();
std::vector<core::EmbeddedFile> embeddedPostgreSQLSchemaFiles();
std::vector<core::EmbeddedFile> embeddedSchemaFiles(Backend backend);

}  // namespace binhan::store
