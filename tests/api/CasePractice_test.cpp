// Black-box tests of the case practice of issue 20, through the HTTP API as officers meet it:
// the risk screen, the safety plan, the contact prohibition of Law 13/2022 art. 25 in full (the
// chair's own initiative, consent on an agency's request, the written refusal, the deliveries),
// the court's order of art. 26, shelter, behaviour-change sessions, the intake channel of
// art. 19, closing a high-risk case with the chair's approval, the survivor's anonymous
// feedback, and the timeliness tables of the report. Made-up people only.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "api/TestServer.h"
#include "api/WorkflowClient.h"
#include "fixtures/people.h"

using binhan::testing::errorCode;
using binhan::testing::errorField;
using binhan::testing::eventBody;
using binhan::testing::idText;
using binhan::testing::jsonOf;
using binhan::testing::Login;
using binhan::testing::openCasePath;
using binhan::testing::Reply;
using binhan::testing::TestServer;
using binhan::testing::utcIn;
using binhan::testing::vietnamDateIn;

namespace {

const char* kQuestions[] = {"threat_to_kill",   "strangling",         "weapon",
                            "escalation",       "recent_separation",  "pregnancy",
                            "jealousy_control", "threat_to_children", "substance_abuse",
                            "prior_violation",  "forced_sex",         "threat_suicide",
                            "survivor_fears"};

// Risk-screen answers: "no" to every question but those in `yes`, optionally leaving one out.
std::string answers(const std::set<std::string>& yes, const std::string& leaveOut = "") {
    std::string out;
    for (const char* q : kQuestions) {
        if (q == leaveOut) continue;
        out += std::string(out.empty() ? "" : ",") + "\"" + q + "\":\"" +
               (yes.count(q) ? "yes" : "no") + "\"";
    }
    return "{" + out + "}";
}

std::string screen(const std::string& answersJson, const std::string& level,
                   const std::string& extra = "") {
    return eventBody("risk.screen",
                     R"({"answers":)" + answersJson + R"(,"level":")" + level + "\"" + extra + "}");
}

std::int64_t idOf(const Reply& r) {
    return jsonOf(r)->getValue<std::int64_t>("id");
}

// The timeline entry with `id` as `who` reads it.
Poco::JSON::Object::Ptr entry(TestServer& server, const Login& who, const std::string& path,
                              std::int64_t id) {
    const auto items = jsonOf(server.call(who, "GET", path + "/events"))->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto e = items->getObject(static_cast<unsigned>(i));
        if (e->getValue<std::int64_t>("id") == id) return e;
    }
    return nullptr;
}

bool timelineHas(TestServer& server, const Login& who, const std::string& path,
                 const std::string& type) {
    const auto items = jsonOf(server.call(who, "GET", path + "/events"))->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i)
        if (items->getObject(static_cast<unsigned>(i))->getValue<std::string>("type") == type)
            return true;
    return false;
}

std::string request(const std::string& requestedBy, const std::string& extra = "") {
    return eventBody("protection.request", R"({"measure":"no_contact","requested_by":")" +
                                               requestedBy + "\"" + extra +
                                               R"(,"summary":"Đe dọa qua điện thoại"})");
}

std::string delivery(std::int64_t decision, const std::string& party, const std::string& at) {
    return eventBody("protection.delivery",
                     R"({"decision_event":)" + std::to_string(decision) + R"(,"party":")" + party +
                         R"(","method":"in_person","delivered_at":")" + at + "\"}");
}

}  // namespace

