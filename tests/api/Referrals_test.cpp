// Referrals and consent over HTTPS (API.md "Referrals", "POST /cases/{id}/consent"; issue 5):
// the mandatory-report path for a child, a decline with its reason, and a consent withdrawal
// that ends an agency's stage and its access.
#include <catch2/catch.hpp>

#include "api/TestServer.h"
#include "api/WorkflowClient.h"
#include "fixtures/people.h"

using namespace binhan::testing;
namespace fixtures = binhan::fixtures;

TEST_CASE("Law 13/2022: a child case is referred to the police without consent, as mandatory",
          "[api][workflow][referral][mandatory]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Login nam = server.addUser("congan.nam", "police");
    Login lan = server.addUser("tuphap.lan", "justice");
    const std::string path = "/api/v1/cases/" + idText(server.call(hoa, "POST", "/api/v1/cases",
                                                                   fixtures::childCaseJson()));
    const std::string referrals = path + "/referrals";
    Reply untold =
        server.call(hoa, "POST", referrals, R"({"to":"police","reason":"Trẻ em bị đánh"})");
    CHECK(untold.status == 400);
    CHECK(untold.body.find(R"("field":"survivor_informed")") != std::string::npos);
    Reply justice = server.call(hoa, "POST", referrals, R"({"to":"justice","reason":"x"})");
    CHECK(justice.status == 409);
    CHECK(justice.body.find(R"("code":"consent_required")") != std::string::npos);
    Reply notMandatory =
        server.call(hoa, "POST", referrals,
                    R"({"to":"justice","reason":"x","mandatory":true,"survivor_informed":true})");
    CHECK(notMandatory.status == 400);
    CHECK(notMandatory.body.find(R"("field":"mandatory")") != std::string::npos);
    Reply mandatory = server.call(
        hoa, "POST", referrals,
        R"({"to":"police","reason":"Trẻ em bị đánh","mandatory":true,"survivor_informed":false})");
    REQUIRE(mandatory.status == 201);
    const auto referral = jsonOf(mandatory);
    CHECK(referral->getValue<bool>("mandatory"));
    CHECK_FALSE(referral->getValue<bool>("consent_covered"));
    CHECK_FALSE(referral->getValue<bool>("survivor_informed"));
    Reply incoming = server.call(nam, "GET", "/api/v1/referrals?direction=incoming");
    CHECK(incoming.body.find(R"("mandatory":true)") != std::string::npos);
    CHECK(incoming.body.find(R"("child":true)") != std::string::npos);
    CHECK(incoming.body.find("Lê Thị Mai") == std::string::npos);
    CHECK(server.call(nam, "GET", "/api/v1/referrals?direction=outgoing").status == 400);
    CHECK(server.call(lan, "POST", "/api/v1/referrals/" + idText(mandatory) + "/accept").status ==
          404);
    REQUIRE(server.call(nam, "POST", "/api/v1/referrals/" + idText(mandatory) + "/accept").status ==
            200);
    CHECK(server.call(nam, "GET", path).status == 200);
}

TEST_CASE("a declined referral keeps its reason, withdrawn consent ends a stage and its access",
          "[api][workflow][referral][consent]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Login nam = server.addUser("congan.nam", "police");
    Login lan = server.addUser("tuphap.lan", "justice");
    const std::string path = "/api/v1/cases/" + idText(server.call(hoa, "POST", "/api/v1/cases",
                                                                   fixtures::adultCaseJson()));
    Reply toPolice =
        server.call(hoa, "POST", path + "/referrals", R"({"to":"police","reason":"x"})");
    const std::string decline = "/api/v1/referrals/" + idText(toPolice) + "/decline";
    CHECK(server.call(hoa, "POST", decline, R"({"reason":"x"})").status == 403);
    Reply blank = server.call(nam, "POST", decline, R"({"reason":"  "})");
    CHECK(blank.status == 400);
    CHECK(blank.body.find(R"("field":"reason")") != std::string::npos);
    Reply declined = server.call(nam, "POST", decline, R"({"reason":"Chưa đủ căn cứ"})");
    REQUIRE(declined.status == 200);
    CHECK(jsonOf(declined)->getValue<std::string>("decline_reason") == "Chưa đủ căn cứ");
    CHECK(server.call(nam, "POST", decline, R"({"reason":"Lại"})").status == 409);

    Reply toJustice =
        server.call(hoa, "POST", path + "/referrals", R"({"to":"justice","reason":"x"})");
    REQUIRE(server.call(lan, "POST", "/api/v1/referrals/" + idText(toJustice) + "/accept").status ==
            200);
    CHECK(server.call(lan, "GET", path).status == 200);
    Reply withdrawn = server.call(hoa, "POST", path + "/consent",
                                  R"({"given":true,"given_by":"survivor","agencies":["union"],)"
                                  R"("reason":"Chị rút lại đồng ý với tư pháp"})");
    REQUIRE(withdrawn.status == 200);
    CHECK(withdrawn.body.find(R"("ended":["justice"])") != std::string::npos);
    CHECK(server.call(lan, "GET", path).status == 404);  // access ended with the stage
    const auto view = jsonOf(server.call(hoa, "GET", path));
    const auto stage = view->getObject("stages")->getObject("justice");
    CHECK(stage->getValue<std::string>("status") == "declined");
    CHECK(stage->getValue<std::string>("reason") == "consent withdrawn");
    const auto consent = view->getObject("consent");
    CHECK(consent->getArray("agencies")->size() == 1);
    CHECK(consent->getObject("recorded_by")->getValue<std::int64_t>("id") == hoa.userId);
    Reply invalid = server.call(hoa, "POST", path + "/consent",
                                R"({"given_by":"survivor","agencies":[],"reason":"x"})");
    CHECK(invalid.status == 400);
    CHECK(invalid.body.find(R"("field":"given")") != std::string::npos);
}
