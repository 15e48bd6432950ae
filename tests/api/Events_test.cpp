// The timeline over HTTPS (API.md "Events"; issue 5): every event type with its own required
// details (400 naming the field), added only by the agency that owns the type (403), mediation
// refused on a crime (409), due items marked done by their owner, and the answer's shape.
#include <catch2/catch.hpp>
#include <map>
#include <sstream>

#include "api/TestServer.h"
#include "api/WorkflowClient.h"
#include "fixtures/people.h"

using namespace binhan::testing;
namespace fixtures = binhan::fixtures;

namespace {

// One valid body per type an agency records on its own case (API.md "Events").
struct TypeCase {
    const char* role;
    const char* type;
    const char* details;
    const char* requiredField;  // a field whose absence is a 400
    bool takesDue;
};

const std::vector<TypeCase> kTypes = {
    {"police", "police.report", R"({"channel":"hotline","summary":"Tin báo"})", "channel", false},
    {"police", "police.intervention", R"({"action":"summons","summary":"Triệu tập"})", "action",
     true},
    {"union", "protection.request",
     R"({"measure":"no_contact","requested_by":"agency","consent_by":"survivor","summary":"Đề nghị"})",
     "requested_by", false},
    {"justice", "justice.legal_aid",
     R"({"kind":"advice","eligibility":"child","summary":"Tư vấn"})", "eligibility", true},
    {"justice", "justice.counselling", R"({"summary":"Tư vấn pháp luật"})", "summary", true},
    {"justice", "justice.mediation",
     R"({"session_date":"2024-05-02","mediators":"Tổ hòa giải","outcome":"postponed",)"
     R"("summary":"Hoãn"})",
     "outcome", true},
    {"union", "union.follow_up", R"({"summary":"Thăm nhà"})", "summary", true},
    {"union", "union.support", R"({"kind":"livelihood","summary":"Hỗ trợ sinh kế"})", "kind", true},
    {"school", "school.action", R"({"summary":"Bố trí chỗ ngồi"})", "summary", true},
    {"police", "note", R"({"text":"Ghi chú"})", "text", false},
};

// The details without `field` (a flat JSON object of the table above).
std::string without(const std::string& details, const std::string& field) {
    auto object = Poco::JSON::Parser().parse(details).extract<Poco::JSON::Object::Ptr>();
    object->remove(field);
    std::ostringstream out;
    object->stringify(out);
    return out.str();
}

}  // namespace

TEST_CASE("every event type needs its own details and is recorded by its own agency",
          "[api][workflow][events]") {
    TestServer server;
    std::map<std::string, Login> users;
    for (const char* role : {"police", "justice", "union", "school"})
        users[role] = server.addUser(std::string("canbo.") + role, role);
    for (const auto& t : kTypes) {
        INFO(t.type);
        const Login& owner = users[t.role];
        const std::string events =
            "/api/v1/cases/" +
            idText(server.call(owner, "POST", "/api/v1/cases", fixtures::adultCaseJson())) +
            "/events";
        const std::string due = t.takesDue ? vietnamDateIn(3) : "";
        Reply missing = server.call(owner, "POST", events,
                                    eventBody(t.type, without(t.details, t.requiredField), due));
        CHECK(missing.status == 400);
        CHECK(missing.body.find(std::string(R"("field":"details.)") + t.requiredField + "\"") !=
              std::string::npos);
        std::string unknown = t.details;
        unknown.insert(1, R"("colour":"red",)");
        Reply extra = server.call(owner, "POST", events, eventBody(t.type, unknown, due));
        CHECK(extra.status == 400);
        CHECK(extra.body.find(R"("field":"details.colour")") != std::string::npos);

        Reply added = server.call(owner, "POST", events, eventBody(t.type, t.details, due));
        REQUIRE(added.status == 201);
        const auto event = jsonOf(added);
        CHECK(event->getValue<std::string>("type") == t.type);
        CHECK(event->getObject("author")->getValue<std::string>("role") == t.role);
        CHECK(event->getObject("author")->getValue<std::int64_t>("id") == owner.userId);
        CHECK(event->has("at"));
        CHECK(event->getObject("details")->size() ==
              Poco::JSON::Parser().parse(t.details).extract<Poco::JSON::Object::Ptr>()->size());
        CHECK(event->has("due") == t.takesDue);

        const std::string type = t.type;
        if (type == "note" || type == "protection.request") continue;  // open to every agency
        for (const auto& [role, other] : users) {
            if (role == t.role) continue;
            INFO("recorded by " << role);
            const std::string theirs =
                "/api/v1/cases/" +
                idText(server.call(other, "POST", "/api/v1/cases", fixtures::adultCaseJson()));
            CHECK(server.call(other, "POST", theirs + "/events", eventBody(t.type, t.details, due))
                      .status == 403);
        }
    }
}

