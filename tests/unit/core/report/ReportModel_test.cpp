// The report's aggregation (issue 7): grouped counts in, the report's numbers out.
#include "core/report/ReportModel.h"

#include <catch2/catch.hpp>

using namespace binhan::core::report;

namespace {

std::int64_t cell(const Report& r, const std::string& table, const std::string& key) {
    const Table* t = findTable(r, table);
    REQUIRE(t != nullptr);
    for (const auto& c : t->cells)
        if (c.key == key) return c.count;
    FAIL("no cell " << table << "." << key);
    return -1;
}

const std::vector<GroupCount> kRows = {
    {"cases", "", 12},
    {"sex_age", "female|30-59", 7},
    {"sex_age", "female|18-29", 3},
    {"sex_age", "male|12-15", 2},
    {"village", "Thôn Tây", 5},
    {"village", "Thôn Đông", 7},
    {"types", "physical,psychological", 6},
    {"types", "psychological", 4},
    {"types", "sexual,physical", 2},
    {"delay_days", "0", 3},
    {"delay_days", "3", 2},
    {"delay_days", "4", 1},
    {"delay_days", "20", 5},
    {"delay_days", "31", 1},
    {"first_action_days", "0", 2},
    {"first_action_days", "1", 3},
    {"first_action_days", "5", 1},
    {"perpetrators", "male|spouse", 9},
    {"perpetrators", "female|parent", 2},
    {"agency", "police", 8},
    {"agency", "union", 6},
    {"measure", "police.intervention|summons", 3},
    {"measure", "police.intervention|stopped_violence", 5},
    {"measure", "justice.mediation|agreed", 2},
    {"measure", "union.support|shelter", 1},
    {"protection", "granted", 2},
    {"protection", "pending", 1},
    {"referral", "accepted", 4},
    {"referral", "declined", 1},
    {"closed", "", 6},
    {"closed", "resolved", 1},
};

}  // namespace

TEST_CASE("report aggregation adds the grouped counts into every table", "[report]") {
    const Report r = buildReport({}, kRows);
    CHECK(findTotal(r, "cases")->count == 12);
    CHECK(findTotal(r, "survivors")->count == 12);
    CHECK(findTotal(r, "perpetrators")->count == 11);
    CHECK(cell(r, "by_sex", "female") == 10);
    CHECK(cell(r, "by_sex", "male") == 2);
    CHECK(cell(r, "by_sex", "unknown") == 0);
    CHECK(cell(r, "by_age_band", "30-59") == 7);
    CHECK(cell(r, "by_age_band", "12-15") == 2);
    CHECK(cell(r, "by_age_band", "0-5") == 0);
    CHECK(cell(r, "by_type", "physical") == 8);
    CHECK(cell(r, "by_type", "psychological") == 10);
    CHECK(cell(r, "by_type", "sexual") == 2);
    CHECK(cell(r, "by_type", "trafficking") == 0);
    CHECK(cell(r, "perpetrators_by_sex", "male") == 9);
    CHECK(cell(r, "by_relationship", "parent") == 2);
    CHECK(cell(r, "by_agency", "police") == 8);
    CHECK(cell(r, "by_agency", "justice") == 0);
    CHECK(cell(r, "interventions", "stopped_violence") == 5);
    CHECK(cell(r, "interventions", "summons") == 3);
    CHECK(findTotal(r, "interventions")->count == 8);
    CHECK(cell(r, "mediation", "agreed") == 2);
    CHECK(cell(r, "mediation", "not_agreed") == 0);
    CHECK(cell(r, "support", "shelter") == 1);
    CHECK(cell(r, "protection", "granted") == 2);
    CHECK(cell(r, "protection", "refused") == 0);
    CHECK(findTotal(r, "protection_requests")->count == 3);
    CHECK(cell(r, "referrals", "accepted") == 4);
    CHECK(findTotal(r, "referrals")->count == 5);
    // A free-text closure reason is never a category: it counts as unspecified.
    CHECK(cell(r, "closed_by_reason", "unspecified") == 6);
    CHECK(cell(r, "closed_by_reason", "resolved") == 1);
    CHECK(findTotal(r, "closed")->count == 7);
}

TEST_CASE("report aggregation buckets the reporting delay and keeps villages sorted", "[report]") {
    const Report r = buildReport({}, kRows);
    CHECK(cell(r, "reporting_delay", "0-3") == 5);
    CHECK(cell(r, "reporting_delay", "4-5") == 1);
    CHECK(cell(r, "reporting_delay", "6-14") == 0);
    CHECK(cell(r, "reporting_delay", "15-30") == 5);
    CHECK(cell(r, "reporting_delay", "over_30") == 1);
    const Table* villages = findTable(r, "by_village");
    REQUIRE(villages->cells.size() == 2);
    CHECK(villages->cells[0].key == "Thôn Tây");  // byte order: "T" "h" "ô" < "Đ"
    CHECK(villages->total == 12);
    CHECK(delayBucket(-2) == "0-3");
    CHECK(delayBucket(5) == "4-5");
    CHECK(delayBucket(14) == "6-14");
    CHECK(delayBucket(30) == "15-30");
}

TEST_CASE("report median days to first action comes from the histogram", "[report]") {
    const Report r = buildReport({}, kRows);
    CHECK(r.casesWithAction.count == 6);
    REQUIRE(r.medianDaysToFirstAction);
    CHECK(*r.medianDaysToFirstAction == Approx(1.0));  // 0 0 1 1 1 5
    CHECK(*medianOf({{2, 1}, {4, 1}}) == Approx(3.0));
    CHECK(*medianOf({{7, 1}}) == Approx(7.0));
    CHECK(*medianOf({{-3, 1}, {2, 2}}) == Approx(2.0));
    CHECK_FALSE(medianOf({}));
}

TEST_CASE("report purposes parse and print", "[report]") {
    CHECK(parsePurpose("statutory") == Purpose::Statutory);
    CHECK(parsePurpose("export") == Purpose::Export);
    CHECK_FALSE(parsePurpose("research"));
    CHECK(purposeName(Purpose::Export) == "export");
}
