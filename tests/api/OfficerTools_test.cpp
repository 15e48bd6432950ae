// Black-box tests of what an officer working alone needs from the server (issue 19): their own
// password, a commune's village list the intake picks from, finding a case by its code or
// among "my cases", the people the audit can be filtered by, and the input rules the catalogue
// serves to the browser. Made-up people only.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <catch2/catch.hpp>
#include <regex>
#include <string>

#include "api/TestServer.h"
#include "api/WorkflowClient.h"
#include "fixtures/people.h"

using binhan::testing::errorField;
using binhan::testing::idText;
using binhan::testing::jsonOf;
using binhan::testing::Login;
using binhan::testing::openCasePath;
using binhan::testing::Reply;
using binhan::testing::TestServer;

namespace {

// The codes of the cases a list answer holds.
std::vector<std::string> codesOf(const Reply& r) {
    std::vector<std::string> codes;
    const auto items = jsonOf(r)->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i)
        codes.push_back(items->getObject(static_cast<unsigned>(i))->getValue<std::string>("code"));
    return codes;
}

std::string codeOf(TestServer& server, const Login& who, const std::string& path) {
    return jsonOf(server.call(who, "GET", path))->getValue<std::string>("code");
}

const std::string kNewPassword = "Mat-khau-moi-cua-toi-2026";  // test only

}  // namespace

TEST_CASE(
    "ASVS 2.1.6: an officer changes their own password, the current one is required, "
    "their other sessions end and this one stays",
    "[api][issue19][password]") {
    TestServer server;
    Login here = server.addUser("canbo.hoa", "union");
    Login elsewhere = server.login("canbo.hoa", binhan::fixtures::kUserPassword);
    const auto change = [&](const std::string& current, const std::string& next) {
        return server.call(
            here, "POST", "/api/v1/me/password",
            R"({"current_password":")" + current + R"(","password":")" + next + "\"}");
    };
    Reply wrong = change("Khong-phai-mat-khau-nay-1", kNewPassword);
    CHECK(wrong.status == 400);
    CHECK(errorField(wrong) == "current_password");
    CHECK(server.call(elsewhere, "GET", "/api/v1/me").status == 200);  // nothing changed
    Reply weak = change(binhan::fixtures::kUserPassword, "123");
    CHECK(weak.status == 400);
    CHECK(errorField(weak) == "password");
    REQUIRE(change(binhan::fixtures::kUserPassword, kNewPassword).status == 204);
    CHECK(server.call(here, "GET", "/api/v1/me").status == 200);
    CHECK(server.call(elsewhere, "GET", "/api/v1/me").status == 401);
    CHECK(server
              .request("POST", "/api/v1/session",
                       R"({"username":"canbo.hoa","password":")" + binhan::fixtures::kUserPassword +
                           "\"}")
              .status == 401);
    CHECK(server.login("canbo.hoa", kNewPassword).userId == here.userId);
}

TEST_CASE("ASVS 2.2.1: guessing the current password locks the account as failed sign-ins do",
          "[api][issue19][password]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    const std::string wrong =
        R"({"current_password":"Khong-phai-mat-khau-nay-1","password":")" + kNewPassword + "\"}";
    for (int i = 0; i < 5; ++i)
        CHECK(server.call(hoa, "POST", "/api/v1/me/password", wrong).status == 400);
    CHECK(server.call(hoa, "POST", "/api/v1/me/password", wrong).status == 423);
    CHECK(server
              .request("POST", "/api/v1/session",
                       R"({"username":"canbo.hoa","password":")" + binhan::fixtures::kUserPassword +
                           "\"}")
              .status == 423);
}