TEST_CASE("an event body is checked before anything is recorded", "[api][workflow][events]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    const std::string events =
        "/api/v1/cases/" +
        idText(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson())) + "/events";
    const auto fieldOf = [&](const std::string& body) {
        Reply r = server.call(hoa, "POST", events, body);
        CHECK(r.status == 400);
        return jsonOf(r)->getObject("error")->getValue<std::string>("field");
    };
    CHECK(fieldOf(R"({"type":"union.visit","details":{}})") == "type");
    CHECK(fieldOf(R"({"type":"note","details":{"text":"x"},"colour":1})") == "colour");
    CHECK(fieldOf(R"({"type":"note","details":"x"})") == "details");
    CHECK(fieldOf(R"({"type":"note","details":{"text":"x"},"at":")" + utcIn(2) + "\"}") == "at");
    CHECK(fieldOf(R"({"type":"union.follow_up","details":{"summary":"x"}})") == "due");
    CHECK(fieldOf(R"({"type":"note","details":{"text":"x"},"due":"2024-05-02"})") == "due");
    CHECK(fieldOf(R"({"type":"union.follow_up","details":{"summary":"x"},"due":"2024-02-30"})") ==
          "due");
    // Issue 19: a follow-up due yesterday would be overdue the moment it is saved.
    CHECK(fieldOf(eventBody("union.follow_up", R"({"summary":"x"})", vietnamDateIn(-1))) == "due");
    Reply timeline = server.call(hoa, "GET", events);
    CHECK(jsonOf(timeline)->getArray("items")->size() == 0);
}

TEST_CASE("Law on Grassroots Mediation art. 3: mediation of a crime is refused (409)",
          "[api][workflow][events]") {
    TestServer server;
    Login lan = server.addUser("tuphap.lan", "justice");
    std::string crime = fixtures::adultCaseJson();
    crime.replace(crime.find(R"("crime":false)"), 13, R"("crime":true)");
    const std::string events =
        "/api/v1/cases/" + idText(server.call(lan, "POST", "/api/v1/cases", crime)) + "/events";
    Reply refused =
        server.call(lan, "POST", events, eventBody("justice.mediation", kTypes[5].details));
    CHECK(refused.status == 409);
    CHECK(refused.body.find(R"("code":"mediation_refused")") != std::string::npos);
    CHECK(refused.body.find("crime") != std::string::npos);
}

TEST_CASE("issue 19: a mediation session is recorded once held, never dated tomorrow",
          "[api][workflow][events]") {
    TestServer server;
    Login lan = server.addUser("tuphap.lan", "justice");
    const std::string events = openCasePath(server, lan) + "/events";
    const auto session = [&](int days) {
        return eventBody("justice.mediation", R"({"session_date":")" + vietnamDateIn(days) +
                                                  R"(","mediators":"Tổ hòa giải",)"
                                                  R"("outcome":"postponed","summary":"Hoãn"})");
    };
    Reply tomorrow = server.call(lan, "POST", events, session(1));
    CHECK(tomorrow.status == 400);
    CHECK(jsonOf(tomorrow)->getObject("error")->getValue<std::string>("field") ==
          "details.session_date");
    CHECK(server.call(lan, "POST", events, session(0)).status == 201);
}

TEST_CASE("a due item is marked done once, by the agency that recorded it",
          "[api][workflow][events]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Login nam = server.addUser("congan.nam", "police");
    const std::string path = "/api/v1/cases/" + idText(server.call(hoa, "POST", "/api/v1/cases",
                                                                   fixtures::adultCaseJson()));
    Reply referral =
        server.call(hoa, "POST", path + "/referrals", R"({"to":"police","reason":"x"})");
    REQUIRE(server.call(nam, "POST", "/api/v1/referrals/" + idText(referral) + "/accept").status ==
            200);
    Reply visit =
        server.call(hoa, "POST", path + "/events",
                    eventBody("union.follow_up", R"({"summary":"Thăm"})", vietnamDateIn(0)));
    REQUIRE(visit.status == 201);
    CHECK(jsonOf(visit)->getValue<std::string>("due_state") == "due_today");
    Reply note = server.call(hoa, "POST", path + "/events", eventBody("note", R"({"text":"x"})"));
    const std::string done = path + "/events/" + idText(visit) + "/done";
    CHECK(server.call(nam, "POST", done).status == 403);
    CHECK(server.call(hoa, "POST", path + "/events/999999/done").status == 404);
    CHECK(server.call(hoa, "POST", path + "/events/" + idText(note) + "/done").status == 409);
    Reply marked = server.call(hoa, "POST", done);
    REQUIRE(marked.status == 200);
    CHECK(jsonOf(marked)->has("done_at"));
    CHECK(server.call(hoa, "POST", done).status == 409);
    // The police see the union's follow-up in the timeline, done.
    Reply timeline = server.call(nam, "GET", path + "/events");
    CHECK(timeline.body.find(R"("due_state":"done")") != std::string::npos);
}
