// The role × endpoint walk (issue 3): every endpoint of the route table (read from the server's
// own OpenAPI document, so endpoints added later are walked too) is called by a user of every
// role, and by nobody, and each answer is checked against the table below, which restates
// API.md's "who" column. An endpoint without a row here fails the test: whoever adds a route
// adds its row.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>
#include <map>

#include "api/TestServer.h"
#include "fixtures/people.h"

using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;

namespace {

// Roles in this order: police justice union school social leader oversight admin.
// 'A' allowed (the call gets past access control: not 401/403/404), 'F' forbidden (403),
// 'H' hidden (404: the case exists but is not the caller's to know), 'P' public (answers
// without signing in). Routes on one case are walked on a fresh case opened by the Women's
// Union, so union is the involved agency and the others are not.
const std::vector<std::string> kRoles = {"police", "justice", "union",     "school",
                                         "social", "leader",  "oversight", "admin"};
const std::map<std::string, std::string> kExpected = {
    {"GET /healthz", "PPPPPPPP"},
    {"GET /metrics", "PPPPPPPP"},  // open on loopback (the walk runs on loopback)
    {"GET /api/v1/openapi.json", "PPPPPPPP"},
    {"GET /", "PPPPPPPP"},
    {"POST /api/v1/session", "PPPPPPPP"},
    {"GET /api/v1/me", "AAAAAAAA"},
    {"DELETE /api/v1/session", "AAAAAAAA"},
    {"POST /api/v1/me/totp", "AAAAAAAA"},
    {"POST /api/v1/users", "FFFFFFFA"},
    {"GET /api/v1/users", "FFFFFFFA"},
    {"PATCH /api/v1/users/{id}", "FFFFFFFA"},
    {"POST /api/v1/users/{id}/password", "FFFFFFFA"},
    {"POST /api/v1/cases", "AAAAFFFF"},
    {"GET /api/v1/cases", "AAAAFAFF"},
    {"GET /api/v1/cases/{id}", "HHAHFHFF"},
    {"PATCH /api/v1/cases/{id}", "HHAHFFFF"},
    {"POST /api/v1/cases/{id}/break-glass", "FFFFFAFF"},
    {"POST /api/v1/cases/{id}/recusals", "HHAHFAFF"},
};

std::string concrete(std::string pattern, const std::string& id) {
    for (auto open = pattern.find('{'); open != std::string::npos; open = pattern.find('{')) {
        pattern.replace(open, pattern.find('}', open) - open + 1, id);
    }
    return pattern;
}

std::string newCaseId(TestServer& server, const Login& opener) {
    Reply r = server.call(opener, "POST", "/api/v1/cases", binhan::fixtures::adultCaseJson());
    REQUIRE(r.status == 201);
    const auto at = r.body.find(R"("id":)");
    return r.body.substr(at + 5, r.body.find_first_of(",}", at) - at - 5);
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

TEST_CASE("every role × every endpoint answers as API.md says", "[api][identity][walk]") {
    TestServer server;
    std::map<std::string, Login> users;
    for (const auto& role : kRoles)
        users[role] = role == "admin" ? server.loginAdmin() : server.addUser("walk." + role, role);

    Reply doc = server.get("/api/v1/openapi.json");
    REQUIRE(doc.status == 200);
    auto paths =
        Poco::JSON::Parser().parse(doc.body).extract<Poco::JSON::Object::Ptr>()->getObject("paths");
    int walked = 0;
    for (const auto& [pattern, item] : *paths) {
        for (const auto& [method, operation] : *item.extract<Poco::JSON::Object::Ptr>()) {
            const std::string key = upper(method) + " " + pattern;
            INFO(key);
            auto row = kExpected.find(key);
            if (row == kExpected.end())
                FAIL("no expectation for " << key << ": add a row to kExpected");
            const bool onCase = pattern.rfind("/api/v1/cases/{id}", 0) == 0;
            const std::string path =
                concrete(pattern, onCase ? newCaseId(server, users["union"]) : "1");
            const std::string body =
                upper(method) == "GET" || upper(method) == "DELETE" ? "" : "{}";
            for (std::size_t i = 0; i < kRoles.size(); ++i) {
                INFO("role " << kRoles[i]);
                // Signing out ends the session: use a fresh one for that call.
                Login who =
                    key == "DELETE /api/v1/session"
                        ? server.login(kRoles[i] == "admin" ? "quantri" : "walk." + kRoles[i],
                                       kRoles[i] == "admin" ? "Mat-khau-thu-nghiem-2024"
                                                            : "Mat-khau-can-bo-xa-01")
                        : users[kRoles[i]];
                const int status = server.call(who, upper(method), path, body).status;
                const char expected = row->second[i];
                if (expected == 'F')
                    CHECK(status == 403);
                else if (expected == 'H')
                    CHECK(status == 404);
                else
                    CHECK((status != 401 && status != 403 && status != 404));
            }
            const int anonymous = server.request(upper(method), path, body).status;
            if (row->second[0] == 'P')
                CHECK((anonymous != 401 && anonymous != 403));
            else
                CHECK(anonymous == 401);
            ++walked;
        }
    }
    CHECK(walked == static_cast<int>(kExpected.size()));
}
