// The statistics counts kept by the writes (issue 7; store/ReportCounts, schema/007): after
// every kind of write that changes a case's statistics — open, correct, events, protection
// decisions, referrals and their answers, consent, stage completion, close, reopen — the kept
// counts must equal the counts worked out afresh from every case. A write path that forgot to
// update them fails here. Erasure must leave them as they are (crypto-shredding keeps the
// statistics, DESIGN.md §2).
#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>

#include "store/ReportRepository.h"
#include "unit/service/WorkflowFixture.h"

using namespace binhan;
using binhan::testing::outcomeOf;
using binhan::testing::WorkflowFixture;
using core::Role;

namespace {

using Rows = std::vector<std::tuple<std::string, std::string, std::int64_t>>;

Rows sorted(const std::vector<core::report::GroupCount>& counts) {
    Rows out;
    for (const auto& c : counts) out.emplace_back(c.dimension, c.key, c.count);
    std::sort(out.begin(), out.end());
    return out;
}

struct Counts {
    WorkflowFixture& f;
    store::ReportRepository repository{*f.db};

    // The kept counts equal a fresh count, for the statutory report and the consented export,
    // over a long period (whole months) and over the day the fixture's clock is on (single days).
    void requireKept(const std::string& after) {
        INFO("after: " << after);
        for (bool consented : {false, true})
            for (const auto& period :
                 {std::pair<std::string, std::string>{"2023-01-01", "2025-12-31"},
                  {"2024-05-02", "2024-05-02"}})
                for (const char* commune : {"", "HP", "TL"}) {  // all (province), one, another
                    const store::ReportQuery query{period.first, period.second, consented, commune};
                    REQUIRE(sorted(repository.counts(query)) == sorted(repository.recount(query)));
                }
    }

    std::int64_t of(const std::string& dimension, const std::string& key, bool consented = false,
                    const std::string& commune = "") {
        for (const auto& c : repository.counts({"2024-01-01", "2024-12-31", consented, commune}))
            if (c.dimension == dimension && c.key == key) return c.count;
        return 0;
    }
};

std::string tail(const testing::Json& json, const std::string& key) {
    return std::to_string(json->getValue<std::int64_t>(key));
}

}  // namespace

