#include "core/workflow/Consent.h"

#include <catch2/catch.hpp>

#include "unit/core/workflow/WorkflowTestSupport.h"

using namespace binhan::core;
using namespace binhan::core::workflow;
using binhan::core::workflow::test::errorOf;
using binhan::core::workflow::test::outcome;

namespace {

using S = StageStatus;
const TimePoint kT0 = TimePoint(std::chrono::seconds(1714552200));  // 2024-05-01T08:30:00Z
const TimePoint kLater = kT0 + std::chrono::hours(30);

// An adult, non-crime case opened by the police, consent covering nobody.
CaseFacts policeCase() {
    CaseFacts facts;
    facts.status = CaseStatus::Active;
    facts.stages[Role::Police] = StageTrack{S::Active, kT0, {}};
    return facts;
}

CaseFacts unionCase() {
    CaseFacts facts;
    facts.status = CaseStatus::Active;
    facts.stages[Role::Union] = StageTrack{S::Active, kT0, {}};
    return facts;
}

}  // namespace

TEST_CASE("workflow: consent covers an agency only when given and naming it",
          "[workflow][consent]") {
    CaseFacts facts = policeCase();
    facts.consentAgencies = {Role::Police, Role::Justice};
    CHECK_FALSE(consentCovers(facts, Role::Justice));  // not given
    facts.consentGiven = true;
    CHECK(consentCovers(facts, Role::Justice));
    CHECK_FALSE(consentCovers(facts, Role::Union));
}

TEST_CASE("workflow: Law 13/2022 mandatory report — child case to police needs no consent",
          "[workflow][consent][mandatory]") {
    CaseFacts facts = unionCase();
    facts.child = true;
    const ReferralDecision decision = checkReferral(facts, Role::Union, Role::Police, false);
    CHECK(decision.to == Role::Police);
    CHECK(decision.mandatory);
    CHECK_FALSE(decision.coveredByConsent);
    CHECK(checkReferral(facts, Role::Union, Role::Police, true).mandatory);
}

TEST_CASE("workflow: Law 13/2022 mandatory report — crime to police needs no consent",
          "[workflow][consent][mandatory]") {
    CaseFacts facts = unionCase();
    facts.crime = true;
    CHECK(checkReferral(facts, Role::Union, Role::Police, true).mandatory);
    facts.consentGiven = true;
    facts.consentAgencies = {Role::Union, Role::Police};
    const ReferralDecision both = checkReferral(facts, Role::Union, Role::Police, false);
    CHECK(both.mandatory);  // mandatory by law even when consent also covers police
    CHECK(both.coveredByConsent);
}

