// Black-box tests of voiding and correcting a timeline entry (issue 19): the agency that wrote
// an entry marks it mistaken with a reason, or replaces it by a correction; both stay on the
// timeline and in the audit, and a voided entry no longer counts on the dashboard or in the
// statistics. A protection measure is revoked, never voided. Made-up people only.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <catch2/catch.hpp>

#include "api/TestServer.h"
#include "api/WorkflowClient.h"
#include "fixtures/people.h"

using namespace binhan::testing;

namespace {

// The timeline entry `id` of the case, as `who` sees it (null when not listed).
Poco::JSON::Object::Ptr entry(TestServer& server, const Login& who, const std::string& path,
                              const std::string& id) {
    const auto items = jsonOf(server.call(who, "GET", path + "/events"))->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto item = items->getObject(static_cast<unsigned>(i));
        if (item->get("id").toString() == id) return item;
    }
    return nullptr;
}

bool allows(const Poco::JSON::Object::Ptr& event, const std::string& action) {
    const auto actions = event->getArray("allowed_actions");
    for (std::size_t i = 0; i < actions->size(); ++i)
        if (actions->getElement<std::string>(static_cast<unsigned>(i)) == action) return true;
    return false;
}

// The measure counts of the statistics, "type:value" → n, as stored ("|" in the stored key is
// the column separator of TestServer::query on PostgreSQL).
std::map<std::string, std::string> measureCounts(TestServer& server) {
    std::map<std::string, std::string> out;
    for (const auto& row :
         server.query("SELECT replace(key, '|', ':'), SUM(n) FROM report_counts WHERE grain = "
                      "'day' AND dimension = 'measure' GROUP BY key"))
        if (row[1] != "0") out[row[0]] = row[1];
    return out;
}

}  // namespace

TEST_CASE(
    "issue 19: a mistaken follow-up is voided with its reason, it stays, marked, and "
    "leaves the dashboard",
    "[api][issue19][corrections]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Login mai = server.addUser("canbo.mai", "union");
    Login lan = server.addUser("tuphap.lan", "justice");
    const std::string path = openCasePath(server, hoa);
    REQUIRE(
        server.call(hoa, "POST", path + "/referrals", R"({"to":"justice","reason":"x"})").status ==
        201);
    const auto incoming = jsonOf(server.call(lan, "GET", "/api/v1/referrals?direction=incoming"));
    const std::string referral = incoming->getArray("items")->getObject(0)->get("id").toString();
    REQUIRE(server.call(lan, "POST", "/api/v1/referrals/" + referral + "/accept").status == 200);

    Reply visit = server.call(
        hoa, "POST", path + "/events",
        eventBody("union.follow_up", R"({"summary":"Thăm nhầm hồ sơ"})", vietnamDateIn(3)));
    REQUIRE(visit.status == 201);
    const std::string id = idText(visit);
    const std::string voidPath = path + "/events/" + id + "/void";
    CHECK(allows(entry(server, hoa, path, id), "void"));
    CHECK(allows(entry(server, hoa, path, id), "correct"));
    CHECK_FALSE(allows(entry(server, lan, path, id), "void"));  // not justice's entry
    CHECK(server.call(lan, "POST", voidPath, R"({"reason":"Nhầm"})").status == 403);
    Reply noReason = server.call(hoa, "POST", voidPath, R"({"reason":"  "})");
    CHECK(noReason.status == 400);
    CHECK(jsonOf(noReason)->getObject("error")->getValue<std::string>("field") == "reason");
    CHECK(jsonOf(server.call(hoa, "GET", "/api/v1/dashboard"))->getArray("due_items")->size() == 1);

    // Any officer of the agency that wrote it may void it.
    Reply voided = server.call(mai, "POST", voidPath, R"({"reason":"Ghi nhầm vụ việc"})");
    REQUIRE(voided.status == 200);
    const auto shown = entry(server, hoa, path, id);
    REQUIRE(shown);
    REQUIRE(shown->has("voided"));
    CHECK(shown->getObject("voided")->getValue<std::string>("reason") == "Ghi nhầm vụ việc");
    CHECK(shown->getObject("details")->getValue<std::string>("summary") == "Thăm nhầm hồ sơ");
    CHECK(shown->getArray("allowed_actions")->size() == 0);
    CHECK(jsonOf(server.call(hoa, "GET", "/api/v1/dashboard"))->getArray("due_items")->size() == 0);
    Reply again = server.call(hoa, "POST", voidPath, R"({"reason":"Lần nữa"})");
    CHECK(again.status == 409);
    CHECK(again.body.find(R"("code":"already_voided")") != std::string::npos);
    CHECK(server.call(hoa, "POST", path + "/events/" + id + "/done", "{}").status == 409);

    // A visit already made stays made when it is corrected.
    Reply made =
        server.call(hoa, "POST", path + "/events",
                    eventBody("union.follow_up", R"({"summary":"Thăm hỏi"})", vietnamDateIn(2)));
    REQUIRE(made.status == 201);
    REQUIRE(server.call(hoa, "POST", path + "/events/" + idText(made) + "/done", "{}").status ==
            200);
    Reply restated = server.call(hoa, "POST", path + "/events/" + idText(made) + "/correct",
                                 R"({"details":{"summary":"Thăm hỏi tại nhà mẹ đẻ"},"due":")" +
                                     vietnamDateIn(2) + R"(","reason":"Ghi rõ nơi thăm"})");
    REQUIRE(restated.status == 201);
    CHECK(jsonOf(restated)->has("done_at"));
    CHECK(jsonOf(server.call(hoa, "GET", "/api/v1/dashboard"))->getArray("due_items")->size() == 0);
    // The reason is sealed like the case's other words.
    const auto stored = server.query("SELECT void_reason FROM events WHERE id = " + id);
    REQUIRE(stored.size() == 1);
    CHECK_FALSE(stored[0][0].empty());                          // something was stored…
    CHECK(stored[0][0].find("Ghi nhầm") == std::string::npos);  // …and it is not the words
}

