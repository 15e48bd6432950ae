// The rules of issue 20 in core, each beside the article it enforces: the risk screen's
// suggestion, who may ask for a contact prohibition (Law 13/2022 art. 25(1)), to whom a decision
// or a refusal goes (art. 25(2)-(3)), the court's order of at most 4 months (art. 26), closing a
// high-risk case with the chair's approval, the survivor's anonymous feedback, and the delay
// buckets of the report.
#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

#include "core/TimeFormat.h"
#include "core/report/ReportModel.h"
#include "core/workflow/CaseStatus.h"
#include "core/workflow/Protection.h"
#include "core/workflow/RiskScreen.h"
#include "core/workflow/SurvivorFeedback.h"
#include "unit/core/workflow/WorkflowTestSupport.h"

using namespace binhan::core;
using namespace binhan::core::workflow;
using binhan::core::workflow::test::outcome;
using std::chrono::hours;

namespace {

Risk suggest(std::initializer_list<const char*> yes) {
    std::map<std::string, std::string> answers;
    for (const auto& q : riskQuestions()) answers[q.id] = "no";
    for (const char* q : yes) answers[q] = "yes";
    return suggestedRisk(answers);
}

TimePoint day(const std::string& date) {
    return *parseDate(date);
}

Poco::JSON::Object::Ptr json(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace

TEST_CASE("issue 20: the risk screen suggests a level from the lethality factors",
          "[workflow][issue20][risk]") {
    CHECK(riskQuestions().size() == 13);
    CHECK(suggest({}) == Risk::Low);
    CHECK(suggest({"escalation"}) == Risk::Low);
    CHECK(suggest({"escalation", "pregnancy"}) == Risk::Medium);
    CHECK(suggest({"escalation", "pregnancy", "substance_abuse", "jealousy_control",
                   "recent_separation"}) == Risk::High);
    CHECK(suggest({"strangling"}) == Risk::High);  // one severe sign
    CHECK(suggest({"weapon", "threat_to_kill"}) == Risk::Critical);
    CHECK(suggest({"weapon", "escalation", "pregnancy", "survivor_fears"}) == Risk::Critical);
    // "unknown" is not yes: the officer's judgement covers the doubt.
    std::map<std::string, std::string> unsure;
    for (const auto& q : riskQuestions()) unsure[q.id] = "unknown";
    CHECK(suggestedRisk(unsure) == Risk::Low);
    CHECK(promptsProtection(Risk::High));
    CHECK_FALSE(promptsProtection(Risk::Medium));
    CHECK(riskScreenNote("vi").find("không phải công cụ lâm sàng") != std::string::npos);
}

TEST_CASE("issue 20: Law 13/2022 art. 25(1) — who asks for a contact prohibition",
          "[workflow][issue20][protection]") {
    CHECK(outcome([] { checkRequestKind("agency", false, false); }) == "ok");
    // (b): the chair acts on his own initiative, not anyone else, not against her wish.
    CHECK(outcome([] { checkRequestKind("chair_initiative", false, false); }) ==
          "forbidden/forbidden");
    CHECK(outcome([] { checkRequestKind("chair_initiative", true, true); }) ==
          "conflict/survivor_objects");
    CHECK(outcome([] { checkRequestKind("chair_initiative", true, false); }) == "ok");
    // A request reaches the chair through the agency that received it.
    CHECK(outcome([] { checkRequestKind("survivor", true, false); }) ==
          "invalid/invalid@details.requested_by");
}

TEST_CASE(
    "issue 20: Law 13/2022 art. 25(2)-(3) — a decision goes to four parties, a refusal "
    "to the requester, each once, after it is made",
    "[workflow][issue20][protection]") {
    const TimePoint decided = day("2024-05-01") + hours(9);
    for (const char* party : {"perpetrator", "survivor", "police_head", "village_head"}) {
        CHECK(deliveryPartyAllowed(true, party));
        CHECK_FALSE(deliveryPartyAllowed(false, party));
    }
    CHECK(deliveryPartyAllowed(false, "requester"));
    CHECK_FALSE(deliveryPartyAllowed(true, "requester"));
    const auto deliver = [&](bool granted, const char* party, bool already, TimePoint at) {
        return outcome(
            [&] { checkDelivery(granted, party, already, decided, at, decided + hours(5)); });
    };
    CHECK(deliver(true, "survivor", false, decided + hours(1)) == "ok");
    CHECK(deliver(true, "requester", false, decided + hours(1)) == "invalid/invalid@details.party");
    CHECK(deliver(true, "survivor", true, decided + hours(1)) == "conflict/already_delivered");
    CHECK(deliver(true, "survivor", false, decided - hours(1)) ==
          "invalid/invalid@details.delivered_at");
    CHECK(deliver(false, "requester", false, decided + hours(24)) ==
          "invalid/invalid@details.delivered_at");  // after `now`: not yet
}

TEST_CASE("issue 20: Law 13/2022 art. 26 — a court's no-contact order lasts at most 4 months",
          "[workflow][issue20][court]") {
    const auto order = [](const char* issued, const char* starts, const char* ends) {
        return outcome([&] { checkCourtOrder(day(issued), day(starts), day(ends)); });
    };
    CHECK(order("2024-05-01", "2024-05-02", "2024-09-01") == "ok");  // its last day included
    CHECK(order("2024-05-01", "2024-05-02", "2024-09-02") == "invalid/invalid@details.ends");
    CHECK(order("2024-10-31", "2024-10-31", "2025-02-27") == "ok");  // clipped to February
    CHECK(order("2024-10-31", "2024-10-31", "2025-02-28") == "invalid/invalid@details.ends");
    CHECK(order("2024-05-02", "2024-05-01", "2024-06-01") == "invalid/invalid@details.starts");
    CHECK(order("2024-05-01", "2024-05-10", "2024-05-09") == "invalid/invalid@details.ends");
    CHECK(courtOrderState("2024-05-20", "2024-05-01") == "active");
    CHECK(courtOrderState("2024-05-07", "2024-05-01") == "ending_soon");
    CHECK(courtOrderState("2024-04-30", "2024-05-01") == "ended");
}

TEST_CASE("issue 20: a high or critical case closes only with the chair's approval",
          "[workflow][issue20][closure]") {
    CHECK(outcome([] { checkCloseApproval(Risk::Medium, ClosureApproval::None); }) == "ok");
    CHECK(outcome([] { checkCloseApproval(Risk::High, ClosureApproval::None); }) ==
          "conflict/closure_needs_approval");
    CHECK(outcome([] { checkCloseApproval(Risk::Critical, ClosureApproval::Returned); }) ==
          "conflict/closure_needs_approval");
    CHECK(outcome([] { checkCloseApproval(Risk::Critical, ClosureApproval::Approved); }) == "ok");
    CHECK(outcome([] { checkClosureRequest(Risk::Low, ClosureApproval::None); }) ==
          "conflict/closure_not_needed");
    CHECK(outcome([] { checkClosureRequest(Risk::High, ClosureApproval::Requested); }) ==
          "conflict/closure_requested");
    CHECK(outcome([] { checkClosureRequest(Risk::High, ClosureApproval::Returned); }) == "ok");
    CHECK(outcome([] { checkClosureDecision(false); }) == "conflict/already_decided");
}

TEST_CASE("issue 20: the survivor's feedback takes the offered answers or a refusal to answer",
          "[workflow][issue20][feedback]") {
    CHECK(parseFeedback(*json(R"({"felt_safe":"partly","knows_help":"no"})")).size() == 2);
    CHECK(parseFeedback(*json(R"({"declined":true})")).at("declined") == "true");
    CHECK(outcome([] { parseFeedback(*json(R"({"felt_safe":"maybe"})")); }) ==
          "invalid/invalid@survivor_feedback.felt_safe");
    CHECK(outcome([] { parseFeedback(*json(R"({"name":"x"})")); }) ==
          "invalid/invalid@survivor_feedback");
    CHECK(outcome([] { parseFeedback(*json(R"({"declined":true,"felt_safe":"yes"})")); }) ==
          "invalid/invalid@survivor_feedback");
    CHECK(outcome([] { parseFeedback(*json("{}")); }) == "invalid/invalid@survivor_feedback");
}

TEST_CASE("issue 20: delays are counted in hour buckets", "[report][issue20]") {
    using binhan::core::report::hoursBucket;
    CHECK(hoursBucket(-3) == "lt_1h");
    CHECK(hoursBucket(0) == "lt_1h");
    CHECK(hoursBucket(1) == "1_12h");
    CHECK(hoursBucket(12) == "12_24h");
    CHECK(hoursBucket(24) == "1_3d");
    CHECK(hoursBucket(72) == "3_7d");
    CHECK(hoursBucket(168) == "gt_7d");
}