TEST_CASE("issue 19: the commune's villages are set by the admin and picked at intake",
          "[api][issue19][villages]") {
    TestServer server;
    Login admin = server.loginAdmin();
    Login hoa = server.addUser("canbo.hoa", "union");
    const std::string commune = jsonOf(server.call(admin, "GET", "/api/v1/communes"))
                                    ->getArray("items")
                                    ->getObject(0)
                                    ->getValue<std::string>("code");
    const std::string villages = "/api/v1/communes/" + commune + "/villages";

    // None configured: free text, as before.
    CHECK(jsonOf(server.call(hoa, "GET", "/api/v1/villages"))->getArray("items")->size() == 0);
    const std::string before = openCasePath(server, hoa);

    CHECK(server.call(hoa, "PUT", villages, R"({"villages":["Thôn Đông"]})").status == 403);
    Reply twice = server.call(admin, "PUT", villages, R"({"villages":["Thôn Đông","thon dong"]})");
    CHECK(twice.status == 400);
    CHECK(errorField(twice) == "villages");
    CHECK(server.call(admin, "PUT", villages, R"({"villages":["Thôn Đông",""]})").status == 400);
    CHECK(server.call(admin, "PUT", "/api/v1/communes/ZZ/villages", R"({"villages":[]})").status ==
          404);
    Reply set = server.call(admin, "PUT", villages, R"({"villages":[" Thôn Tây ","Thôn Bắc"]})");
    REQUIRE(set.status == 200);
    const auto listed = jsonOf(server.call(hoa, "GET", "/api/v1/villages"))->getArray("items");
    REQUIRE(listed->size() == 2);
    CHECK(listed->getObject(0)->getValue<std::string>("name") == "Thôn Tây");  // trimmed, in order
    CHECK(listed->getObject(1)->getValue<std::string>("name") == "Thôn Bắc");

    // The fixture's village (Thôn Đông) is not on the list now: refused, naming the field.
    Reply refused = server.call(hoa, "POST", "/api/v1/cases", binhan::fixtures::adultCaseJson());
    CHECK(refused.status == 400);
    CHECK(errorField(refused) == "survivor.village");
    std::string listedCase = binhan::fixtures::adultCaseJson();
    listedCase = std::regex_replace(listedCase, std::regex("Thôn Đông"), "Thôn Tây");
    CHECK(server.call(hoa, "POST", "/api/v1/cases", listedCase).status == 201);
    // A case from before the list is still corrected where its village is not touched…
    CHECK(server.call(hoa, "PATCH", before, R"({"risk":"critical"})").status == 200);
    // …but a changed village must be one of the list.
    Reply moved = server.call(hoa, "PATCH", before, R"({"incident":{"village":"Thôn Nam"}})");
    CHECK(moved.status == 400);
    CHECK(errorField(moved) == "incident.village");
    CHECK(server.call(hoa, "PATCH", before, R"({"incident":{"village":"Thôn Bắc"}})").status ==
          200);
}

TEST_CASE("issue 19: a case is found by its code, and 'my cases' are the ones I work on",
          "[api][issue19][list]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Login mai = server.addUser("canbo.mai", "union");
    const std::string mine = openCasePath(server, hoa);
    const std::string theirs = openCasePath(server, mai);
    const std::string myCode = codeOf(server, hoa, mine);
    const std::string theirCode = codeOf(server, mai, theirs);

    std::string lower = myCode;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(codesOf(server.call(hoa, "GET", "/api/v1/cases?q=" + lower)) ==
          std::vector<std::string>{myCode});
    CHECK(codesOf(server.call(hoa, "GET",
                              "/api/v1/cases?q=" + myCode.substr(0, myCode.size() - 1) + "9"))
              .empty());

    CHECK(codesOf(server.call(hoa, "GET", "/api/v1/cases?mine=true")) ==
          std::vector<std::string>{myCode});
    CHECK(codesOf(server.call(hoa, "GET", "/api/v1/cases")).size() == 2);  // same union sees both
    // An entry on the other case makes it one of "mine" too.
    REQUIRE(server
                .call(hoa, "POST", theirs + "/events",
                      binhan::testing::eventBody("note", R"({"text":"Đã gọi điện"})"))
                .status == 201);
    CHECK(codesOf(server.call(hoa, "GET", "/api/v1/cases?mine=true")) ==
          std::vector<std::string>{theirCode, myCode});
    CHECK(server.call(hoa, "GET", "/api/v1/cases?mine=yes").status == 400);

    // A dashed phone number shaped like a code is still found as a phone.
    Reply dashed = server.call(hoa, "POST", "/api/v1/cases",
                               binhan::fixtures::adultCaseJson("Lê Thị Dấu", "024-3826-1234"));
    REQUIRE(dashed.status == 201);
    CHECK(codesOf(server.call(hoa, "GET", "/api/v1/cases?q=024-3826-1234")) ==
          std::vector<std::string>{jsonOf(dashed)->getValue<std::string>("code")});

    // A code never shows a case the caller may not see.
    Login nam = server.addUser("congan.nam", "police");
    CHECK(codesOf(server.call(nam, "GET", "/api/v1/cases?q=" + myCode)).empty());
}

