// Retention (issue 9, DESIGN.md §2): a case closed more than retention.years_after_closure
// calendar years ago is erased by destroying its key; open and reopened cases stay. The clock
// is a ManualClock, so the boundary is tested to the day without waiting.
#include "service/RetentionService.h"

#include <catch2/catch.hpp>

#include "WorkflowFixture.h"
#include "store/ErasureLedger.h"

using namespace binhan;
using namespace binhan::testing;
namespace fs = std::filesystem;
using std::chrono::hours;

namespace {

struct RetentionFixture : WorkflowFixture {
    std::string ledgerFile = path + ".erasures";
    store::ErasureLedger ledger{ledgerFile};
    service::ErasureService erasure{*db, *caseRepository, ledger, clock};
    store::RetentionRepository closedCases{*db};
    service::RetentionService retention{closedCases, erasure, clock, {5}};
    core::Actor hoa = actor("canbo.hoa", core::Role::Union);

    ~RetentionFixture() { fs::remove(ledgerFile); }

    std::int64_t closedCase() {
        const auto id = openCase(hoa, fixtures::adultCaseJson());
        workflow->workflow().completeStage(hoa, id, "union", "Đã hỗ trợ đủ");
        workflow->workflow().close(hoa, id, "Nạn nhân đã an toàn");
        return id;
    }
    bool readable(std::int64_t id) {
        return outcomeOf([&] { cases->get(hoa, id); }) == "ok";
    }
};

const auto kDay = hours(24);

}  // namespace

TEST_CASE("a case closed five years ago less a day stays, a day later it is erased",
          "[service][retention]") {
    RetentionFixture f;
    const auto closed = f.closedCase();
    const auto open = f.openCase(f.hoa, fixtures::adultCaseJson());
    const auto reopened = f.closedCase();
    f.workflow->workflow().reopen(f.hoa, reopened, "Bạo lực tái diễn");
    const auto fiveYearsOn = *core::parseRfc3339("2029-05-02T01:00:00Z");  // closed 2024-05-02

    f.clock.set(fiveYearsOn - kDay);
    CHECK(f.retention.run("system").erased == 0);
    CHECK(f.readable(closed));

    f.clock.set(fiveYearsOn + kDay);
    const auto run = f.retention.run("system");
    CHECK(run.erased == 1);
    CHECK(run.cutoff == "2024-05-03T01:00:00Z");
    CHECK(outcomeOf([&] { f.cases->get(f.hoa, closed); }) == "not_found");
    CHECK(f.readable(open));
    CHECK(f.readable(reopened));
    // Crypto-shredded: the key and sealed fields are gone, the statistics columns stay.
    CHECK(f.rawColumn("SELECT COUNT(*) FROM cases WHERE id = " + std::to_string(closed) +
                      " AND data_key IS NULL AND types <> ''") == std::vector<std::string>{"1"});
    CHECK(f.rawColumn("SELECT COUNT(*) FROM case_fields WHERE case_id = " +
                      std::to_string(closed)) == std::vector<std::string>{"0"});
    const auto ledgered = f.ledger.read();
    REQUIRE(ledgered.size() == 1);
    CHECK(ledgered[0].caseId == closed);
    // Nothing more is due: a second run erases nothing.
    CHECK(f.retention.run("system").erased == 0);
}

TEST_CASE("a case closed exactly five years ago is due", "[service][retention]") {
    RetentionFixture f;
    const auto closed = f.closedCase();
    f.clock.set(*core::parseRfc3339("2029-05-02T00:59:59Z"));
    CHECK(f.retention.run("system").erased == 0);
    f.clock.set(*core::parseRfc3339("2029-05-02T01:00:00Z"));
    CHECK(f.retention.run("system").erased == 1);
    CHECK_FALSE(f.readable(closed));
}

TEST_CASE("retention counts calendar years, 29 February falls back to 28 February",
          "[service][retention]") {
    CHECK(core::formatRfc3339(service::yearsBefore(*core::parseRfc3339("2029-05-02T01:00:00Z"),
                                                   5)) == "2024-05-02T01:00:00Z");
    CHECK(core::formatRfc3339(service::yearsBefore(*core::parseRfc3339("2028-02-29T12:00:00Z"),
                                                   5)) == "2023-02-28T12:00:00Z");
    CHECK(core::formatRfc3339(service::yearsBefore(*core::parseRfc3339("2029-01-01T00:00:00Z"),
                                                   0)) == "2029-01-01T00:00:00Z");
}

TEST_CASE("the daily job runs once at start, and stop() ends it without waiting a day",
          "[service][retention]") {
    RetentionFixture f;
    const auto closed = f.closedCase();
    f.clock.set(*core::parseRfc3339("2030-01-01T00:00:00Z"));
    f.retention.start();
    for (int i = 0; i < 500 && f.readable(closed); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    f.retention.stop();  // returns without waiting a day
    CHECK_FALSE(f.readable(closed));
}
