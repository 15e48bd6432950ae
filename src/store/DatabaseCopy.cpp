#include "store/DatabaseCopy.h"

#include <Poco/Data/Session.h>
#include <sqlite3.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

#include "core/Error.h"
#include "store/Sql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {
namespace {

constexpr int kRowsPerInsert = 500;

struct SqliteCloser {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;
struct StatementCloser {
    void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};
using SqliteStatement = std::unique_ptr<sqlite3_stmt, StatementCloser>;

SqliteStatement prepare(sqlite3* db, const std::string& text) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, text.c_str(), -1, &st, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db) + ": " + text);
    return SqliteStatement(st);
}

void exec(sqlite3* db, const char* text) {
    if (sqlite3_exec(db, text, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db));
}

// The tables to copy, in the order they were created: a table is created after those it
// references, so PostgreSQL's foreign keys hold at every insert.
std::vector<std::string> tablesOf(sqlite3* db) {
    std::vector<std::string> tables;
    auto st = prepare(db,
                      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                      "'sqlite_%' AND name <> 'schema_migrations' ORDER BY rowid");
    while (sqlite3_step(st.get()) == SQLITE_ROW)
        tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0)));
    return tables;
}

std::int64_t countSqlite(sqlite3* db, const std::string& table) {
    auto st = prepare(db, "SELECT COUNT(*) FROM \"" + table + "\"");
    sqlite3_step(st.get());
    return sqlite3_column_int64(st.get(), 0);
}

struct Column {
    std::string name;
    bool bytes = false;  // bytea
};

std::vector<Column> columnsOf(Poco::Data::Session& s, const std::string& table) {
    std::vector<std::string> names, types;
    std::string name = table;
    s << sql(s,
             "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = "
             "current_schema() AND table_name = ? ORDER BY ordinal_position"),
        use(name), into(names), into(types), now;
    if (names.empty())
        throw std::runtime_error("table " + table +
                                 " is not in the PostgreSQL schema (a newer SQLite database?)");
    std::vector<Column> columns;
    for (std::size_t i = 0; i < names.size(); ++i)
        columns.push_back({names[i], types[i] == "bytea"});
    return columns;
}

// One value of the current SQLite row as a PostgreSQL literal. Literals instead of bound
// parameters let one INSERT carry hundreds of rows of any table. Text goes as an escape string
// (E'…': quotes doubled, backslashes doubled, and '$' as \x24, because Poco's PostgreSQL
// connector would count a '$' even inside a literal as a parameter); bytes go as hex.
std::string literal(sqlite3_stmt* st, int column, bool bytes) {
    const int type = sqlite3_column_type(st, column);
    if (type == SQLITE_NULL) return "NULL";
    if (bytes) {
        const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(st, column));
        const int size = sqlite3_column_bytes(st, column);
        std::string out = "'\\x";
        char hex[3];
        for (int i = 0; i < size; ++i) {
            std::snprintf(hex, sizeof hex, "%02x", data[i]);
            out += hex;
        }
        return out + "'::bytea";
    }
    if (type == SQLITE_INTEGER) return std::to_string(sqlite3_column_int64(st, column));
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, column));
    std::string out = "E'";
    for (const char* c = text; *c; ++c) {
        if (*c == '$') {
            out += "\\x24";
            continue;
        }
        if (*c == '\'' || *c == '\\') out += *c;
        out += *c;
    }
    return out + "'";
}

void copyTable(sqlite3* source, Poco::Data::Session& s, const std::string& table) {
    const auto columns = columnsOf(s, table);
    std::string list;
    for (const auto& c : columns) list += (list.empty() ? "\"" : ", \"") + c.name + "\"";
    auto st = prepare(source, "SELECT " + list + " FROM \"" + table + "\"");
    const std::string head = "INSERT INTO \"" + table + "\" (" + list + ") VALUES ";
    std::string batch;
    int rows = 0;
    for (;;) {
        const int step = sqlite3_step(st.get());
        if (step == SQLITE_ROW) {
            batch += batch.empty() ? head + "(" : ", (";
            for (std::size_t c = 0; c < columns.size(); ++c)
                batch += (c ? ", " : "") + literal(st.get(), static_cast<int>(c), columns[c].bytes);
            batch += ")";
            if (++rows % kRowsPerInsert != 0) continue;
        } else if (step != SQLITE_DONE) {
            throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(source));
        }
        if (!batch.empty()) {
            try {
                s << batch, now;
            } catch (const Poco::Exception& e) {
                // Poco's message quotes the statement, which holds the rows: say only where.
                throw std::runtime_error("copying table " + table + " failed near row " +
                                         std::to_string(rows) + " (" + e.className() + ")");
            }
        }
        batch.clear();
        if (step == SQLITE_DONE) return;
    }
}

// Ids the database assigns (identity columns) continue after the highest copied one.
void continueIdentities(Poco::Data::Session& s) {
    std::vector<std::string> tables, columns;
    s << "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
         "current_schema() AND is_identity = 'YES'",
        into(tables), into(columns), now;
    for (std::size_t i = 0; i < tables.size(); ++i)
        s << "SELECT setval(pg_get_serial_sequence('\"" + tables[i] + "\"', '" + columns[i] +
                 "'), COALESCE((SELECT MAX(\"" + columns[i] + "\") FROM \"" + tables[i] +
                 "\"), 0) + 1, false)",
            now;
}

void requireEmptyIn(Poco::Data::Session& s) {
    Poco::Int64 rows = 0;
    s << "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM cases) + "
         "(SELECT COUNT(*) FROM audit_log)",
        into(rows), now;
    if (rows > 0)
        throw core::Conflict("target_not_empty",
                             "The PostgreSQL database already holds users, cases or audit "
                             "entries; migrate only into a new, empty database.");
}

}  // namespace

void requireEmptyTarget(Database& target) {
    target.withReader([](Poco::Data::Session& s) { requireEmptyIn(s); });
}

std::vector<TableCopy> copySQLiteToPostgreSQL(
    const std::string& sqlitePath, Database& target,
    const std::function<void(const TableCopy&)>& progress) {
    if (target.backend() != Backend::PostgreSQL)
        throw std::invalid_argument("the target of the copy must be a PostgreSQL database");
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(sqlitePath.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(raw);
        throw std::runtime_error("cannot open the SQLite database " + sqlitePath);
    }
    SqliteHandle source(raw);
    sqlite3_busy_timeout(source.get(), 30000);
    exec(source.get(), "BEGIN IMMEDIATE");  // no write lands in the source from here on
    std::vector<TableCopy> copied;
    target.withWriter([&](Poco::Data::Session& s) {
        s << "SET LOCAL standard_conforming_strings = on", now;
        requireEmptyIn(s);
        for (const auto& table : tablesOf(source.get())) {
            copyTable(source.get(), s, table);
            copied.push_back({table, countSqlite(source.get(), table), 0});
        }
        continueIdentities(s);
    });
    for (auto& table : copied) {
        target.withReader([&](Poco::Data::Session& s) {
            Poco::Int64 n = 0;
            s << "SELECT COUNT(*) FROM \"" + table.table + "\"", into(n), now;
            table.targetRows = n;
        });
        if (progress) progress(table);
    }
    // The planner's statistics of the new tables: without them PostgreSQL guessed 3 rows for
    // 18,000 stages and chose scans that made a phone search take 9 ms instead of 0.35 ms, until
    // autovacuum came round (docs/benchmarks.md, issue 18).
    target.withReader([](Poco::Data::Session& s) { s << "ANALYZE", now; });
    exec(source.get(), "ROLLBACK");
    return copied;
}

}  // namespace binhan::store
