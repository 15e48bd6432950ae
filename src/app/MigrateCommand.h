#pragma once
// `binhan migrate-to-postgresql` (issue 11): moves a SQLite deployment onto PostgreSQL, when a
// commune joins its province's shared server. Reads the SQLite database of store.path, writes the
// PostgreSQL database of store.postgresql.* (created empty beforehand by the DBA), then checks
// every table's row count on both sides and the audit chain (with the data dir's signed
// checkpoints) on PostgreSQL, and says what it did. Stop `binhan serve` first: the SQLite write
// lock is held throughout, so a running server's writes would fail, never be lost.
#include <iosfwd>

#include "app/Config.h"

namespace binhan::app {

// 0 when everything was copied and verified; otherwise a message on `out` and non-zero.
int runMigrateToPostgreSQL(const ConfigSources& sources, std::ostream& out);

}  // namespace binhan::app