TEST_CASE(
    "issue 20: the risk screen suggests a level, the officer's level with its reason "
    "sets the case's, and a high one prompts a protection request",
    "[api][issue20][risk]") {
    TestServer server;
    Login police = server.addUser("canbo.an", "police");
    Login school = server.addUser("canbo.truong", "school");
    const std::string path = openCasePath(server, police);
    const std::string events = path + "/events";

    Reply partial = server.call(police, "POST", events, screen(answers({}, "weapon"), "low"));
    CHECK(partial.status == 400);
    CHECK(errorField(partial) == "details.answers.weapon");
    // Strangling alone suggests high; choosing medium needs the officer's reason.
    Reply unexplained =
        server.call(police, "POST", events, screen(answers({"strangling"}), "medium"));
    CHECK(unexplained.status == 400);
    CHECK(errorField(unexplained) == "details.override_reason");

    Reply high = server.call(police, "POST", events,
                             screen(answers({"strangling"}), "high", R"(,"suggested":"low")"));
    REQUIRE(high.status == 201);
    const auto screened = jsonOf(high);
    CHECK(screened->getObject("details")->getValue<std::string>("suggested") == "high");
    CHECK(screened->getValue<std::string>("prompt") == "protection.request");
    CHECK(jsonOf(server.call(police, "GET", path))->getValue<std::string>("risk") == "high");

    // Two severe signs suggest critical; the officer's judgement of high is kept with its reason,
    // and both levels stay on the record.
    Reply overridden =
        server.call(police, "POST", events,
                    screen(answers({"threat_to_kill", "weapon"}), "high",
                           R"(,"override_reason":"Người gây bạo lực đang bị tạm giữ")"));
    REQUIRE(overridden.status == 201);
    const auto kept = jsonOf(overridden)->getObject("details");
    CHECK(kept->getValue<std::string>("suggested") == "critical");
    CHECK(kept->getValue<std::string>("level") == "high");
    Reply low = server.call(police, "POST", events, screen(answers({}), "low"));
    REQUIRE(low.status == 201);
    CHECK_FALSE(jsonOf(low)->has("prompt"));
    CHECK(jsonOf(server.call(police, "GET", path))->getValue<std::string>("risk") == "low");
    // The answers themselves stay sealed: no measure in clear names a question.
    CHECK(server.query("SELECT COUNT(*) FROM event_measures WHERE name = 'answers'")[0][0] == "0");
    // The school has no row for the risk screen.
    Reply bySchool = server.call(school, "POST", openCasePath(server, school) + "/events",
                                 screen(answers({}), "low"));
    CHECK(bySchool.status == 403);
}

TEST_CASE(
    "issue 20: Law 13/2022 art. 25 — consent on an agency's request, the chair's own "
    "initiative, a written refusal with reasons told to the requester, a new request, "
    "a decision and its four deliveries",
    "[api][issue20][protection]") {
    TestServer server;
    Login police = server.addUser("canbo.an", "police");
    Login chair = server.addUser("chutich.binh", "leader");
    const std::string path = openCasePath(server, police);
    const std::string events = path + "/events";

    // art. 25(1)(a): an agency's request records the survivor's (or guardian's) consent.
    Reply noConsent = server.call(police, "POST", events, request("agency"));
    CHECK(noConsent.status == 400);
    CHECK(errorField(noConsent) == "details.consent_by");
    // art. 25(1)(b) is the chair's alone.
    Reply policeInitiative = server.call(
        police, "POST", events, request("chair_initiative", R"(,"survivor_objects":false)"));
    CHECK(policeInitiative.status == 403);

    Reply first =
        server.call(police, "POST", events, request("agency", R"(,"consent_by":"survivor")"));
    REQUIRE(first.status == 201);
    // The chair refuses in writing, with the reasons (art. 25(2)).
    Reply refused = server.call(
        chair, "POST", events,
        eventBody(
            "protection.decision",
            R"({"request_event":)" + idText(first) +
                R"(,"granted":false,"reason":"Chưa đủ căn cứ: người bị bạo lực đang ở nhà mẹ đẻ"})"));
    REQUIRE(refused.status == 201);
    const std::int64_t refusal = idOf(refused);
    auto refusalEntry = entry(server, police, path, refusal);
    REQUIRE(refusalEntry);
    auto awaiting = refusalEntry->getObject("protection")->getArray("awaiting");
    REQUIRE(awaiting->size() == 1);
    CHECK(awaiting->getElement<std::string>(0) == "requester");
    Reply wrongParty =
        server.call(chair, "POST", events, delivery(refusal, "perpetrator", utcIn(0)));
    CHECK(wrongParty.status == 400);
    CHECK(errorField(wrongParty) == "details.party");
    REQUIRE(server.call(chair, "POST", events, delivery(refusal, "requester", utcIn(0))).status ==
            201);

    // A new request, granted, delivered to the four parties of art. 25(3) by the police.
    Reply second = server.call(police, "POST", events, request("survivor"));
    REQUIRE(second.status == 201);
    Reply granted =
        server.call(chair, "POST", events,
                    eventBody("protection.decision", R"({"request_event":)" + idText(second) +
                                                         R"(,"granted":true,"starts":")" +
                                                         utcIn(0) + R"(","ends":")" + utcIn(48) +
                                                         R"(","reason":"Đe dọa tính mạng"})"));
    REQUIRE(granted.status == 201);
    const std::int64_t decision = idOf(granted);
    Reply early = server.call(police, "POST", events, delivery(decision, "survivor", utcIn(-1)));
    CHECK(early.status == 400);
    CHECK(errorField(early) == "details.delivered_at");
    Reply requester =
        server.call(police, "POST", events, delivery(decision, "requester", utcIn(0)));
    CHECK(requester.status == 400);
    for (const char* party : {"perpetrator", "survivor", "police_head", "village_head"})
        REQUIRE(server.call(police, "POST", events, delivery(decision, party, utcIn(0))).status ==
                201);
    Reply twice = server.call(police, "POST", events, delivery(decision, "survivor", utcIn(0)));
    CHECK(twice.status == 409);
    CHECK(errorCode(twice) == "already_delivered");
    const auto decided = entry(server, chair, path, decision);
    REQUIRE(decided);
    CHECK(decided->getObject("protection")->getArray("awaiting")->size() == 0);
    CHECK(decided->getObject("protection")->getArray("deliveries")->size() == 4);
}

