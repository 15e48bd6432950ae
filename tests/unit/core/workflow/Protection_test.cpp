#include "core/workflow/Protection.h"

#include <catch2/catch.hpp>

#include "unit/core/workflow/WorkflowTestSupport.h"

using namespace binhan::core;
using namespace binhan::core::workflow;
using binhan::core::workflow::test::errorOf;
using binhan::core::workflow::test::outcome;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

const TimePoint kRequested = TimePoint(seconds(1714552200));  // 2024-05-01T08:30:00Z
const TimePoint kDecided = kRequested + hours(2);

std::string decide(bool granted, TimePoint starts, TimePoint ends, TimePoint now = kDecided,
                   bool alreadyDecided = false) {
    return outcome([&] { checkDecision(kRequested, alreadyDecided, granted, starts, ends, now); });
}

}  // namespace

TEST_CASE("workflow: Law 13/2022 art. 25 — the leader decides within 12 hours of the request",
          "[workflow][protection]") {
    CHECK(decisionDeadline(kRequested) == kRequested + hours(12));
    const TimePoint starts = kRequested + hours(1);
    const TimePoint ends = starts + hours(72);
    CHECK_FALSE(checkDecision(kRequested, false, true, starts, ends, kDecided).late);
    const DecisionCheck onTime =
        checkDecision(kRequested, false, true, starts, ends, kRequested + hours(12));
    CHECK_FALSE(onTime.late);
    CHECK(onTime.deadline == kRequested + hours(12));
}

TEST_CASE("workflow: Law 13/2022 art. 25 — a decision after 12 hours is recorded but flagged late",
          "[workflow][protection]") {
    const TimePoint now = kRequested + hours(12) + seconds(1);
    const DecisionCheck late = checkDecision(kRequested, false, true, now, now + hours(72), now);
    CHECK(late.late);
    CHECK(checkDecision(kRequested, false, false, {}, {}, kRequested + hours(30)).late);
}

TEST_CASE("workflow: Law 13/2022 art. 25 — a granted contact prohibition lasts at most 3 days",
          "[workflow][protection]") {
    const TimePoint starts = kRequested + hours(2);
    CHECK(decide(true, starts, starts + hours(72)) == "ok");
    CHECK(decide(true, starts, starts + hours(24)) == "ok");
    CHECK(decide(true, starts, starts + hours(72) + seconds(1)) == "invalid/invalid@details.ends");
    const auto error = errorOf(
        [&] { checkDecision(kRequested, false, true, starts, starts + hours(73), kDecided); });
    REQUIRE(error);
    CHECK(std::string(error->what()).find("at most 3 days") != std::string::npos);
}

TEST_CASE("workflow: Decree 76/2023 — a prohibition ends after it starts, not before the request",
          "[workflow][protection]") {
    CHECK(decide(true, kRequested, kRequested + hours(72)) == "ok");
    CHECK(decide(true, kRequested - seconds(1), kRequested + hours(48)) ==
          "invalid/invalid@details.starts");
    CHECK(decide(true, kDecided, kDecided) == "invalid/invalid@details.ends");
    CHECK(decide(true, kDecided, kDecided - minutes(5)) == "invalid/invalid@details.ends");
    // Already over when issued: protects no one.
    const TimePoint now = kRequested + hours(10);
    CHECK(decide(true, kRequested, kRequested + hours(9), now) == "invalid/invalid@details.ends");
    CHECK(decide(true, kRequested, now, now) == "invalid/invalid@details.ends");
}

TEST_CASE("workflow: a refused request needs no dates", "[workflow][protection]") {
    CHECK(decide(false, TimePoint{}, TimePoint{}) == "ok");
    CHECK(decide(false, kRequested + hours(5), kRequested) == "ok");
}

TEST_CASE("workflow: Law 13/2022 art. 25 — each request is decided once, issue again on a new one",
          "[workflow][protection]") {
    CHECK(decide(true, kDecided, kDecided + hours(72), kDecided, true) ==
          "conflict/already_decided");
    CHECK(decide(false, {}, {}, kDecided, true) == "conflict/already_decided");
}

TEST_CASE("workflow: DESIGN §2 — only the leader who issued a prohibition revokes it",
          "[workflow][protection]") {
    CHECK(outcome([] { checkRevoke(7, 7); }) == "ok");
    CHECK(outcome([] { checkRevoke(7, 8); }) == "forbidden/forbidden");
    const auto error = errorOf([] { checkRevoke(7, 8); });
    REQUIRE(error);
    CHECK(std::string(error->what()).find("leader who issued") != std::string::npos);
}

TEST_CASE("workflow: only a granted, unrevoked, unexpired prohibition can be revoked",
          "[workflow][protection]") {
    const TimePoint ends = kDecided + hours(48);
    CHECK(outcome([&] { checkRevocable(true, false, ends, kDecided); }) == "ok");
    CHECK(outcome([&] { checkRevocable(false, false, ends, kDecided); }) ==
          "conflict/not_revocable");
    CHECK(outcome([&] { checkRevocable(true, true, ends, kDecided); }) == "conflict/not_revocable");
    CHECK(outcome([&] { checkRevocable(true, false, ends, ends); }) == "conflict/not_revocable");
}

TEST_CASE("workflow: Law 13/2022 art. 25 — the dashboard counts down the 12 hours",
          "[workflow][protection][dashboard]") {
    CHECK(hoursLeft(kRequested, kRequested) == Approx(12.0));
    CHECK(hoursLeft(kRequested, kRequested + minutes(150)) == Approx(9.5));
    CHECK(hoursLeft(kRequested, kRequested + hours(12)) == Approx(0.0));
    CHECK(hoursLeft(kRequested, kRequested + hours(13)) == Approx(-1.0));
}

TEST_CASE("workflow: DESIGN §2 — the dashboard warns before an order ends and when it lapsed",
          "[workflow][protection][dashboard]") {
    const TimePoint ends = kDecided + hours(72);
    CHECK(orderState(ends, false, kDecided) == OrderState::Active);
    CHECK(orderState(ends, false, ends - hours(24) - seconds(1)) == OrderState::Active);
    CHECK(orderState(ends, false, ends - hours(24)) == OrderState::EndingSoon);
    CHECK(orderState(ends, false, ends - seconds(1)) == OrderState::EndingSoon);
    CHECK(orderState(ends, false, ends) == OrderState::Lapsed);
    CHECK(orderState(ends, false, ends + hours(100)) == OrderState::Lapsed);
    CHECK(orderState(ends, true, kDecided) == OrderState::Revoked);
    CHECK(orderState(ends, true, ends + hours(1)) == OrderState::Revoked);
    CHECK(orderStateName(OrderState::EndingSoon) == "ending_soon");
    CHECK(orderStateName(OrderState::Lapsed) == "lapsed");
    CHECK(orderStateName(OrderState::Active) == "active");
    CHECK(orderStateName(OrderState::Revoked) == "revoked");
}
