#pragma once
// `binhan migrate-to-postgresql` (issue 11): copies every row of a SQLite deployment's database
// into an empty PostgreSQL database at the same schema version. SQL lives here, in src/store.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/Database.h"

namespace binhan::store {

struct TableCopy {
    std::string table;
    std::int64_t sourceRows = 0;  // counted in SQLite after the copy, under the same lock
    std::int64_t targetRows = 0;  // counted in PostgreSQL after the commit
};

// Copies every table of the SQLite file `sqlitePath` (but schema_migrations) into `target`, a
// PostgreSQL database whose schema is at the same version and which holds no users, cases or
// audit entries (else core::Conflict, nothing written). The SQLite write lock is held from the
// first read to the end, so no write can land in the source after it was copied (a running
// server's writes wait, then fail); the whole copy is one PostgreSQL transaction, so a failure
// leaves the target as empty as it was. Identity sequences continue after the copied ids.
// `progress` is told each table as it is done. Returns each table's rows on both sides.
// Throws core::Conflict("target_not_empty") when `target` holds users, cases or audit entries.
void requireEmptyTarget(Database& target);

std::vector<TableCopy> copySQLiteToPostgreSQL(
    const std::string& sqlitePath, Database& target,
    const std::function<void(const TableCopy&)>& progress = {});

}  // namespace binhan::store
