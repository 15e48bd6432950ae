#include "core/workflow/FollowUp.h"

#include <catch2/catch.hpp>

#include "core/TimeFormat.h"
#include "unit/core/workflow/WorkflowTestSupport.h"

using namespace binhan::core;
using namespace binhan::core::workflow;
using binhan::core::workflow::test::outcome;

namespace {

TimePoint at(const char* rfc3339) {
    return *parseRfc3339(rfc3339);
}

}  // namespace

TEST_CASE("workflow: DESIGN §2 — a follow-up is due on its date in Vietnam time (UTC+7)",
          "[workflow][followup]") {
    // 1 May begins at 00:00 in Vietnam, 17:00 UTC on 30 April.
    CHECK(dueState("2024-05-01", false, at("2024-04-30T16:59:59Z")) == DueState::Upcoming);
    CHECK(dueState("2024-05-01", false, at("2024-04-30T17:00:00Z")) == DueState::DueToday);
    CHECK(dueState("2024-05-01", false, at("2024-05-01T16:59:59Z")) == DueState::DueToday);
    CHECK(dueState("2024-05-01", false, at("2024-05-01T17:00:00Z")) == DueState::Overdue);
    CHECK(dueState("2024-05-01", false, at("2024-06-01T00:00:00Z")) == DueState::Overdue);
    CHECK(dueState("2025-01-01", false, at("2024-12-31T18:00:00+00:00")) == DueState::DueToday);
}

TEST_CASE("workflow: a done follow-up is done whatever its date", "[workflow][followup]") {
    CHECK(dueState("2024-05-01", true, at("2024-06-01T00:00:00Z")) == DueState::Done);
    CHECK(dueState("2024-05-01", true, at("2024-04-01T00:00:00Z")) == DueState::Done);
}

TEST_CASE("workflow: a malformed due date is refused", "[workflow][followup]") {
    const TimePoint now = at("2024-05-01T00:00:00Z");
    CHECK(outcome([&] { dueState("01/05/2024", false, now); }) == "invalid/invalid@due");
    CHECK(outcome([&] { dueState("2024-02-30", false, now); }) == "invalid/invalid@due");
    CHECK(outcome([&] { dueState("", true, now); }) == "invalid/invalid@due");
}

TEST_CASE("workflow: due states and Vietnam dates print as the API spells them",
          "[workflow][followup]") {
    CHECK(dueStateName(DueState::Done) == "done");
    CHECK(dueStateName(DueState::Upcoming) == "upcoming");
    CHECK(dueStateName(DueState::DueToday) == "due_today");
    CHECK(dueStateName(DueState::Overdue) == "overdue");
    CHECK(vietnamDate(at("2024-04-30T17:00:00Z")) == "2024-05-01");
    CHECK(vietnamDate(at("2024-04-30T16:59:59Z")) == "2024-04-30");
}