TEST_CASE(
    "issue 20: the chair acts on his own initiative only through emergency access, and "
    "not while the survivor objects (Law 13/2022 art. 25(1)(b))",
    "[api][issue20][protection]") {
    TestServer server;
    Login police = server.addUser("canbo.an", "police");
    Login chair = server.addUser("chutich.binh", "leader");
    const std::string path = openCasePath(server, police);
    const std::string events = path + "/events";
    const std::string initiative = request("chair_initiative", R"(,"survivor_objects":false)");
    CHECK(server.call(chair, "POST", events, initiative).status == 404);  // no need to know yet
    REQUIRE(server
                .call(chair, "POST", path + "/break-glass",
                      R"({"reason":"Tin báo đe dọa tính mạng lúc 23:00"})")
                .status == 200);
    Reply objects = server.call(chair, "POST", events,
                                request("chair_initiative", R"(,"survivor_objects":true)"));
    CHECK(objects.status == 409);
    CHECK(errorCode(objects) == "survivor_objects");
    Reply asSurvivor = server.call(chair, "POST", events, request("survivor"));
    CHECK(asSurvivor.status == 400);
    CHECK(errorField(asSurvivor) == "details.requested_by");
    CHECK(server.call(chair, "POST", events, initiative).status == 201);
}

TEST_CASE(
    "issue 20: a court's no-contact order lasts at most 4 months (Law 13/2022 art. 26) "
    "and shows on the dashboard while in force",
    "[api][issue20][court]") {
    TestServer server;
    Login police = server.addUser("canbo.an", "police");
    const std::string path = openCasePath(server, police);
    const auto order = [&](const std::string& issued, const std::string& starts,
                           const std::string& ends) {
        return server.call(
            police, "POST", path + "/events",
            eventBody("protection.court_order",
                      R"({"court":"Tòa án nhân dân khu vực 2","issued":")" + issued +
                          R"(","starts":")" + starts + R"(","ends":")" + ends + "\"}"));
    };
    const std::string today = vietnamDateIn(0);
    Reply tooLong = order(today, today, vietnamDateIn(130));
    CHECK(tooLong.status == 400);
    CHECK(errorField(tooLong) == "details.ends");
    Reply beforeIssued = order(today, vietnamDateIn(-1), vietnamDateIn(30));
    CHECK(beforeIssued.status == 400);
    CHECK(errorField(beforeIssued) == "details.starts");
    REQUIRE(order(vietnamDateIn(-10), vietnamDateIn(-10), vietnamDateIn(5)).status == 201);
    const auto orders =
        jsonOf(server.call(police, "GET", "/api/v1/dashboard"))->getArray("court_orders");
    REQUIRE(orders->size() == 1);
    CHECK(orders->getObject(0)->getValue<std::string>("ends") == vietnamDateIn(5));
    CHECK(orders->getObject(0)->getValue<std::string>("state") == "ending_soon");
}

