// Issue 16: the server tells the browser what is allowed. GET /api/v1/catalogue serves the event
// types with their fields and authors, the enumerations, the actions and the refusal reasons,
// each labelled in Vietnamese and English from the UI's dictionaries; every case answer carries
// allowed_actions (exactly what would succeed now), refusals (why not, in the request's
// language) and the field view in force.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "api/TestServer.h"
#include "fixtures/people.h"

using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Object::Ptr parsed(const Reply& r) {
    return Poco::JSON::Parser().parse(r.body).extract<Object::Ptr>();
}

bool has(const Array::Ptr& list, const std::string& value) {
    for (std::size_t i = 0; i < list->size(); ++i)
        if (list->getElement<std::string>(i) == value) return true;
    return false;
}

void checkLabelled(const Object::Ptr& item) {
    INFO((item->has("name") ? item->getValue<std::string>("name")
                            : item->getValue<std::string>("value")));
    const auto label = item->getObject("label");
    REQUIRE(label);
    CHECK_FALSE(label->isNull("vi"));
    CHECK_FALSE(label->isNull("en"));
}

}  // namespace

TEST_CASE("issue 16: the catalogue labels every event type, field, choice and enumeration",
          "[api][catalogue]") {
    TestServer server;
    const Login hoa = server.addUser("canbo.hoa", "union");
    CHECK(server.get("/api/v1/catalogue").status == 401);
    Reply r = server.call(hoa, "GET", "/api/v1/catalogue");
    REQUIRE(r.status == 200);
    const auto catalogue = parsed(r);
    const auto types = catalogue->getArray("event_types");
    CHECK(types->size() == 20);  // API.md's twelve and issue 20's eight
    for (std::size_t i = 0; i < types->size(); ++i) {
        const auto type = types->getObject(i);
        checkLabelled(type);
        CHECK(type->getArray("authors")->size() > 0);
        const auto fields = type->getArray("fields");
        for (std::size_t f = 0; f < fields->size(); ++f) {
            const auto field = fields->getObject(f);
            if (field->getValue<std::string>("kind") != "event_id") checkLabelled(field);
            if (field->has("choices"))
                for (std::size_t c = 0; c < field->getArray("choices")->size(); ++c)
                    checkLabelled(field->getArray("choices")->getObject(c));
        }
    }
    const auto mediation = types->getObject(7);
    CHECK(mediation->getValue<std::string>("name") == "justice.mediation");
    CHECK(has(mediation->getArray("authors"), "justice"));
    CHECK_FALSE(has(mediation->getArray("authors"), "union"));
    const auto enums = catalogue->getObject("enumerations");
    for (const auto& [name, values] : *enums) {
        INFO(name);
        const auto list = values.extract<Array::Ptr>();
        CHECK(list->size() > 0);
        for (std::size_t i = 0; i < list->size(); ++i) checkLabelled(list->getObject(i));
    }
    const auto actions = catalogue->getArray("actions");
    for (std::size_t i = 0; i < actions->size(); ++i) checkLabelled(actions->getObject(i));
}