TEST_CASE(
    "issue 19: a correction replaces an entry in the statistics and keeps both on the "
    "record",
    "[api][issue19][corrections]") {
    TestServer server;
    Login lan = server.addUser("tuphap.lan", "justice");
    Login admin = server.loginAdmin();
    const std::string path = openCasePath(server, lan);
    Reply aid = server.call(
        lan, "POST", path + "/events",
        eventBody("justice.legal_aid",
                  R"({"kind":"advice","eligibility":"financial_hardship","summary":"Tư vấn"})"));
    REQUIRE(aid.status == 201);
    const std::string old = idText(aid);
    CHECK(measureCounts(server) ==
          std::map<std::string, std::string>{{"justice.legal_aid:advice", "1"}});

    const std::string correct = path + "/events/" + old + "/correct";
    Reply bad = server.call(lan, "POST", correct,
                            R"({"details":{"kind":"court"},"reason":"Sai loại trợ giúp"})");
    CHECK(bad.status == 400);  // checked as a new entry would be
    Reply fixed =
        server.call(lan, "POST", correct,
                    R"({"details":{"kind":"representation","eligibility":"financial_hardship",)"
                    R"("summary":"Cử luật sư tham gia tố tụng"},"reason":"Sai loại trợ giúp"})");
    REQUIRE(fixed.status == 201);
    const auto correction = jsonOf(fixed);
    CHECK(correction->get("corrects").toString() == old);
    CHECK(correction->getValue<std::string>("at") ==
          jsonOf(aid)->getValue<std::string>("at"));  // the same happening
    CHECK(measureCounts(server) ==
          std::map<std::string, std::string>{{"justice.legal_aid:representation", "1"}});
    const auto was = entry(server, lan, path, old);
    REQUIRE(was);
    CHECK(was->get("superseded_by").toString() == idText(fixed));
    CHECK(was->getObject("voided")->getValue<std::string>("reason") == "Sai loại trợ giúp");
    CHECK(server.call(lan, "POST", correct, R"({"details":{},"reason":"x"})").status == 409);

    const std::string audit = server.call(admin, "GET", "/api/v1/audit?limit=500").body;
    CHECK(audit.find("event.correct") != std::string::npos);
    CHECK(audit.find("Cử luật sư") == std::string::npos);  // no content in the audit
}

TEST_CASE("Law 13/2022 art. 25: a protection measure is revoked, never voided",
          "[api][issue19][corrections]") {
    TestServer server;
    Login nam = server.addUser("congan.nam", "police");
    const std::string path = openCasePath(server, nam);
    Reply request = server.call(
        nam, "POST", path + "/events",
        eventBody("protection.request",
                  R"({"measure":"no_contact","requested_by":"survivor","summary":"Đề nghị"})"));
    REQUIRE(request.status == 201);
    CHECK_FALSE(allows(entry(server, nam, path, idText(request)), "void"));
    Reply refused = server.call(nam, "POST", path + "/events/" + idText(request) + "/void",
                                R"({"reason":"Nhầm"})");
    CHECK(refused.status == 409);
    CHECK(refused.body.find(R"("code":"not_correctable")") != std::string::npos);
}

TEST_CASE("issue 19: a mediation held before the case was flagged a crime is still corrected",
          "[api][issue19][corrections]") {
    TestServer server;
    Login lan = server.addUser("tuphap.lan", "justice");
    const std::string path = openCasePath(server, lan);
    Reply held = server.call(
        lan, "POST", path + "/events",
        eventBody("justice.mediation", R"({"session_date":")" + vietnamDateIn(0) +
                                           R"(","mediators":"Tổ hòa giải thôn",)"
                                           R"("outcome":"postponed","summary":"Hoãn"})"));
    REQUIRE(held.status == 201);
    REQUIRE(server.call(lan, "PATCH", path, R"({"flags":{"crime":true}})").status == 200);
    // No new mediation (Law on Grassroots Mediation 2013 art. 3)…
    CHECK(server
              .call(lan, "POST", path + "/events",
                    eventBody("justice.mediation", R"({"session_date":")" + vietnamDateIn(0) +
                                                       R"(","mediators":"Tổ hòa giải",)"
                                                       R"("outcome":"agreed","summary":"x"})"))
              .status == 409);
    // …but the record of the one held is put right.
    Reply fixed = server.call(
        lan, "POST", path + "/events/" + idText(held) + "/correct",
        R"({"details":{"session_date":")" + vietnamDateIn(0) +
            R"(","mediators":"Tổ hòa giải thôn Đông","outcome":"postponed","summary":"Hoãn"},)"
            R"("reason":"Ghi đủ tên tổ hòa giải"})");
    CHECK(fixed.status == 201);
}