TEST_CASE(
    "issue 20: a shelter's location is read only by the agency that arranged it, a "
    "behaviour-change session is recorded once held, a safety plan needs its review date "
    "and never reaches the school",
    "[api][issue20][shelter]") {
    TestServer server;
    Login police = server.addUser("canbo.an", "police");
    Login union_ = server.addUser("canbo.hoa", "union");
    Login school = server.addUser("canbo.truong", "school");
    // The school opens the case and refers it to the union, so both see it.
    std::string body = binhan::fixtures::adultCaseJson();
    body.replace(body.find(R"(["police","justice","union"])"), 28,
                 R"(["police","justice","union","school"])");
    const std::string path = openCasePath(server, school, body);
    const std::string events = path + "/events";
    for (const auto& [who, to] :
         {std::make_pair(&union_, "union"), std::make_pair(&police, "police")}) {
        Reply referral =
            server.call(school, "POST", path + "/referrals",
                        std::string(R"({"to":")") + to + R"(","reason":"Cần hỗ trợ"})");
        REQUIRE(referral.status == 201);
        REQUIRE(server.call(*who, "POST", "/api/v1/referrals/" + idText(referral) + "/accept", "{}")
                    .status == 200);
    }
    Reply shelter = server.call(
        union_, "POST", events,
        eventBody("shelter.placement", R"({"location":"Nhà tạm lánh SHELTERMARK","starts":")" +
                                           vietnamDateIn(0) + "\"}"));
    REQUIRE(shelter.status == 201);
    const auto own = entry(server, union_, path, idOf(shelter));
    REQUIRE(own);
    CHECK(own->getObject("details")->getValue<std::string>("location").find("SHELTERMARK") !=
          std::string::npos);
    const auto others = entry(server, police, path, idOf(shelter));
    REQUIRE(others);
    CHECK_FALSE(others->getObject("details")->has("location"));
    CHECK(others->getArray("withheld")->getElement<std::string>(0) == "location");
    CHECK(server.call(police, "GET", path + "/events").body.find("SHELTERMARK") ==
          std::string::npos);

    Reply notYet =
        server.call(union_, "POST", events,
                    eventBody("behaviour_change.session",
                              R"({"held_on":")" + vietnamDateIn(2) + R"(","attended":true})"));
    CHECK(notYet.status == 400);
    CHECK(errorField(notYet) == "details.held_on");
    CHECK(server
              .call(union_, "POST", events,
                    eventBody("behaviour_change.session",
                              R"({"held_on":")" + vietnamDateIn(0) + R"(","attended":false})"))
              .status == 201);

    const std::string plan =
        R"({"contact_way":"Gọi số của chị gái sau 18 giờ","safe_place":"Nhà chị gái",)"
        R"("trusted_people":["Chị gái","Trưởng thôn"],"code_word":"trời mưa to"})";
    Reply undated = server.call(union_, "POST", events, eventBody("safety.plan", plan));
    CHECK(undated.status == 400);
    CHECK(errorField(undated) == "due");
    REQUIRE(server.call(union_, "POST", events, eventBody("safety.plan", plan, vietnamDateIn(14)))
                .status == 201);
    CHECK(timelineHas(server, police, path, "safety.plan"));
    CHECK_FALSE(timelineHas(server, school, path, "safety.plan"));
    CHECK_FALSE(timelineHas(server, school, path, "shelter.placement"));
}

