// Referrals, consent and the case lifecycle through the real services and store (issue 5):
// each use case is one transaction in which the rules of core/workflow see the state they act
// on. The rules themselves are tested row by row in tests/unit/core/workflow; here: that the
// services apply them, in order after the access policy, and write the whole change.
#include <catch2/catch.hpp>
#include <sstream>

#include "unit/service/WorkflowFixture.h"

using namespace binhan;
using binhan::testing::outcomeOf;
using binhan::testing::WorkflowFixture;
using core::Role;

namespace {

std::string crimeCaseJson() {
    std::string body = fixtures::adultCaseJson();
    body.replace(body.find(R"("crime":false)"), 13, R"("crime":true)");
    return body;
}

}  // namespace

TEST_CASE("accepting a referral moves the referral, the stage and the case status together",
          "[service][workflow][referral]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", Role::Union);
    const auto lan = f.actor("tuphap.lan", Role::Justice);
    const auto caseId = f.openCase(hoa, fixtures::adultCaseJson());
    CHECK(f.cases->get(hoa, caseId)->getValue<std::string>("status") == "open");

    const auto referral = f.refer(hoa, caseId, "justice");
    CHECK(referral->getValue<std::string>("status") == "waiting");
    CHECK_FALSE(referral->getValue<bool>("mandatory"));
    CHECK(referral->getValue<bool>("consent_covered"));
    const auto rid = referral->getValue<std::int64_t>("id");
    // Referred, not yet accepted (issue 16): the case itself is a 404 like any case not
    // shared, and the incoming entry carries what justice needs to decide, without a name.
    CHECK(outcomeOf([&] { f.cases->get(lan, caseId); }) == "not_found");
    const auto incoming = f.workflow->referrals().incoming(lan, 0, 50).items;
    REQUIRE(incoming->size() == 1);
    const auto entry = incoming->getObject(0);
    CHECK(entry->getValue<std::string>("reason") == "Cần hỗ trợ thêm");
    const auto summary = entry->getObject("case_summary");
    REQUIRE(summary);
    CHECK(summary->getValue<std::string>("village") == "Thôn Đông");
    CHECK(summary->getArray("types")->size() > 0);
    std::ostringstream text;
    entry->stringify(text);
    CHECK(text.str().find("Nguy") == std::string::npos);  // no survivor or perpetrator name
    CHECK(text.str().find("Trần") == std::string::npos);

    const auto accepted = f.workflow->referrals().accept(lan, rid);
    CHECK(accepted->getValue<std::string>("status") == "accepted");
    CHECK(accepted->getValue<std::string>("reason") == "Cần hỗ trợ thêm");
    CHECK(f.cases->get(lan, caseId)->getValue<std::string>("status") == "active");
    CHECK(f.stageOf(lan, caseId, "justice") == "active");
    CHECK(f.workflow->referrals().incoming(lan, 0, 50).items->size() == 0);
    CHECK(outcomeOf([&] { f.workflow->referrals().accept(lan, rid); }) ==
          "conflict/referral_answered");
    // A second referral while justice works the case: already involved.
    CHECK(outcomeOf([&] { f.refer(hoa, caseId, "justice"); }) == "conflict/already_involved");
}

TEST_CASE("only the receiving agency answers a referral, others get 403 or 404",
          "[service][workflow][referral]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", Role::Union);
    const auto lan = f.actor("tuphap.lan", Role::Justice);
    const auto nam = f.actor("congan.nam", Role::Police);
    const auto caseId = f.openCase(hoa, fixtures::adultCaseJson());
    const auto rid = f.refer(hoa, caseId, "justice")->getValue<std::int64_t>("id");
    CHECK(outcomeOf([&] { f.workflow->referrals().accept(hoa, rid); }) == "forbidden");
    CHECK(outcomeOf([&] { f.workflow->referrals().accept(nam, rid); }) == "not_found");
    CHECK(outcomeOf([&] { f.workflow->referrals().accept(lan, rid + 100); }) == "not_found");
    CHECK(outcomeOf([&] { f.workflow->referrals().decline(lan, rid, " "); }) == "invalid@reason");
    const auto declined = f.workflow->referrals().decline(lan, rid, "Không thuộc thẩm quyền");
    CHECK(declined->getValue<std::string>("status") == "declined");
    CHECK(declined->getValue<std::string>("decline_reason") == "Không thuộc thẩm quyền");
    // The stage keeps workflow words in clear; the agency's own words are sealed.
    const auto stage = f.cases->get(hoa, caseId)->getObject("stages")->getObject("justice");
    CHECK(stage->getValue<std::string>("status") == "declined");
    CHECK(stage->getValue<std::string>("reason") == "referral declined");
    CHECK(f.rawColumn("SELECT COUNT(*) FROM referrals WHERE instr(decline_reason, "
                      "CAST('thẩm quyền' AS BLOB)) > 0")[0] == "0");
    // Declined, it can be referred again.
    CHECK(f.refer(hoa, caseId, "justice")->getValue<std::string>("status") == "waiting");
}

