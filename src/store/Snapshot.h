#pragma once
// A consistent copy of the live database file made with SQLite's online backup API, while the
// server keeps running (readers and writers are not stopped; the copy is one point in time).
#include <string>

namespace binhan::store {

// Copies the database at `databasePath` into a new file `targetPath` (mode 0600). Throws
// std::runtime_error with SQLite's message on failure.
void snapshotDatabase(const std::string& databasePath, const std::string& targetPath);
// The highest migration applied to the database file at `path` (0 when none).
int schemaVersionOf(const std::string& path);

}  // namespace binhan::store
