// The timeline, contact prohibitions and the dashboard through the real services and store
// (issue 5), with a manual clock that the tests move: the 12-hour decision window, the 3-day
// order, the warnings before and after it ends, due dates on the Vietnam calendar.
#include <catch2/catch.hpp>

#include "unit/service/WorkflowFixture.h"

using namespace binhan;
using binhan::testing::outcomeOf;
using binhan::testing::WorkflowFixture;
using core::Role;
using std::chrono::hours;

namespace {

std::string withFlags(const std::string& flags, const std::string& agencies) {
    std::string body = fixtures::adultCaseJson();
    body.replace(body.find(R"("flags":{)"), std::string::npos, R"("flags":)" + flags + "}");
    const auto at = body.find(R"("agencies":[)");
    body.replace(at, body.find(']', at) - at + 1, R"("agencies":)" + agencies);
    return body;
}

const char* kRequest =
    R"({"type":"protection.request","details":{"measure":"no_contact","requested_by":"survivor",)"
    R"("summary":"Yêu cầu cấm tiếp xúc"}})";

std::string decision(std::int64_t request, const std::string& starts, const std::string& ends) {
    return R"({"type":"protection.decision","details":{"request_event":)" +
           std::to_string(request) + R"(,"granted":true,"starts":")" + starts + R"(","ends":")" +
           ends + R"(","reason":"Nguy cơ cao","notified":["perpetrator","survivor"]}})";
}

std::string at(const WorkflowFixture& f, hours later = hours(0)) {
    return core::formatRfc3339(f.clock.now() + later);
}

Poco::JSON::Array::Ptr dashboardList(WorkflowFixture& f, const core::Actor& who,
                                     const std::string& list) {
    return f.workflow->dashboard().forActor(who)->getArray(list);
}

}  // namespace

TEST_CASE("each agency records its own event types, the first work makes the case active",
          "[service][workflow][events]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", Role::Union);
    const auto caseId = f.openCase(hoa, fixtures::adultCaseJson());
    const auto note =
        f.addEvent(hoa, caseId, R"({"type":"note","details":{"text":"Gọi lại sau"}})");
    CHECK(note->getObject("author")->getValue<std::string>("role") == "union");
    CHECK(f.cases->get(hoa, caseId)->getValue<std::string>("status") == "open");  // a remark
    CHECK(outcomeOf([&] {
              f.addEvent(hoa, caseId,
                         R"({"type":"police.report","details":{"channel":"phone","summary":"x"}})");
          }) == "forbidden");
    CHECK(outcomeOf([&] { f.addEvent(hoa, caseId, R"({"type":"union.visit"})"); }) ==
          "invalid@type");
    CHECK(outcomeOf([&] {
              f.addEvent(hoa, caseId, R"({"type":"union.follow_up","details":{"summary":"x"}})");
          }) == "invalid@due");
    CHECK(outcomeOf([&] {
              f.addEvent(hoa, caseId,
                         R"({"type":"union.support","details":{"kind":"money",)"
                         R"("summary":"x"}})");
          }) == "invalid@details.kind");
    CHECK(outcomeOf([&] {
              f.addEvent(
                  hoa, caseId,
                  R"({"type":"note","at":")" + at(f, hours(1)) + R"(","details":{"text":"x"}})");
          }) == "invalid@at");
    const auto support = f.addEvent(
        hoa, caseId,
        R"({"type":"union.support","at":"2024-05-01T10:00:00+07:00","details":{"kind":"shelter",)"
        R"("summary":"EVENTMARK đưa đến nhà tạm lánh"}})");
    CHECK(support->getValue<std::string>("at") == "2024-05-01T03:00:00Z");
    CHECK(f.cases->get(hoa, caseId)->getValue<std::string>("status") == "active");
    // Statistics see the kind of support; nobody reads the summary off the disk.
    CHECK(f.rawColumn("SELECT value FROM event_measures WHERE name = 'kind'") ==
          std::vector<std::string>{"shelter"});
    CHECK(f.rawColumn("SELECT COUNT(*) FROM events WHERE instr(details, CAST('EVENTMARK' AS "
                      "BLOB)) > 0")[0] == "0");
}

