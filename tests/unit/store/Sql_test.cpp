#include "store/Sql.h"

#include <catch2/catch.hpp>

using binhan::store::toPostgreSQL;

TEST_CASE("placeholders are numbered in the order Poco binds them", "[store][sql][postgresql]") {
    CHECK(toPostgreSQL("SELECT a FROM t WHERE b = ? AND c IN (?, ?) LIMIT ?") ==
          "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3) LIMIT $4");
    CHECK(toPostgreSQL("SELECT 1") == "SELECT 1");
}

TEST_CASE("a '?' or x'' inside quoted text is left alone", "[store][sql][postgresql]") {
    CHECK(toPostgreSQL("SELECT '?', \"a?b\" FROM t WHERE c = ?") ==
          "SELECT '?', \"a?b\" FROM t WHERE c = $1");
    CHECK(toPostgreSQL("SELECT 'it''s ?' WHERE d = ?") == "SELECT 'it''s ?' WHERE d = $1");
    CHECK(toPostgreSQL("SELECT 'x''' WHERE e = ?") == "SELECT 'x''' WHERE e = $1");
}

TEST_CASE("SQLite's empty blob literal becomes an empty bytea", "[store][sql][postgresql]") {
    CHECK(toPostgreSQL("VALUES (NULLIF(?, x''))") == "VALUES (NULLIF($1, ''::bytea))");
    CHECK(toPostgreSQL("COALESCE(r.decline_reason, x'')") ==
          "COALESCE(r.decline_reason, ''::bytea)");
    // Only the literal: a name that ends in x is not touched.
    CHECK(toPostgreSQL("SELECT max'' FROM t") == "SELECT max'' FROM t");
}
