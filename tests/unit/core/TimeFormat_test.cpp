#include "core/TimeFormat.h"

#include <catch2/catch.hpp>

using namespace binhan::core;

TEST_CASE("RFC 3339 times round-trip in UTC", "[core][time]") {
    auto t = parseRfc3339("2024-05-01T08:30:00Z");
    REQUIRE(t);
    CHECK(formatRfc3339(*t) == "2024-05-01T08:30:00Z");
    auto offset = parseRfc3339("2024-05-01T15:30:00+07:00");
    REQUIRE(offset);
    CHECK(formatRfc3339(*offset) == "2024-05-01T08:30:00Z");
    CHECK(parseRfc3339("2024-05-01T08:30:00.250Z"));
}

TEST_CASE("malformed and impossible times and dates are refused", "[core][time]") {
    CHECK_FALSE(parseRfc3339("2024-05-01 08:30:00Z"));
    CHECK_FALSE(parseRfc3339("2024-05-01T08:30:00"));
    CHECK_FALSE(parseRfc3339("2024-05-01T24:00:00Z"));
    CHECK_FALSE(parseDate("2023-02-29"));
    CHECK(parseDate("2024-02-29"));
    CHECK_FALSE(parseDate("2024-13-01"));
    CHECK_FALSE(parseDate("24-01-01"));
    CHECK(formatDate(*parseDate("2024-02-29")) == "2024-02-29");
}

TEST_CASE("times past what the clock can hold are refused, not overflowed", "[core][time]") {
    CHECK(parseDate("2200-12-31"));
    CHECK_FALSE(parseDate("2201-01-01"));
    CHECK_FALSE(parseRfc3339("9999-12-31T23:59:59Z"));
    CHECK_FALSE(parseRfc3339("2300-01-01T00:00:00+07:00"));
}

TEST_CASE("issue 19: papers write dates day first and times in Vietnam time", "[core][time]") {
    CHECK(paperDate("2026-12-31") == "31/12/2026");
    CHECK(paperDate("not a date") == "not a date");
    const auto late = vietnamPaperTime("2026-12-31T17:30:00Z");  // 00:30 on New Year's Day
    REQUIRE(late);
    CHECK(late->clock == "00:30");
    CHECK(late->date == "01/01/2027");
    CHECK_FALSE(vietnamPaperTime("31/12/2026"));
}