TEST_CASE("workflow: DESIGN §2 — adult non-crime case to police without consent is refused",
          "[workflow][consent][mandatory]") {
    const CaseFacts facts = unionCase();
    const auto error = errorOf([&] { checkReferral(facts, Role::Union, Role::Police, false); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::Conflict);
    CHECK(error->code() == "consent_required");
    CHECK(std::string(error->what()).find("the commune police") != std::string::npos);
    CHECK(outcome([&] { checkReferral(facts, Role::Union, Role::Police, true); }) ==
          "invalid/invalid@mandatory");
}

TEST_CASE("workflow: DESIGN §2 — child case to justice without consent is refused",
          "[workflow][consent][mandatory]") {
    CaseFacts facts = policeCase();
    facts.child = true;
    CHECK(outcome([&] { checkReferral(facts, Role::Police, Role::Justice, false); }) ==
          "conflict/consent_required");
    // Only a referral to the police can be a mandatory report.
    CHECK(outcome([&] { checkReferral(facts, Role::Police, Role::Justice, true); }) ==
          "invalid/invalid@mandatory");
    facts.consentGiven = true;
    facts.consentAgencies = {Role::Police, Role::Justice};
    const ReferralDecision decision = checkReferral(facts, Role::Police, Role::Justice, false);
    CHECK_FALSE(decision.mandatory);
    CHECK(decision.coveredByConsent);
}

TEST_CASE("workflow: Law 91/2025 — consent recorded but withdrawn (not given) covers nobody",
          "[workflow][consent]") {
    CaseFacts facts = policeCase();
    facts.consentGiven = false;
    facts.consentAgencies = {Role::Police, Role::Union};
    CHECK(outcome([&] { checkReferral(facts, Role::Police, Role::Union, false); }) ==
          "conflict/consent_required");
}

TEST_CASE("workflow: referral targets — a case agency other than oneself", "[workflow][consent]") {
    CaseFacts facts = policeCase();
    facts.consentGiven = true;
    facts.consentAgencies = {Role::Police, Role::Justice, Role::Union, Role::School};
    CHECK(outcome([&] { checkReferral(facts, Role::Police, Role::Police, false); }) ==
          "invalid/invalid@to");
    for (Role to : allRoles()) {
        if (isCaseAgency(to)) continue;
        INFO(roleName(to));
        CHECK(outcome([&] { checkReferral(facts, Role::Police, to, false); }) ==
              "invalid/invalid@to");
    }
    for (Role to : {Role::Justice, Role::Union, Role::School})
        CHECK(outcome([&] { checkReferral(facts, Role::Police, to, false); }) == "ok");
}

TEST_CASE("workflow: only an agency with an active stage refers a case", "[workflow][consent]") {
    CaseFacts facts = policeCase();
    facts.consentGiven = true;
    facts.consentAgencies = {Role::Police, Role::Union};
    for (S status : {S::Referred, S::Accepted, S::Declined, S::Completed}) {
        facts.stages[Role::Justice] = StageTrack{status, kT0, {}};
        INFO(stageStatusName(status));
        CHECK(outcome([&] { checkReferral(facts, Role::Justice, Role::Union, false); }) ==
              "forbidden/forbidden");
    }
    CHECK(outcome([&] { checkReferral(facts, Role::School, Role::Union, false); }) ==
          "forbidden/forbidden");
}

TEST_CASE(
    "workflow: referring to an agency already involved is refused, a finished one may "
    "take the case again",
    "[workflow][consent]") {
    CaseFacts facts = policeCase();
    facts.consentGiven = true;
    facts.consentAgencies = {Role::Police, Role::Union};
    for (S status : allStageStatuses()) {
        facts.stages[Role::Union] = StageTrack{status, kT0, {}};
        INFO(stageStatusName(status));
        CHECK(outcome([&] { checkReferral(facts, Role::Police, Role::Union, false); }) ==
              (isOpenStage(status) ? "conflict/already_involved" : "ok"));
    }
}

TEST_CASE("workflow: no referral from a closed case", "[workflow][consent]") {
    CaseFacts facts = policeCase();
    facts.child = true;
    facts.status = CaseStatus::Closed;
    CHECK(outcome([&] { checkReferral(facts, Role::Police, Role::Union, false); }) ==
          "conflict/case_closed");
}

TEST_CASE(
    "workflow: Law 91/2025 — withdrawing consent declines the agency's open stage, "
    "reason kept",
    "[workflow][consent][withdrawal]") {
    CaseFacts facts = policeCase();
    facts.consentGiven = true;
    facts.consentAgencies = {Role::Police, Role::Justice, Role::Union, Role::School};
    facts.stages[Role::Justice] = StageTrack{S::Referred, kT0, {}};
    facts.stages[Role::Union] = StageTrack{S::Active, kT0, {}};
    facts.stages[Role::School] = StageTrack{S::Completed, kT0, {}};

    const ConsentChange change = applyConsentChange(facts, {Role::Police}, kLater);
    CHECK(change.withdrawn == std::set<Role>{Role::Justice, Role::Union, Role::School});
    CHECK(change.declined == std::set<Role>{Role::Justice, Role::Union, Role::School});
    CHECK(change.keptByLaw.empty());
    for (Role ended : {Role::Justice, Role::Union, Role::School}) {
        const StageTrack& track = change.stages.at(ended);
        CHECK(track.status == S::Declined);
        CHECK(track.reason == kConsentWithdrawnReason);
        CHECK(track.since == kLater);
    }
    // A completed stage still gave read access: withdrawal ends it too (DESIGN §2).
    CHECK(change.stages.at(Role::Police).status == S::Active);  // still covered
}

TEST_CASE("workflow: Law 13/2022 — consent cannot end the police stage of a mandatory report",
          "[workflow][consent][withdrawal][mandatory]") {
    for (bool child : {true, false}) {
        CaseFacts facts = unionCase();
        facts.child = child;
        facts.crime = !child;
        facts.consentGiven = true;
        facts.consentAgencies = {Role::Police, Role::Union};
        facts.stages[Role::Police] = StageTrack{S::Active, kT0, {}};
        const ConsentChange change = applyConsentChange(facts, {}, kLater);  // all withdrawn
        CHECK(change.withdrawn == std::set<Role>{Role::Police, Role::Union});
        CHECK(change.keptByLaw == std::set<Role>{Role::Police});
        CHECK(change.declined == std::set<Role>{Role::Union});
        CHECK(change.stages.at(Role::Police).status == S::Active);
        CHECK(change.stages.at(Role::Union).status == S::Declined);
    }
}

TEST_CASE("workflow: on an adult non-crime case, withdrawal ends the police stage too",
          "[workflow][consent][withdrawal]") {
    CaseFacts facts = policeCase();
    facts.consentGiven = true;
    facts.consentAgencies = {Role::Police, Role::Union};
    facts.stages[Role::Union] = StageTrack{S::Active, kT0, {}};
    const ConsentChange change = applyConsentChange(facts, {Role::Union}, kLater);
    CHECK(change.declined == std::set<Role>{Role::Police});
    CHECK(change.keptByLaw.empty());
    CHECK(change.stages.at(Role::Police).status == S::Declined);
    CHECK(change.stages.at(Role::Union).status == S::Active);
}

TEST_CASE("workflow: a consent change names only case agencies, and not on a closed case",
          "[workflow][consent][withdrawal]") {
    CaseFacts facts = policeCase();
    CHECK(outcome([&] {
              applyConsentChange(facts, {Role::Police, Role::Leader}, kLater);
          }) == "invalid/invalid@agencies");
    CHECK(outcome([&] {
              applyConsentChange(facts, {Role::Police, Role::Justice}, kLater);
          }) == "ok");
    facts.status = CaseStatus::Closed;
    CHECK(outcome([&] { applyConsentChange(facts, {Role::Police}, kLater); }) ==
          "conflict/case_closed");
}