TEST_CASE(
    "Law on Grassroots Mediation art. 3: no mediation of a crime, a sanction, or without "
    "consent, legal aid records eligibility",
    "[service][workflow][events]") {
    WorkflowFixture f;
    const auto lan = f.actor("tuphap.lan", Role::Justice);
    const std::string mediation =
        R"({"type":"justice.mediation","details":{"session_date":"2024-05-02",)"
        R"("mediators":["Tổ hòa giải thôn Đông"],"outcome":"agreed","summary":"Hai bên thống nhất"}})";
    const auto crime = f.openCase(lan, withFlags(R"({"crime":true})", R"(["justice"])"));
    CHECK(outcomeOf([&] { f.addEvent(lan, crime, mediation); }) == "conflict/mediation_refused");
    const auto sanction =
        f.openCase(lan, withFlags(R"({"administrative_sanction":true})", R"(["justice"])"));
    CHECK(outcomeOf([&] { f.addEvent(lan, sanction, mediation); }) == "conflict/mediation_refused");
    const auto noConsent = f.openCase(lan, withFlags("{}", R"(["union"])"));
    CHECK(outcomeOf([&] { f.addEvent(lan, noConsent, mediation); }) ==
          "conflict/mediation_refused");
    const auto plain = f.openCase(lan, fixtures::adultCaseJson());
    f.addEvent(lan, plain, mediation);
    f.addEvent(lan, plain,
               R"({"type":"justice.legal_aid","details":{"kind":"advice",)"
               R"("eligibility":"financial_hardship","summary":"Tư vấn ly hôn"}})");
    CHECK(f.rawColumn("SELECT name || '=' || value FROM event_measures ORDER BY name") ==
          std::vector<std::string>{"eligibility=financial_hardship", "kind=advice",
                                   "outcome=agreed", "session_date=2024-05-02"});
}

TEST_CASE("the timeline is oldest first, and each role sees only its view",
          "[service][workflow][events][policy]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", Role::Union);
    const auto thu = f.actor("truong.thu", Role::School);
    const auto chu = f.actor("chutich.an", Role::Leader);
    const auto caseId = f.openCase(hoa, fixtures::adultCaseJson());
    f.consent(hoa, caseId, true, "survivor", {"justice", "union", "school"});
    f.workflow->referrals().accept(thu,
                                   f.refer(hoa, caseId, "school")->getValue<std::int64_t>("id"));
    f.addEvent(hoa, caseId,
               R"({"type":"union.follow_up","due":"2024-05-09","details":{"summary":"Thăm"}})");
    f.addEvent(thu, caseId, R"({"type":"school.action","details":{"summary":"Bố trí chỗ ngồi"}})");
    CHECK(outcomeOf([&] { f.workflow->events().list(chu, caseId, 0, 50); }) == "not_found");
    f.addEvent(hoa, caseId, kRequest);
    auto types = [&](const core::Actor& who) {
        std::vector<std::string> out;
        const auto items = f.workflow->events().list(who, caseId, 0, 50).items;
        for (std::size_t i = 0; i < items->size(); ++i)
            out.push_back(
                items->getObject(static_cast<unsigned>(i))->getValue<std::string>("type"));
        return out;
    };
    CHECK(types(hoa) ==
          std::vector<std::string>{"union.follow_up", "school.action", "protection.request"});
    CHECK(types(thu) == std::vector<std::string>{"school.action", "protection.request"});
    CHECK(types(chu) == std::vector<std::string>{"protection.request"});
    const auto leaderView = f.workflow->events().list(chu, caseId, 0, 50).items->getObject(0);
    CHECK_FALSE(leaderView->getObject("author")->has("id"));
    const auto firstPage = f.workflow->events().list(hoa, caseId, 0, 2);
    REQUIRE(firstPage.nextCursor);
    CHECK(f.workflow->events().list(hoa, caseId, *firstPage.nextCursor, 2).items->size() == 1);
}