TEST_CASE("issue 19: the audit screen picks people by name, from the reader's commune",
          "[api][issue19][audit]") {
    TestServer server;
    Login admin = server.loginAdmin();
    Login oversight = server.addUser("giamsat.lan", "oversight");
    Login hoa = server.addUser("canbo.hoa", "union");
    CHECK(server.call(hoa, "GET", "/api/v1/audit/actors").status == 403);
    Reply people = server.call(oversight, "GET", "/api/v1/audit/actors");
    REQUIRE(people.status == 200);
    bool found = false;
    const auto items = jsonOf(people)->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto item = items->getObject(static_cast<unsigned>(i));
        CHECK_FALSE(item->has("password_hash"));
        if (item->getValue<std::string>("username") == "canbo.hoa") {
            found = true;
            CHECK(item->getValue<std::int64_t>("id") == hoa.userId);
            CHECK(item->getValue<std::string>("role") == "union");
        }
    }
    CHECK(found);
    CHECK(server.call(admin, "GET", "/api/v1/audit/actors").status == 200);
}

TEST_CASE("issue 19: the catalogue serves the intake's input rules, in both languages",
          "[api][issue19][catalogue]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    const auto catalogue = jsonOf(server.call(hoa, "GET", "/api/v1/catalogue"));
    const auto rules = catalogue->getObject("field_rules");
    REQUIRE(rules);
    for (const char* path : {"survivor.phone", "survivor.id_number", "perpetrators[].phone",
                             "survivor.birth_year", "incident.date"}) {
        INFO(path);
        REQUIRE(rules->has(path));
        const auto message = rules->getObject(path)->getObject("message");
        CHECK_FALSE(message->getValue<std::string>("vi").empty());
        CHECK_FALSE(message->getValue<std::string>("en").empty());
    }
    // The served phone pattern refuses what the server refuses, and takes what it takes.
    const std::regex phone(rules->getObject("survivor.phone")->getValue<std::string>("pattern"));
    CHECK(std::regex_match(std::string("0912 345-678"), phone));
    CHECK_FALSE(std::regex_match(std::string("0912/345"), phone));
    Reply slash = server.call(hoa, "POST", "/api/v1/cases",
                              binhan::fixtures::adultCaseJson("Nguyễn Thị Hoà", "0912/345"));
    CHECK(slash.status == 400);
    CHECK(errorField(slash) == "survivor.phone");
    // Dates that record what has happened say so; due dates may not lie before the entry.
    const auto types = catalogue->getArray("event_types");
    bool mediation = false;
    for (std::size_t i = 0; i < types->size(); ++i) {
        const auto type = types->getObject(static_cast<unsigned>(i));
        if (type->getValue<std::string>("due") != "none") CHECK(type->has("due_not_past"));
        if (type->getValue<std::string>("name") != "justice.mediation") continue;
        const auto fields = type->getArray("fields");
        for (std::size_t k = 0; k < fields->size(); ++k) {
            const auto field = fields->getObject(static_cast<unsigned>(k));
            if (field->getValue<std::string>("name") == "session_date")
                mediation = field->optValue<bool>("not_future", false);
        }
    }
    CHECK(mediation);
}
