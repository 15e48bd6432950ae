#pragma once
// What the reliability tests look at besides the API: the database file itself (read with the
// SQLite library, while the server is stopped or beside it in WAL mode), `binhan audit verify`,
// and the server process's /proc status.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "api/TestServer.h"

namespace binhan::testing {

// Runs `sql` on the database at `dbPath`; every row's columns as text (NULL as ""). Throws
// std::runtime_error with SQLite's message when the statement fails.
std::vector<std::vector<std::string>> queryRows(const std::string& dbPath, const std::string& sql);
// The first column of the first row as a number (0 when there is no row).
std::int64_t queryNumber(const std::string& dbPath, const std::string& sql);

// `binhan audit verify --checkpoints <data dir>/audit-checkpoints` on the server's data dir:
// exit code and output.
std::pair<int, std::string> verifyAudit(const TestServer& server);

// A field of /proc/<pid>/status as a number ("Threads", "VmRSS" in kB); -1 when absent.
long procStatus(int pid, const std::string& field);

}  // namespace binhan::testing