TEST_CASE("Law 13/2022 art. 25(2): the leader's 12 hours count down on the dashboard",
          "[service][workflow][protection][dashboard]") {
    WorkflowFixture f;
    const auto nam = f.actor("congan.nam", Role::Police);
    const auto chu = f.actor("chutich.an", Role::Leader);
    const auto caseId = f.openCase(nam, fixtures::adultCaseJson());
    const auto request = f.addEvent(nam, caseId, kRequest)->getValue<std::int64_t>("id");
    auto requests = dashboardList(f, chu, "protection_requests");
    REQUIRE(requests->size() == 1);
    CHECK(requests->getObject(0)->getValue<double>("hours_left") == Approx(12.0));
    CHECK(dashboardList(f, nam, "protection_requests")->size() == 1);  // the requesting agency
    f.clock.advance(hours(10));
    CHECK(dashboardList(f, chu, "protection_requests")
              ->getObject(0)
              ->getValue<double>("hours_left") == Approx(2.0));
    f.clock.advance(hours(3));
    requests = dashboardList(f, chu, "protection_requests");
    CHECK(requests->getObject(0)->getValue<double>("hours_left") == Approx(-1.0));
    CHECK(requests->getObject(0)->getValue<bool>("late"));
    // A late decision is still recorded, and flagged.
    const auto decided = f.addEvent(chu, caseId, decision(request, at(f), at(f, hours(48))));
    CHECK(decided->getObject("protection")->getValue<bool>("late"));
    CHECK(dashboardList(f, chu, "protection_requests")->size() == 0);
}

TEST_CASE(
    "Law 13/2022 art. 25(1): an order lasts at most 3 days, warns before its end and when "
    "lapsed, and can be issued again",
    "[service][workflow][protection][dashboard]") {
    WorkflowFixture f;
    const auto nam = f.actor("congan.nam", Role::Police);
    const auto chu = f.actor("chutich.an", Role::Leader);
    const auto caseId = f.openCase(nam, fixtures::adultCaseJson());
    const auto request = f.addEvent(nam, caseId, kRequest)->getValue<std::int64_t>("id");
    const auto events = [&] { return f.rawColumn("SELECT COUNT(*) FROM events")[0]; };
    const auto before = events();
    CHECK(outcomeOf([&] { f.addEvent(chu, caseId, decision(request, at(f), at(f, hours(73)))); }) ==
          "invalid@details.ends");
    CHECK(outcomeOf([&] { f.addEvent(nam, caseId, decision(request, at(f), at(f, hours(72)))); }) ==
          "forbidden");
    CHECK(outcomeOf([&] { f.addEvent(chu, caseId, decision(999, at(f), at(f, hours(72)))); }) ==
          "invalid@details.request_event");
    CHECK(events() == before);  // a refused event writes nothing
    f.addEvent(chu, caseId, decision(request, at(f), at(f, hours(72))));
    CHECK(outcomeOf([&] { f.addEvent(chu, caseId, decision(request, at(f), at(f, hours(24)))); }) ==
          "conflict/already_decided");
    CHECK(f.rawColumn("SELECT value FROM event_measures WHERE name = 'notified' ORDER BY value") ==
          std::vector<std::string>{"perpetrator", "survivor"});
    CHECK(dashboardList(f, chu, "protection_orders")->size() == 0);  // in force, days to go
    f.clock.advance(hours(49));
    auto orders = dashboardList(f, nam, "protection_orders");
    REQUIRE(orders->size() == 1);
    CHECK(orders->getObject(0)->getValue<std::string>("state") == "ending_soon");
    CHECK(orders->getObject(0)->getValue<double>("hours_left") == Approx(23.0));
    f.clock.advance(hours(24));
    orders = dashboardList(f, chu, "protection_orders");
    CHECK(orders->getObject(0)->getValue<std::string>("state") == "lapsed");
    CHECK(f.workflow->dashboard().forActor(chu)->getObject("counts")->getValue<int>(
              "orders_lapsed") == 1);
    // Issued again on a new request: the new order replaces the lapsed one on the dashboard.
    const auto again = f.addEvent(nam, caseId, kRequest)->getValue<std::int64_t>("id");
    f.addEvent(chu, caseId, decision(again, at(f), at(f, hours(72))));
    CHECK(dashboardList(f, chu, "protection_orders")->size() == 0);
}