TEST_CASE(
    "issue 20: closing a critical case waits for the chair's approval, a case sent back "
    "needs a new request, the survivor's feedback is counted, never kept with the case",
    "[api][issue20][closure]") {
    TestServer server;
    Login union_ = server.addUser("canbo.hoa", "union");
    Login chair = server.addUser("chutich.binh", "leader");
    Login social = server.addUser("canbo.xahoi", "social");
    const std::string path = openCasePath(server, union_, binhan::fixtures::childCaseJson());
    const std::string events = path + "/events";
    REQUIRE(server
                .call(union_, "POST", path + "/stages/union/complete",
                      R"({"summary":"Đã hỗ trợ xong"})")
                .status == 200);
    const std::string close = R"({"reason":"An toàn ổn định","reason_code":"resolved"})";
    Reply blocked = server.call(union_, "POST", path + "/close", close);
    CHECK(blocked.status == 409);
    CHECK(errorCode(blocked) == "closure_needs_approval");
    CHECK(jsonOf(server.call(union_, "GET", path))
              ->getObject("refusal_codes")
              ->getValue<std::string>("close") == "closure_needs_approval");
    CHECK(server.call(chair, "GET", path).status == 404);  // not before him yet

    const std::string ask = eventBody("closure.request", R"({"reason":"Ba tháng không tái diễn"})");
    Reply asked = server.call(union_, "POST", events, ask);
    REQUIRE(asked.status == 201);
    CHECK(server.call(union_, "POST", events, ask).status == 409);  // one waits already
    CHECK(server.call(chair, "GET", path).status == 200);
    const auto waiting =
        jsonOf(server.call(chair, "GET", "/api/v1/dashboard"))->getArray("closure_requests");
    REQUIRE(waiting->size() == 1);
    CHECK(waiting->getObject(0)->getValue<std::int64_t>("event_id") == idOf(asked));

    Reply noReason =
        server.call(chair, "POST", events,
                    eventBody("closure.decision",
                              R"({"request_event":)" + idText(asked) + R"(,"approved":false})"));
    CHECK(noReason.status == 400);
    CHECK(errorField(noReason) == "details.reason");
    REQUIRE(server
                .call(chair, "POST", events,
                      eventBody("closure.decision",
                                R"({"request_event":)" + idText(asked) +
                                    R"(,"approved":false,"reason":"Cần thăm lại sau Tết"})"))
                .status == 201);
    CHECK(server.call(union_, "POST", path + "/close", close).status == 409);

    Reply again = server.call(union_, "POST", events, ask);
    REQUIRE(again.status == 201);
    Reply stale = server.call(chair, "POST", events,
                              eventBody("closure.decision", R"({"request_event":)" + idText(asked) +
                                                                R"(,"approved":true})"));
    CHECK(stale.status == 400);  // not the standing request
    REQUIRE(server
                .call(chair, "POST", events,
                      eventBody("closure.decision",
                                R"({"request_event":)" + idText(again) + R"(,"approved":true})"))
                .status == 201);
    Reply badFeedback =
        server.call(union_, "POST", path + "/close",
                    R"({"reason":"An toàn ổn định","survivor_feedback":{"felt_safe":"maybe"}})");
    CHECK(badFeedback.status == 400);
    CHECK(errorField(badFeedback) == "survivor_feedback.felt_safe");
    Reply closed = server.call(
        union_, "POST", path + "/close",
        R"({"reason":"An toàn ổn định","reason_code":"resolved","survivor_feedback":)"
        R"({"felt_safe":"yes","respected":"partly","knows_help":"yes","would_return":"yes"}})");
    REQUIRE(closed.status == 200);
    // Counts per commune and month only: no column could name the case.
    CHECK(server.query("SELECT COUNT(*) FROM survivor_feedback_counts WHERE question = "
                       "'felt_safe' AND answer = 'yes' AND n = 1")[0][0] == "1");
    const auto report = jsonOf(server.call(
        social, "GET",
        "/api/v1/reports/summary?from=" + vietnamDateIn(-1) + "&to=" + vietnamDateIn(0)));
    // One form: every answer withheld, or the case closed this month would give hers away.
    const auto feedback = report->getObject("survivor_feedback");
    REQUIRE(feedback);
    CHECK(feedback->getValue<std::string>("felt_safe|yes") == "x");
    CHECK(feedback->getValue<std::string>("felt_safe|no") == "x");
    // Four more forms (declined counts as a form): published, small counts as "<5".
    for (int i = 0; i < 4; ++i) {
        const std::string other = openCasePath(server, union_);
        REQUIRE(server
                    .call(union_, "POST", other + "/stages/union/complete",
                          R"({"summary":"Đã hỗ trợ xong"})")
                    .status == 200);
        REQUIRE(server
                    .call(union_, "POST", other + "/close",
                          i == 0 ? R"({"reason":"Ổn định","survivor_feedback":{"declined":true}})"
                                 : R"({"reason":"Ổn định","survivor_feedback":{"felt_safe":"no"}})")
                    .status == 200);
    }
    const auto five = jsonOf(server.call(social, "GET",
                                         "/api/v1/reports/summary?from=" + vietnamDateIn(-1) +
                                             "&to=" + vietnamDateIn(0)))
                          ->getObject("survivor_feedback");
    CHECK(five->getValue<std::string>("felt_safe|no") == "<5");
    CHECK(five->getValue<int>("felt_safe|partly") == 0);

    // The chair's own closing is his approval; a reopening asks for a new one.
    REQUIRE(server.call(union_, "POST", path + "/reopen", R"({"reason":"Tái diễn"})").status ==
            200);
    REQUIRE(
        server
            .call(union_, "POST", path + "/stages/union/complete", R"({"summary":"Đã hỗ trợ lại"})")
            .status == 200);
    Reply afterReopen = server.call(union_, "POST", path + "/close", close);
    CHECK(afterReopen.status == 409);
    CHECK(errorCode(afterReopen) == "closure_needs_approval");
    CHECK(server.call(chair, "POST", path + "/close", close).status == 200);
}