TEST_CASE("DESIGN §2: consent must cover the receiving agency, amended consent lets it in",
          "[service][workflow][consent]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", Role::Union);
    const auto thu = f.actor("truong.thu", Role::School);
    const auto caseId = f.openCase(hoa, fixtures::adultCaseJson());
    CHECK(outcomeOf([&] { f.refer(hoa, caseId, "school"); }) == "conflict/consent_required");
    CHECK(outcomeOf([&] { f.refer(hoa, caseId, "school", true, false); }) == "invalid@mandatory");
    const auto record =
        f.consent(hoa, caseId, true, "survivor", {"police", "justice", "union", "school"});
    CHECK(record->getObject("recorded_by")->getValue<std::string>("role") == "union");
    CHECK(record->getArray("withdrawn")->size() == 0);
    const auto rid = f.refer(hoa, caseId, "school")->getValue<std::int64_t>("id");
    f.workflow->referrals().accept(thu, rid);
    CHECK(f.stageOf(thu, caseId, "school") == "active");
    // GET /cases/{id} shows the consent record: who, for whom, when, recorded by whom.
    const auto consent = f.cases->get(hoa, caseId)->getObject("consent");
    CHECK(consent->getArray("agencies")->size() == 4);
    CHECK(consent->getValue<std::string>("recorded_at") == "2024-05-02T01:00:00Z");
    CHECK(consent->getObject("recorded_by")->getValue<std::int64_t>("id") == hoa.userId);
}

TEST_CASE("Law 13/2022: a child case goes to the police without consent, marked mandatory",
          "[service][workflow][mandatory]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", Role::Union);
    const auto nam = f.actor("congan.nam", Role::Police);
    const auto caseId = f.openCase(hoa, fixtures::childCaseJson());  // consent: union, school
    // Whether the guardian was told first must be on record.
    CHECK(outcomeOf([&] { f.refer(hoa, caseId, "police"); }) == "invalid@survivor_informed");
    CHECK(outcomeOf([&] { f.refer(hoa, caseId, "justice"); }) == "conflict/consent_required");
    CHECK(outcomeOf([&] { f.refer(hoa, caseId, "justice", true, true); }) == "invalid@mandatory");
    const auto referral = f.refer(hoa, caseId, "police", false, false);
    CHECK(referral->getValue<bool>("mandatory"));  // mandatory by law, whatever was asked
    CHECK_FALSE(referral->getValue<bool>("consent_covered"));
    CHECK_FALSE(referral->getValue<bool>("survivor_informed"));
    f.workflow->referrals().accept(nam, referral->getValue<std::int64_t>("id"));
    CHECK(f.stageOf(nam, caseId, "police") == "active");
    CHECK(
        f.rawColumn("SELECT mandatory || survivor_informed || consent_covered FROM referrals")[0] ==
        "100");
    // The guardian's consent is changed: the police's stage rests on the law, not on consent.
    const auto change = f.consent(hoa, caseId, true, "guardian", {"union"});
    CHECK(change->getArray("kept_by_law")->getElement<std::string>(0) == "police");
    CHECK(f.stageOf(nam, caseId, "police") == "active");
    // A child's consent is given by a guardian.
    CHECK(outcomeOf([&] { f.consent(hoa, caseId, true, "survivor", {"union"}); }) ==
          "invalid@given_by");
}

TEST_CASE("Law 13/2022: a crime is a mandatory report to the police",
          "[service][workflow][mandatory]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", Role::Union);
    const auto crime = f.openCase(hoa, crimeCaseJson());
    const auto referral = f.refer(hoa, crime, "police", true, true);
    CHECK(referral->getValue<bool>("mandatory"));
    CHECK(referral->getValue<bool>("consent_covered"));  // consent covered the police as well
    CHECK(referral->getValue<bool>("survivor_informed"));
    const auto plain = f.openCase(hoa, fixtures::adultCaseJson());
    CHECK_FALSE(f.refer(hoa, plain, "police")->getValue<bool>("mandatory"));
}