TEST_CASE("issue 16: allowed_actions is what would succeed now, refusals say why not",
          "[api][catalogue][actions]") {
    TestServer server;
    const Login hoa = server.addUser("canbo.hoa", "union");
    const Login lan = server.addUser("tuphap.lan", "justice");
    Reply opened = server.call(hoa, "POST", "/api/v1/cases", binhan::fixtures::adultCaseJson());
    REQUIRE(opened.status == 201);
    const std::string path = "/api/v1/cases/" + binhan::testing::jsonField(opened.body, "id");
    auto seen = parsed(opened);
    CHECK(has(seen->getArray("allowed_actions"), "event:union.follow_up"));
    CHECK(has(seen->getArray("allowed_actions"), "refer"));
    CHECK_FALSE(has(seen->getArray("allowed_actions"), "event:police.report"));
    CHECK_FALSE(has(seen->getArray("allowed_actions"), "close"));  // the union stage is open
    CHECK_FALSE(has(seen->getArray("allowed_actions"), "reopen"));
    CHECK(seen->getObject("refusals")->getValue<std::string>("close").find("giai đoạn") !=
          std::string::npos);
    CHECK(has(seen->getArray("field_view"), "survivor.full_name"));
    // Referral targets by the referral rules: consent covers police and justice, not school;
    // the union itself is no target.
    CHECK(has(seen->getArray("allowed_actions"), "refer:police"));
    CHECK(has(seen->getArray("allowed_actions"), "refer:justice"));
    CHECK_FALSE(has(seen->getArray("allowed_actions"), "refer:school"));
    CHECK_FALSE(has(seen->getArray("allowed_actions"), "refer:union"));
    CHECK(seen->getObject("refusals")->getValue<std::string>("refer:school").find("đồng ý") !=
          std::string::npos);
    CHECK(seen->getArray("mandatory_referrals")->size() == 0);
    REQUIRE(server.call(hoa, "POST", path + "/referrals",
                        R"({"to":"school","reason":"Thử"})")
                .status == 409);  // as refused

    // English on request.
    Reply english = server.request(
        "GET", path, "",
        {{"Authorization", "Bearer " + hoa.token}, {"Accept-Language", "en-GB,en;q=0.8"}});
    CHECK(parsed(english)->getObject("refusals")->getValue<std::string>("close").find("stage") !=
          std::string::npos);

    // Close appears exactly when closing would succeed.
    REQUIRE(
        server.call(hoa, "POST", path + "/stages/union/complete", R"({"summary":"Xong"})").status ==
        200);
    seen = parsed(server.call(hoa, "GET", path));
    CHECK(has(seen->getArray("allowed_actions"), "close"));
    CHECK(has(seen->getArray("allowed_actions"), "event:note"));  // a note after completing
    CHECK_FALSE(has(seen->getArray("allowed_actions"), "event:union.follow_up"));
    REQUIRE(server.call(hoa, "POST", path + "/close", R"({"reason":"Đã an toàn"})").status == 200);
    seen = parsed(server.call(hoa, "GET", path));
    CHECK(has(seen->getArray("allowed_actions"), "reopen"));
    CHECK_FALSE(has(seen->getArray("allowed_actions"), "close"));
    CHECK(seen->getObject("refusals")->has("event:note"));  // closed: read-only, and why

    // Every action listed does succeed: reopen, then a note.
    REQUIRE(server.call(hoa, "POST", path + "/reopen", R"({"reason":"Tái diễn"})").status == 200);
    seen = parsed(server.call(hoa, "GET", path));
    REQUIRE(has(seen->getArray("allowed_actions"), "event:note"));
    CHECK(
        server
            .call(hoa, "POST", path + "/events", R"({"type":"note","details":{"text":"Ghi chú"}})")
            .status == 201);

    // Mediation on a crime case: justice is told why, instead of the type vanishing.
    Reply crime = server.call(hoa, "POST", "/api/v1/cases", [] {
        std::string body = binhan::fixtures::adultCaseJson();
        const std::string from = R"("crime":false)";
        body.replace(body.find(from), from.size(), R"("crime":true)");
        return body;
    }());
    REQUIRE(crime.status == 201);
    const std::string crimePath = "/api/v1/cases/" + binhan::testing::jsonField(crime.body, "id");
    Reply referral = server.call(hoa, "POST", crimePath + "/referrals",
                                 R"({"to":"justice","reason":"Trợ giúp pháp lý"})");
    REQUIRE(referral.status == 201);
    REQUIRE(server
                .call(lan, "POST",
                      "/api/v1/referrals/" + binhan::testing::jsonField(referral.body, "id") +
                          "/accept",
                      "{}")
                .status == 200);
    // A crime is a mandatory report to police: offered without consent, marked mandatory.
    const auto unionView = parsed(server.call(hoa, "GET", crimePath));
    CHECK(has(unionView->getArray("allowed_actions"), "refer:police"));
    CHECK(has(unionView->getArray("mandatory_referrals"), "police"));
    CHECK_FALSE(has(unionView->getArray("allowed_actions"), "refer:justice"));  // involved now
    seen = parsed(server.call(lan, "GET", crimePath));
    CHECK_FALSE(has(seen->getArray("allowed_actions"), "event:justice.mediation"));
    CHECK(seen->getObject("refusals")
              ->getValue<std::string>("event:justice.mediation")
              .find("Điều 3") != std::string::npos);
    CHECK(has(seen->getArray("allowed_actions"), "event:justice.legal_aid"));
}

TEST_CASE("issue 16: /me lists the actions of the caller's role", "[api][catalogue]") {
    TestServer server;
    const Login hoa = server.addUser("canbo.hoa", "union");
    const Login social = server.addUser("ldtbxh.an", "social");
    const auto mine = parsed(server.call(hoa, "GET", "/api/v1/me"))->getArray("allowed_actions");
    CHECK(has(mine, "case.create"));
    CHECK_FALSE(has(mine, "report.read"));
    const auto theirs =
        parsed(server.call(social, "GET", "/api/v1/me"))->getArray("allowed_actions");
    CHECK(has(theirs, "report.read"));
    CHECK_FALSE(has(theirs, "case.list"));
}