TEST_CASE(
    "issue 20: a correction of a court's order is checked as a new one, and an entry "
    "number written with leading zeros is the same entry",
    "[api][issue20][court]") {
    TestServer server;
    Login police = server.addUser("canbo.an", "police");
    const std::string path = openCasePath(server, police);
    const std::string order = R"({"court":"Tòa án nhân dân khu vực 2","issued":")" +
                              vietnamDateIn(0) + R"(","starts":")" + vietnamDateIn(0) +
                              R"(","ends":")";
    Reply made =
        server.call(police, "POST", path + "/events",
                    eventBody("protection.court_order", order + vietnamDateIn(30) + R"("})"));
    REQUIRE(made.status == 201);
    Reply tooLong = server.call(
        police, "POST", path + "/events/" + idText(made) + "/correct",
        R"({"details":)" + order + vietnamDateIn(200) + R"("},"reason":"Nhập sai ngày"})");
    CHECK(tooLong.status == 400);
    CHECK(errorField(tooLong) == "details.ends");

    Login union_ = server.addUser("canbo.hoa", "union");
    Login chair = server.addUser("chutich.binh", "leader");
    const std::string critical = openCasePath(server, union_, binhan::fixtures::childCaseJson());
    REQUIRE(
        server.call(union_, "POST", critical + "/stages/union/complete", R"({"summary":"Xong"})")
            .status == 200);
    Reply asked = server.call(union_, "POST", critical + "/events",
                              eventBody("closure.request", R"({"reason":"Ổn định"})"));
    REQUIRE(asked.status == 201);
    REQUIRE(server
                .call(chair, "POST", critical + "/events",
                      eventBody("closure.decision", R"({"request_event":"000)" + idText(asked) +
                                                        R"(","approved":true})"))
                .status == 201);
    CHECK(server.call(union_, "POST", critical + "/close", R"({"reason":"Ổn định"})").status ==
          200);
}

TEST_CASE(
    "issue 20: how and when a report arrived (Law 13/2022 art. 19), and the hours to the "
    "first police action, in the report and its CSV",
    "[api][issue20][intake]") {
    TestServer server;
    Login police = server.addUser("canbo.an", "police");
    Login social = server.addUser("canbo.xahoi", "social");
    const auto withIntake = [](const std::string& channel, const std::string& at) {
        std::string body = binhan::fixtures::adultCaseJson();
        body.insert(body.size() - 1,
                    R"(,"intake":{"channel":")" + channel + R"(","received_at":")" + at + "\"}");
        return body;
    };
    Reply future = server.call(police, "POST", "/api/v1/cases", withIntake("hotline", utcIn(48)));
    CHECK(future.status == 400);
    CHECK(errorField(future) == "intake.received_at");
    Reply unknown = server.call(police, "POST", "/api/v1/cases", withIntake("pigeon", utcIn(-1)));
    CHECK(unknown.status == 400);
    CHECK(errorField(unknown) == "intake.channel");
    for (int i = 0; i < 5; ++i) {
        const std::string path = openCasePath(server, police, withIntake("hotline", utcIn(-3)));
        if (i == 0) {
            const auto intake = jsonOf(server.call(police, "GET", path))->getObject("intake");
            REQUIRE(intake);
            CHECK(intake->getValue<std::string>("channel") == "hotline");
        }
        REQUIRE(server
                    .call(police, "POST", path + "/events",
                          eventBody("police.intervention",
                                    R"({"action":"stopped_violence","summary":"Đã can thiệp"})"))
                    .status == 201);
    }
    const std::string range = "?from=" + vietnamDateIn(-1) + "&to=" + vietnamDateIn(0);
    const auto report = jsonOf(server.call(social, "GET", "/api/v1/reports/summary" + range));
    CHECK(report->getObject("by_channel")->getValue<int>("hotline") == 5);
    const auto police_hours = report->getObject("hours_to_police");
    REQUIRE(police_hours);
    CHECK(police_hours->getValue<int>("1_12h") == 5);
    CHECK(police_hours->getValue<int>("lt_1h") == 0);
    const Reply csv = server.call(social, "GET", "/api/v1/reports/summary.csv" + range);
    REQUIRE(csv.status == 200);
    CHECK(csv.body.find("Tổng đài điện thoại quốc gia") != std::string::npos);
    CHECK(csv.body.find("Từ 1 đến dưới 12 giờ") != std::string::npos);
}
