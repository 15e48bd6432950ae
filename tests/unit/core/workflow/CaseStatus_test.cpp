#include "core/workflow/CaseStatus.h"

#include <catch2/catch.hpp>
#include <set>
#include <utility>

#include "unit/core/workflow/WorkflowTestSupport.h"

using namespace binhan::core;
using namespace binhan::core::workflow;
using binhan::core::workflow::test::errorOf;
using binhan::core::workflow::test::outcome;

namespace {

using C = CaseStatus;
using S = StageStatus;
const TimePoint kT0 = TimePoint(std::chrono::seconds(1714552200));  // 2024-05-01T08:30:00Z

// DESIGN.md §2, written out independently of the table under test.
const std::set<std::pair<C, C>> kAllowed = {
    {C::Open, C::Active},   {C::Reopened, C::Active}, {C::Open, C::Closed},
    {C::Active, C::Closed}, {C::Reopened, C::Closed}, {C::Closed, C::Reopened},
};

std::map<Role, StageTrack> stages(std::initializer_list<std::pair<Role, S>> list) {
    std::map<Role, StageTrack> out;
    for (const auto& [role, status] : list) out[role] = StageTrack{status, kT0, {}};
    return out;
}

}  // namespace

TEST_CASE("workflow: case statuses parse and print by their API names", "[workflow][case]") {
    REQUIRE(allCaseStatuses().size() == 4);
    for (C c : allCaseStatuses()) CHECK(parseCaseStatus(caseStatusName(c)) == c);
    CHECK(caseStatusName(C::Reopened) == "reopened");
    CHECK_FALSE(parseCaseStatus("Closed"));
}

TEST_CASE("workflow: DESIGN §2 case status — every from × to pair is allowed or refused",
          "[workflow][case]") {
    for (C from : allCaseStatuses()) {
        for (C to : allCaseStatuses()) {
            INFO(caseStatusName(from) << " -> " << caseStatusName(to));
            const bool expected = kAllowed.count({from, to}) > 0;
            CHECK(caseTransitionAllowed(from, to) == expected);
            const std::string refusal = from == C::Closed && to != C::Reopened
                                            ? "conflict/case_closed"
                                            : "conflict/case_transition";
            CHECK(outcome([&] { checkCaseTransition(from, to); }) == (expected ? "ok" : refusal));
        }
    }
    CHECK(caseTransitions().size() == kAllowed.size());
    for (const auto& row : caseTransitions()) CHECK(row.needsReason == (row.to != C::Active));
}

TEST_CASE("workflow: DESIGN §2 — a closed case is read-only until reopened", "[workflow][case]") {
    for (C c : allCaseStatuses()) {
        INFO(caseStatusName(c));
        CHECK(outcome([&] { checkWritable(c); }) ==
              (c == C::Closed ? "conflict/case_closed" : "ok"));
    }
    const auto error = errorOf([] { checkWritable(C::Closed); });
    REQUIRE(error);
    CHECK(std::string(error->what()).find("reopen") != std::string::npos);
}

TEST_CASE("workflow: DESIGN §2 — closing with open stages is refused, naming the agencies",
          "[workflow][case]") {
    const auto open = stages({{Role::Police, S::Active},
                              {Role::Justice, S::Completed},
                              {Role::Union, S::Referred},
                              {Role::School, S::Declined}});
    CHECK(openStageAgencies(open) == std::set<Role>{Role::Police, Role::Union});
    const auto error = errorOf([&] { checkClose(C::Active, open, "Survivor moved away"); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::Conflict);
    CHECK(error->code() == "stages_open");
    const std::string message = error->what();
    CHECK(message.find("the commune police and the Women's Union") != std::string::npos);
    CHECK(message.find("justice") == std::string::npos);
    CHECK(message.find("school") == std::string::npos);

    const auto accepted = stages({{Role::Justice, S::Accepted}, {Role::Police, S::Completed}});
    const auto one = errorOf([&] { checkClose(C::Open, accepted, "done"); });
    REQUIRE(one);
    CHECK(one->code() == "stages_open");
    CHECK(std::string(one->what()).find("the justice officer still has an open stage") !=
          std::string::npos);
}

TEST_CASE("workflow: DESIGN §2 — closing needs a reason once every stage is finished",
          "[workflow][case]") {
    const auto finished = stages({{Role::Police, S::Completed}, {Role::Union, S::Declined}});
    for (C from : {C::Open, C::Active, C::Reopened}) {
        INFO(caseStatusName(from));
        CHECK(outcome([&] { checkClose(from, finished, "Support completed; survivor safe"); }) ==
              "ok");
        CHECK(outcome([&] { checkClose(from, finished, ""); }) == "invalid/invalid@reason");
        CHECK(outcome([&] { checkClose(from, finished, " \t "); }) == "invalid/invalid@reason");
        CHECK(outcome([&] { checkClose(from, finished, std::string(5001, 'x')); }) ==
              "invalid/invalid@reason");
    }
    CHECK(outcome([&] { checkClose(C::Active, {}, "No agency involved"); }) == "ok");
    CHECK(outcome([&] { checkClose(C::Closed, finished, "again"); }) == "conflict/case_closed");
}

TEST_CASE("workflow: DESIGN §2 — only a closed case is reopened, with a reason",
          "[workflow][case]") {
    CHECK(outcome([] { checkReopen(C::Closed, "New incident reported"); }) == "ok");
    CHECK(outcome([] { checkReopen(C::Closed, ""); }) == "invalid/invalid@reason");
    for (C from : {C::Open, C::Active, C::Reopened})
        CHECK(outcome([&] { checkReopen(from, "why"); }) == "conflict/case_transition");
}

TEST_CASE("workflow: a case becomes active at its first work — any event but a note",
          "[workflow][case]") {
    CHECK(statusAfterEvent(C::Open, "police.report") == C::Active);
    CHECK(statusAfterEvent(C::Open, "union.follow_up") == C::Active);
    CHECK(statusAfterEvent(C::Open, "note") == C::Open);
    CHECK(statusAfterEvent(C::Reopened, "justice.counselling") == C::Active);
    CHECK(statusAfterEvent(C::Reopened, "note") == C::Reopened);
    CHECK(statusAfterEvent(C::Active, "note") == C::Active);
    CHECK(statusAfterEvent(C::Active, "school.action") == C::Active);
    CHECK(outcome([] { statusAfterEvent(C::Closed, "note"); }) == "conflict/case_closed");
    CHECK(outcome([] { statusAfterEvent(C::Closed, "police.report"); }) == "conflict/case_closed");
}

TEST_CASE("workflow: a case becomes active when another agency accepts a referral",
          "[workflow][case]") {
    CHECK(statusAfterReferralAccepted(C::Open) == C::Active);
    CHECK(statusAfterReferralAccepted(C::Reopened) == C::Active);
    CHECK(statusAfterReferralAccepted(C::Active) == C::Active);
    CHECK(outcome([] { statusAfterReferralAccepted(C::Closed); }) == "conflict/case_closed");
}