TEST_CASE("withdrawing consent ends the agency's stage and access, with the reason kept",
          "[service][workflow][consent]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", Role::Union);
    const auto lan = f.actor("tuphap.lan", Role::Justice);
    const auto nam = f.actor("congan.nam", Role::Police);
    const auto caseId = f.openCase(hoa, fixtures::adultCaseJson());
    f.workflow->referrals().accept(lan,
                                   f.refer(hoa, caseId, "justice")->getValue<std::int64_t>("id"));
    f.refer(hoa, caseId, "police");  // waiting
    const auto change = f.consent(hoa, caseId, true, "survivor", {"union"});
    CHECK(change->getArray("withdrawn")->size() == 2);
    CHECK(change->getArray("ended")->size() == 2);
    CHECK(outcomeOf([&] { f.cases->get(lan, caseId); }) == "not_found");
    CHECK(f.workflow->referrals().incoming(nam, 0, 50).items->size() == 0);
    const auto stages = f.cases->get(hoa, caseId)->getObject("stages");
    CHECK(stages->getObject("justice")->getValue<std::string>("status") == "declined");
    CHECK(stages->getObject("justice")->getValue<std::string>("reason") == "consent withdrawn");
    CHECK(stages->getObject("police")->getValue<std::string>("status") == "declined");
    CHECK(f.rawColumn("SELECT status FROM referrals WHERE to_agency = 'police'")[0] == "withdrawn");
    CHECK(f.rawColumn("SELECT withdrawn FROM consent_records ORDER BY id DESC LIMIT 1")[0] ==
          "police,justice");
    // Withdrawn altogether: no agency may be listed.
    CHECK(outcomeOf([&] { f.consent(hoa, caseId, false, "survivor", {"union"}); }) ==
          "invalid@agencies");
    CHECK(outcomeOf([&] {
              f.consent(hoa, caseId, true, "survivor", {"union", "leader"});
          }) == "invalid@agencies[1]");
}

TEST_CASE("closing needs every stage finished, a closed case is read-only until reopened",
          "[service][workflow][lifecycle]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", Role::Union);
    const auto lan = f.actor("tuphap.lan", Role::Justice);
    const auto caseId = f.openCase(hoa, fixtures::adultCaseJson());
    auto& wf = f.workflow->workflow();
    const auto rid = f.refer(hoa, caseId, "justice")->getValue<std::int64_t>("id");
    CHECK(outcomeOf([&] { wf.close(hoa, caseId, "Xong"); }) == "conflict/stages_open");
    f.workflow->referrals().accept(lan, rid);
    CHECK(outcomeOf([&] { wf.completeStage(hoa, caseId, "justice", "Xong"); }) == "forbidden");
    CHECK(outcomeOf([&] { wf.completeStage(hoa, caseId, "mayor", "Xong"); }) == "not_found");
    CHECK(outcomeOf([&] { wf.completeStage(hoa, caseId, "union", ""); }) == "invalid@summary");
    wf.completeStage(hoa, caseId, "union", "Đã hỗ trợ đủ");
    CHECK(outcomeOf([&] { wf.completeStage(hoa, caseId, "union", "Lại"); }) == "forbidden");
    CHECK(outcomeOf([&] { wf.close(hoa, caseId, "Xong"); }) == "conflict/stages_open");
    wf.completeStage(lan, caseId, "justice", "Đã tư vấn");
    CHECK(outcomeOf([&] { wf.close(hoa, caseId, " "); }) == "invalid@reason");
    const auto closed = wf.close(hoa, caseId, "Nạn nhân đã an toàn");
    CHECK(closed->getValue<std::string>("status") == "closed");
    const auto view = f.cases->get(lan, caseId);
    CHECK(view->getValue<std::string>("closure_reason") == "Nạn nhân đã an toàn");
    CHECK(f.rawColumn("SELECT COALESCE(closure_reason, '') FROM cases")[0].empty());
    // Read-only: no event, referral, consent or second close.
    CHECK(outcomeOf([&] { wf.close(hoa, caseId, "Lại"); }) == "conflict/case_closed");
    CHECK(outcomeOf([&] { f.consent(hoa, caseId, true, "survivor", {"union"}); }) == "forbidden");
    CHECK(outcomeOf([&] { wf.reopen(hoa, caseId, ""); }) == "invalid@reason");
    const auto reopened = wf.reopen(hoa, caseId, "Bạo lực tái diễn");
    CHECK(reopened->getValue<std::string>("status") == "reopened");
    // The reopening agency takes the case back; justice stays completed.
    CHECK(f.stageOf(hoa, caseId, "union") == "active");
    CHECK(f.stageOf(hoa, caseId, "justice") == "completed");
    CHECK_FALSE(f.cases->get(hoa, caseId)->has("closure_reason"));
    CHECK(outcomeOf([&] { wf.reopen(hoa, caseId, "Lại"); }) == "conflict/case_transition");
}
