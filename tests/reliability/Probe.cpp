#include "reliability/Probe.h"

#include <sqlite3.h>

#include <fstream>
#include <stdexcept>

namespace binhan::testing {

std::vector<std::vector<std::string>> queryRows(const std::string& dbPath, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(dbPath.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + dbPath);
    }
    sqlite3_busy_timeout(db, 5000);
    std::vector<std::vector<std::string>> rows;
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        if ((rc = sqlite3_step(statement)) != SQLITE_ROW) break;
        std::vector<std::string> row;
        for (int i = 0; i < sqlite3_column_count(statement); ++i) {
            const auto* text = sqlite3_column_text(statement, i);
            row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
        }
        rows.push_back(std::move(row));
    }
    const std::string message = sqlite3_errmsg(db);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + message);
    return rows;
}

std::int64_t queryNumber(const std::string& dbPath, const std::string& sql) {
    const auto rows = queryRows(dbPath, sql);
    return rows.empty() || rows[0].empty() || rows[0][0].empty() ? 0 : std::stoll(rows[0][0]);
}

std::pair<int, std::string> verifyAudit(const TestServer& server) {
    auto args = server.baseArgs();
    args.insert(args.begin(),
                {"audit", "verify", "--checkpoints", server.dataDir() + "/audit-checkpoints"});
    return runBinhan(args);
}

long procStatus(int pid, const std::string& field) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
    return -1;
}

}  // namespace binhan::testing
