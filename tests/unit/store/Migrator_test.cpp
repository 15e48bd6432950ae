#include "store/Migrator.h"

#include <Poco/Data/Session.h>
#include <catch2/catch.hpp>
#include <filesystem>

#include "core/Error.h"
#include "support/TempDb.h"

using namespace binhan;
using namespace Poco::Data::Keywords;
namespace fs = std::filesystem;

namespace {

using testing::TempDb;

int countRows(store::Database& db, const std::string& sql) {
    int n = 0;
    db.withReader([&](Poco::Data::Session& s) { s << sql, into(n), now; });
    return n;
}

}  // namespace

TEST_CASE("migrations apply in number order, each once", "[store][migrations]") {
    TempDb temp;
    store::Database db({temp.path, 2, 1000});
    // Given out of order: 002 needs the table of 001, 010 needs 002's.
    std::vector<core::EmbeddedFile> files = {
        {"010_third.sql", "INSERT INTO b (x) VALUES (3);"},
        {"001_first.sql", "CREATE TABLE a (x INTEGER PRIMARY KEY);"},
        {"002_second.sql", "CREATE TABLE b (x INTEGER REFERENCES a(x)); INSERT INTO a VALUES (3);"},
    };
    store::Migrator migrator(files);
    CHECK(migrator.latestVersion() == 10);
    CHECK(migrator.migrate(db) == 3);
    CHECK(migrator.currentVersion(db) == 10);
    CHECK(countRows(db, "SELECT COUNT(*) FROM b") == 1);
    CHECK(migrator.migrate(db) == 0);  // again: nothing to do
    CHECK(countRows(db, "SELECT COUNT(*) FROM schema_migrations") == 3);
}

TEST_CASE("a failing migration leaves nothing half-applied", "[store][migrations]") {
    TempDb temp;
    store::Database db({temp.path, 1, 1000});
    store::Migrator migrator(std::vector<core::EmbeddedFile>{
        {"001_ok.sql", "CREATE TABLE a (x INTEGER);"},
        {"002_bad.sql", "CREATE TABLE c (x INTEGER); NOT SQL AT ALL;"}});
    CHECK_THROWS_WITH(migrator.migrate(db), Catch::Contains("002_bad failed"));
    CHECK(migrator.currentVersion(db) == 1);
    CHECK(countRows(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'c'") == 0);
}

TEST_CASE("a database newer than the binary is refused, untouched", "[store][migrations]") {
    TempDb temp;
    store::Database db({temp.path, 1, 1000});
    store::Migrator(std::vector<core::EmbeddedFile>{{"001_a.sql", "CREATE TABLE a (x INTEGER);"},
                                                    {"002_b.sql", "CREATE TABLE b (x INTEGER);"}})
        .migrate(db);
    store::Migrator older(
        std::vector<core::EmbeddedFile>{{"001_a.sql", "CREATE TABLE a (x INTEGER);"}});
    try {
        older.migrate(db);
        FAIL("expected a refusal");
    } catch (const core::Error& e) {
        CHECK(e.kind() == core::ErrorKind::Unavailable);
        CHECK(std::string(e.what()).find("schema version 2") != std::string::npos);
    }
}

TEST_CASE("migration file names must be NNN_name.sql and unique", "[store][migrations]") {
    CHECK_THROWS(store::Migrator(std::vector<core::EmbeddedFile>{{"first.sql", ""}}));
    CHECK_THROWS(
        store::Migrator(std::vector<core::EmbeddedFile>{{"001_a.sql", ""}, {"001_b.sql", ""}}));
}

TEST_CASE("the shipped schema applies to a new database", "[store][migrations]") {
    TempDb temp;
    store::Database db({temp.path, 1, 1000});
    store::Migrator migrator(store::embeddedSchemaFiles());
    CHECK(migrator.migrate(db) >= 1);
    CHECK(countRows(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'users'") == 1);
}
