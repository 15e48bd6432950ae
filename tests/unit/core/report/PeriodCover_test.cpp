#include "core/report/PeriodCover.h"

#include <catch2/catch.hpp>

using binhan::core::report::coverPeriod;

TEST_CASE("a calendar year is read as its twelve months and no single days", "[report]") {
    const auto cover = coverPeriod("2025-01-01", "2025-12-31");
    CHECK(cover.firstMonth == "2025-01");
    CHECK(cover.lastMonth == "2025-12");
    CHECK(cover.days.empty());
}

TEST_CASE("a period cut inside months reads the edge days apart", "[report]") {
    const auto cover = coverPeriod("2024-01-15", "2024-03-10");
    CHECK(cover.firstMonth == "2024-02");
    CHECK(cover.lastMonth == "2024-02");
    REQUIRE(cover.days.size() == 2);
    CHECK(cover.days[0].first == "2024-01-15");
    CHECK(cover.days[0].last == "2024-01-31");
    CHECK(cover.days[1].first == "2024-03-01");
    CHECK(cover.days[1].last == "2024-03-10");
}

TEST_CASE("a period inside one month, or across a year end, keeps every day once", "[report]") {
    auto cover = coverPeriod("2024-02-03", "2024-02-28");  // 2024 is a leap year: not whole
    CHECK(cover.firstMonth.empty());
    REQUIRE(cover.days.size() == 1);
    CHECK(cover.days[0].first == "2024-02-03");
    CHECK(cover.days[0].last == "2024-02-28");

    cover = coverPeriod("2024-02-01", "2024-02-29");
    CHECK(cover.firstMonth == "2024-02");
    CHECK(cover.days.empty());

    cover = coverPeriod("2024-12-31", "2025-01-01");
    CHECK(cover.firstMonth.empty());
    REQUIRE(cover.days.size() == 1);

    cover = coverPeriod("2024-12-01", "2025-01-05");
    CHECK(cover.firstMonth == "2024-12");
    CHECK(cover.lastMonth == "2024-12");
    REQUIRE(cover.days.size() == 1);
    CHECK(cover.days[0].first == "2025-01-01");
    CHECK(cover.days[0].last == "2025-01-05");
}
