#include "core/workflow/Stage.h"

#include <catch2/catch.hpp>
#include <set>
#include <utility>

#include "unit/core/workflow/WorkflowTestSupport.h"

using namespace binhan::core;
using namespace binhan::core::workflow;
using binhan::core::workflow::test::errorOf;
using binhan::core::workflow::test::outcome;

namespace {

using S = StageStatus;
const TimePoint kT0 = TimePoint(std::chrono::seconds(1714552200));  // 2024-05-01T08:30:00Z

// DESIGN.md §2 and API.md, written out independently of the table under test.
const std::set<std::pair<S, S>> kAllowed = {
    {S::Referred, S::Accepted}, {S::Referred, S::Declined},  {S::Accepted, S::Active},
    {S::Active, S::Completed},  {S::Accepted, S::Declined},  {S::Active, S::Declined},
    {S::Declined, S::Referred}, {S::Completed, S::Referred}, {S::Completed, S::Declined},
};

}  // namespace

TEST_CASE("workflow: stage statuses parse and print by their API names", "[workflow][stage]") {
    REQUIRE(allStageStatuses().size() == 5);
    for (S s : allStageStatuses()) CHECK(parseStageStatus(stageStatusName(s)) == s);
    CHECK(stageStatusName(S::Referred) == "referred");
    CHECK(stageStatusName(S::Completed) == "completed");
    CHECK_FALSE(parseStageStatus("Active"));
    CHECK_FALSE(parseStageStatus("closed"));
}

TEST_CASE("workflow: DESIGN §2 stage track — every from × to pair is allowed or refused",
          "[workflow][stage]") {
    int allowed = 0;
    for (S from : allStageStatuses()) {
        for (S to : allStageStatuses()) {
            INFO(stageStatusName(from) << " -> " << stageStatusName(to));
            const bool expected = kAllowed.count({from, to}) > 0;
            CHECK(stageTransitionAllowed(from, to) == expected);
            if (expected) {
                ++allowed;
                CHECK(outcome([&] { checkStageTransition(from, to); }) == "ok");
            } else {
                const auto error = errorOf([&] { checkStageTransition(from, to); });
                REQUIRE(error);
                CHECK(error->kind() == ErrorKind::Conflict);
                CHECK(error->code() == "stage_transition");
                CHECK_FALSE(std::string(error->what()).empty());
            }
        }
    }
    CHECK(allowed == 9);
    CHECK(stageTransitions().size() == kAllowed.size());
}

TEST_CASE("workflow: every move into declined needs a reason, which the track keeps",
          "[workflow][stage]") {
    for (const auto& row : stageTransitions()) CHECK(row.needsReason == (row.to == S::Declined));
    for (S from : {S::Referred, S::Accepted, S::Active}) {
        const StageTrack track{from, kT0, {}};
        CHECK(outcome([&] { moveStage(track, S::Declined, kT0); }) == "invalid/invalid@reason");
        CHECK(outcome([&] { moveStage(track, S::Declined, kT0, "  \n"); }) ==
              "invalid/invalid@reason");
        const StageTrack later =
            moveStage(track, S::Declined, kT0 + std::chrono::hours(2), "consent withdrawn");
        CHECK(later.status == S::Declined);
        CHECK(later.reason == "consent withdrawn");
        CHECK(later.since == kT0 + std::chrono::hours(2));
    }
}

TEST_CASE("workflow: refusals tell the clerk what to do", "[workflow][stage]") {
    const auto again = errorOf([] { checkStageTransition(S::Completed, S::Active); });
    REQUIRE(again);
    CHECK(std::string(again->what()).find("refer the case to it again") != std::string::npos);
    const auto twice = errorOf([] { checkStageTransition(S::Active, S::Referred); });
    REQUIRE(twice);
    CHECK(std::string(twice->what()).find("already involved") != std::string::npos);
}

TEST_CASE("workflow: API.md — accepting a referral makes the stage active at once",
          "[workflow][stage]") {
    const StageTrack referred{S::Referred, kT0, {}};
    const TimePoint later = kT0 + std::chrono::minutes(30);
    const StageTrack active = acceptReferral(referred, later);
    CHECK(active.status == S::Active);
    CHECK(active.since == later);
    for (S from : {S::Accepted, S::Declined, S::Active, S::Completed})
        CHECK(outcome([&] {
                  acceptReferral(StageTrack{from, kT0, {}}, later);
              }) == "conflict/stage_transition");
}

TEST_CASE("workflow: an opener's stage is active, a referral starts or restarts a track",
          "[workflow][stage]") {
    CHECK(openingStage(kT0).status == S::Active);
    CHECK(openingStage(kT0).since == kT0);
    CHECK(referStage(nullptr, kT0).status == S::Referred);
    for (S from : allStageStatuses()) {
        const StageTrack existing{from, kT0 - std::chrono::hours(1), "earlier"};
        const bool comesBack = from == S::Declined || from == S::Completed;
        INFO(stageStatusName(from));
        if (comesBack) {
            const StageTrack again = referStage(&existing, kT0);
            CHECK(again.status == S::Referred);
            CHECK(again.since == kT0);
        } else {
            CHECK(outcome([&] { referStage(&existing, kT0); }) == "conflict/stage_transition");
        }
    }
}

TEST_CASE("workflow: referred, accepted and active stages are open, the others are finished",
          "[workflow][stage]") {
    CHECK(isOpenStage(S::Referred));
    CHECK(isOpenStage(S::Accepted));
    CHECK(isOpenStage(S::Active));
    CHECK_FALSE(isOpenStage(S::Declined));
    CHECK_FALSE(isOpenStage(S::Completed));
}