TEST_CASE("DESIGN §2: only the leader who issued an order may revoke it",
          "[service][workflow][protection]") {
    WorkflowFixture f;
    const auto nam = f.actor("congan.nam", Role::Police);
    const auto chu = f.actor("chutich.an", Role::Leader);
    const auto pho = f.actor("phochutich.binh", Role::Leader);
    const auto caseId = f.openCase(nam, fixtures::adultCaseJson());
    const auto request = f.addEvent(nam, caseId, kRequest)->getValue<std::int64_t>("id");
    const auto order = f.addEvent(chu, caseId, decision(request, at(f), at(f, hours(72))))
                           ->getValue<std::int64_t>("id");
    const auto revoke = [&](std::int64_t decisionId) {
        return R"({"type":"protection.revoke","details":{"decision_event":)" +
               std::to_string(decisionId) + R"(,"reason":"Hai bên đã hòa giải"}})";
    };
    CHECK(outcomeOf([&] { f.addEvent(pho, caseId, revoke(order)); }) == "forbidden");
    CHECK(outcomeOf([&] { f.addEvent(chu, caseId, revoke(request)); }) ==
          "invalid@details.decision_event");
    const auto revoked = f.addEvent(chu, caseId, revoke(order));
    CHECK(outcomeOf([&] { f.addEvent(chu, caseId, revoke(order)); }) == "conflict/not_revocable");
    const auto timeline = f.workflow->events().list(chu, caseId, 0, 50).items;
    CHECK(timeline->getObject(1)->getObject("protection")->getValue<std::int64_t>("revoke_event") ==
          revoked->getValue<std::int64_t>("id"));
}

TEST_CASE("follow-ups are due on the Vietnam calendar, overdue ones show until marked done",
          "[service][workflow][dashboard]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", Role::Union);
    const auto nam = f.actor("congan.nam", Role::Police);
    const auto caseId = f.openCase(hoa, fixtures::adultCaseJson());
    const auto visit = f.addEvent(hoa, caseId,
                                  R"({"type":"union.follow_up","due":"2024-05-03",)"
                                  R"("details":{"summary":"Thăm nhà"}})")
                           ->getValue<std::int64_t>("id");
    const auto note = f.addEvent(hoa, caseId, R"({"type":"note","details":{"text":"x"}})")
                          ->getValue<std::int64_t>("id");
    const auto stateOfVisit = [&] {
        const auto items = dashboardList(f, hoa, "due_items");
        return items->size() == 0 ? std::string("none")
                                  : items->getObject(0)->getValue<std::string>("state");
    };
    CHECK(stateOfVisit() == "upcoming");
    f.clock.set(*core::parseRfc3339("2024-05-02T17:00:00Z"));  // midnight, 3 May in Vietnam
    CHECK(stateOfVisit() == "due_today");
    f.clock.set(*core::parseRfc3339("2024-05-03T17:00:00Z"));
    CHECK(stateOfVisit() == "overdue");
    CHECK(f.workflow->dashboard().forActor(hoa)->getObject("counts")->getValue<int>("overdue") ==
          1);
    CHECK(dashboardList(f, nam, "due_items")->size() == 0);  // another agency's item
    auto& events = f.workflow->events();
    CHECK(outcomeOf([&] { events.markDone(nam, caseId, visit); }) == "not_found");
    CHECK(outcomeOf([&] { events.markDone(hoa, caseId, note); }) == "conflict/not_due_item");
    CHECK(outcomeOf([&] { events.markDone(hoa, caseId, visit + 100); }) == "not_found");
    const auto done = events.markDone(hoa, caseId, visit);
    CHECK(done->getValue<std::string>("done_at") == "2024-05-03T17:00:00Z");
    CHECK(done->getValue<std::string>("due_state") == "done");
    CHECK(stateOfVisit() == "none");
    CHECK(outcomeOf([&] { events.markDone(hoa, caseId, visit); }) == "conflict/already_done");
}