TEST_CASE("every write that changes a case's statistics updates the kept counts with it",
          "[service][report]") {
    WorkflowFixture f;
    Counts counts{f};
    const auto nam = f.actor("congan.nam", Role::Police);
    const auto hoa = f.actor("canbo.hoa", Role::Union);
    const auto lan = f.actor("tuphap.lan", Role::Justice);
    const auto chu = f.actor("chutich.an", Role::Leader);

    const auto caseId = f.openCase(nam, fixtures::adultCaseJson());
    counts.requireKept("open");
    CHECK(counts.of("cases", "") == 1);
    CHECK(counts.of("village", "Thôn Đông") == 1);
    CHECK(counts.of("agency", "police") == 1);

    f.cases->update(nam, caseId, *testing::parseJson(R"({"incident":{"village":"Thôn Tây"}})"));
    counts.requireKept("correct");
    CHECK(counts.of("village", "Thôn Đông") == 0);
    CHECK(counts.of("village", "Thôn Tây") == 1);

    f.addEvent(
        nam, caseId,
        R"({"type":"police.intervention","details":{"action":"summons","summary":"Mời lên"}})");
    counts.requireKept("event");
    CHECK(counts.of("measure", "police.intervention|summons") == 1);
    CHECK(counts.of("first_action_days", "0") == 1);

    const auto request = f.addEvent(
        nam, caseId,
        R"({"type":"protection.request","details":{"measure":"no_contact","requested_by":"survivor","summary":"Yêu cầu"}})");
    counts.requireKept("protection request");
    CHECK(counts.of("protection", "pending") == 1);
    const std::string now = core::formatRfc3339(f.clock.now());
    const std::string ends = core::formatRfc3339(f.clock.now() + std::chrono::hours(48));
    f.addEvent(chu, caseId,
               R"({"type":"protection.decision","details":{"request_event":)" +
                   tail(request, "id") + R"(,"granted":true,"starts":")" + now + R"(","ends":")" +
                   ends + R"(","reason":"Nguy cơ cao","notified":["perpetrator","survivor"]}})");
    counts.requireKept("protection decision");
    CHECK(counts.of("protection", "pending") == 0);
    CHECK(counts.of("protection", "granted") == 1);

    const auto toUnion = f.refer(nam, caseId, "union");
    counts.requireKept("referral");
    CHECK(counts.of("referral", "waiting") == 1);
    f.workflow->referrals().accept(hoa, toUnion->getValue<std::int64_t>("id"));
    counts.requireKept("referral accepted");
    CHECK(counts.of("referral", "accepted") == 1);
    CHECK(counts.of("agency", "union") == 1);
    const auto toJustice = f.refer(nam, caseId, "justice");
    f.workflow->referrals().decline(lan, toJustice->getValue<std::int64_t>("id"), "Không cần");
    counts.requireKept("referral declined");
    CHECK(counts.of("referral", "declined") == 1);
    CHECK(counts.of("agency", "justice") == 0);

    f.addEvent(hoa, caseId,
               R"({"type":"union.support","details":{"kind":"shelter","summary":"Tạm lánh"}})");
    counts.requireKept("support");
    CHECK(counts.of("measure", "union.support|shelter") == 1);

    CHECK(counts.of("cases", "", true) == 0);  // opened without statistics consent
    service::ConsentInput consent{true, "survivor", {"police", "union"}, true, "Đồng ý thống kê"};
    f.workflow->workflow().recordConsent(nam, caseId, consent);
    counts.requireKept("consent");
    CHECK(counts.of("cases", "", true) == 1);
    CHECK(counts.of("measure", "union.support|shelter", true) == 1);

    f.workflow->workflow().completeStage(hoa, caseId, "union", "Đã hỗ trợ xong");
    f.workflow->workflow().completeStage(nam, caseId, "police", "Đã xử lý xong");
    counts.requireKept("stages completed");

    CHECK(outcomeOf([&] { f.workflow->workflow().close(nam, caseId, "Đã chuyển đi", "gone"); }) ==
          "invalid@reason_code");
    f.workflow->workflow().close(nam, caseId, "Gia đình đã chuyển đi nơi khác", "moved_away");
    counts.requireKept("close");
    CHECK(counts.of("closed", "moved_away") == 1);
    f.workflow->workflow().reopen(nam, caseId, "Người bị bạo lực quay lại");
    counts.requireKept("reopen");
    CHECK(counts.of("closed", "moved_away") == 0);

    const auto before = sorted(counts.repository.counts({"2024-01-01", "2024-12-31", false}));
    REQUIRE(f.caseRepository->erase(caseId, now));
    counts.requireKept("erasure");
    CHECK(sorted(counts.repository.counts({"2024-01-01", "2024-12-31", false})) == before);
    CHECK(counts.of("cases", "") == 1);
}

TEST_CASE("the kept counts can be rebuilt from the cases, as the migration back-fills them",
          "[service][report]") {
    WorkflowFixture f;
    Counts counts{f};
    const auto nam = f.actor("congan.nam", Role::Police);
    f.openCase(nam, fixtures::adultCaseJson());
    f.openCase(nam, fixtures::childCaseJson());
    const auto kept = sorted(counts.repository.counts({"2024-01-01", "2024-12-31", false}));
    f.db->withWriter([](Poco::Data::Session& s) {
        s << "DELETE FROM report_counts", Poco::Data::Keywords::now;
    });
    CHECK(counts.of("cases", "") == 0);
    counts.repository.rebuild();
    CHECK(sorted(counts.repository.counts({"2024-01-01", "2024-12-31", false})) == kept);
    CHECK(counts.of("cases", "") == 2);
}

TEST_CASE("the kept counts are per commune, the province sums them",
          "[service][report][communes]") {
    WorkflowFixture f;
    Counts counts{f};
    const auto hp = f.actor("canbo.hoa", Role::Union);
    store::NewUser other{"TL",        "canbo.lan", "Cán bộ thử nghiệm",
                         Role::Union, "unused",    "2024-01-01T00:00:00Z"};
    core::Actor tl = hp;
    tl.userId = f.users->insert(other, "Xã Tân Lập");
    tl.username = other.username;
    tl.commune = "TL";
    f.openCase(hp, fixtures::adultCaseJson());
    f.openCase(hp, fixtures::adultCaseJson());
    f.openCase(tl, fixtures::adultCaseJson());
    counts.requireKept("cases in two communes");
    CHECK(counts.of("cases", "", false, "HP") == 2);
    CHECK(counts.of("cases", "", false, "TL") == 1);
    CHECK(counts.of("cases", "") == 3);
}
