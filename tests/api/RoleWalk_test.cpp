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
// Union, so union is the involved agency and the others are not (see walkPath).
const std::vector<std::string> kRoles = {"police", "justice", "union",     "school",
                                         "social", "leader",  "oversight", "admin"};
const std::map<std::string, std::string> kExpected = {
    {"GET /healthz", "PPPPPPPP"},
    {"GET /metrics", "PPPPPPPP"},  // open on loopback (the walk runs on loopback)
    {"GET /api/v1/openapi.json", "PPPPPPPP"},
    {"GET /", "PPPPPPPP"},
    {"POST /api/v1/session", "PPPPPPPP"},
    {"GET /api/v1/me", "AAAAAAAA"},
    {"GET /api/v1/catalogue", "AAAAAAAA"},  // issue 16: the forms' catalogue, any signed-in user
    {"DELETE /api/v1/session", "AAAAAAAA"},
    {"POST /api/v1/me/totp", "AAAAAAAA"},
    {"POST /api/v1/me/password", "AAAAAAAA"},  // issue 19: one's own password
    {"GET /api/v1/villages", "AAAAAAAA"},      // issue 19: the intake's pick-list
    {"POST /api/v1/users", "FFFFFFFA"},
    {"GET /api/v1/users", "FFFFFFFA"},
    {"PATCH /api/v1/users/{id}", "FFFFFFFA"},
    {"POST /api/v1/users/{id}/password", "FFFFFFFA"},
    {"GET /api/v1/communes", "FFFFFFFA"},  // issue 11: the communes of a province
    {"POST /api/v1/communes", "FFFFFFFA"},
    {"GET /api/v1/communes/{code}/villages", "FFFFFFFA"},
    {"PUT /api/v1/communes/{code}/villages", "FFFFFFFA"},
    {"POST /api/v1/cases", "AAAAFFFF"},
    {"GET /api/v1/cases", "AAAAFAFF"},
    {"GET /api/v1/cases/{id}", "HHAHFHFF"},
    {"PATCH /api/v1/cases/{id}", "HHAHFFFF"},
    {"POST /api/v1/cases/{id}/break-glass", "FFFFFAFF"},
    {"POST /api/v1/cases/{id}/recusals", "HHAHFAFF"},
    {"GET /api/v1/cases/{id}/export", "HHAHFFFF"},
    {"POST /api/v1/cases/{id}/erase", "FFFFFHFF"},
    {"GET /api/v1/audit", "FFFFFFAA"},
    {"GET /api/v1/audit/verify", "FFFFFFAA"},
    {"GET /api/v1/audit/actors", "FFFFFFAA"},  // issue 19: the audit screen's user picker
    // Coordination workflow (issue 5). On the fresh case only the union has a stage; the chair
    // sees it only on a protection request, so it is hidden from her too.
    {"POST /api/v1/cases/{id}/events", "HHAHFHFF"},
    {"GET /api/v1/cases/{id}/events", "HHAHFHFF"},
    {"POST /api/v1/cases/{id}/events/{eid}/done", "HHAHFFFF"},
    {"POST /api/v1/cases/{id}/events/{eid}/void", "HHAHFFFF"},  // issue 19
    {"POST /api/v1/cases/{id}/events/{eid}/correct", "HHAHFFFF"},
    {"POST /api/v1/cases/{id}/referrals", "HHAHFFFF"},
    {"POST /api/v1/cases/{id}/consent", "HHAHFFFF"},
    {"POST /api/v1/cases/{id}/stages/{agency}/complete", "HHAHFFFF"},
    {"POST /api/v1/cases/{id}/close", "HHAHFHFF"},
    {"POST /api/v1/cases/{id}/reopen", "HHAHFHFF"},
    {"GET /api/v1/referrals", "AAAAFFFF"},
    // Walked on a fresh referral of a fresh union case to justice (see walkPath): justice, the
    // receiving agency, may answer; the union, which referred it, sees the case but may not; the
    // others know nothing of it.
    {"POST /api/v1/referrals/{rid}/accept", "HAFHFFFF"},
    {"POST /api/v1/referrals/{rid}/decline", "HAFHFFFF"},
    {"GET /api/v1/dashboard", "AAAAFAFF"},
    // Evidence files (issue 21), on the union's fresh case (with a union file for {aid}).
    {"POST /api/v1/cases/{id}/attachments", "HHAHFHFF"},
    {"GET /api/v1/cases/{id}/attachments", "HHAHFHFF"},
    {"GET /api/v1/cases/{id}/attachments/{aid}", "HHAHFHFF"},
    {"POST /api/v1/cases/{id}/attachments/{aid}/remove", "HHAHFHFF"},
    // A possible earlier case (issue 21): the check is for agencies that open cases; a request
    // id no agency holds is unknown to every agency.
    {"POST /api/v1/cases/earlier-check", "AAAAFFFF"},
    {"GET /api/v1/cases/{id}/earlier", "HHAHFHFF"},
    {"POST /api/v1/cases/{id}/earlier-requests", "HHAHFFFF"},
    {"GET /api/v1/earlier-requests", "AAAAFFFF"},
    {"POST /api/v1/earlier-requests/{rid}/accept", "HHHHFFFF"},
    {"POST /api/v1/earlier-requests/{rid}/decline", "HHHHFFFF"},
    {"POST /api/v1/cases/{id}/links", "FFFFFHFF"},
    // Statistical report (issue 7): social, leader, oversight; no identities in it.
    {"GET /api/v1/reports/summary", "FFFFAAAF"},
    {"GET /api/v1/reports/summary.csv", "FFFFAAAF"},
    {"GET /reports/print", "FFFFAAAF"},
    // Notifications (issue 22): one's own, for everyone; the failed sends, the admin's.
    {"GET /api/v1/notifications", "AAAAAAAA"},
    {"POST /api/v1/notifications/{id}/read", "HHHHHHHH"},  // nobody's notification 1
    {"GET /api/v1/notifications/stream", "AAAAAAAA"},
    {"GET /api/v1/me/notifications", "AAAAAAAA"},
    {"PUT /api/v1/me/notifications", "AAAAAAAA"},
    {"GET /api/v1/notifications/deliveries", "FFFFFFFA"},
};

// Each {name} of `pattern` replaced by values[name], or by `fallback` when not given.
std::string concrete(std::string pattern, const std::map<std::string, std::string>& values,
                     const std::string& fallback) {
    for (auto open = pattern.find('{'); open != std::string::npos; open = pattern.find('{')) {
        const auto close = pattern.find('}', open);
        const auto value = values.find(pattern.substr(open + 1, close - open - 1));
        pattern.replace(open, close - open + 1, value == values.end() ? fallback : value->second);
    }
    return pattern;
}

std::string idIn(const Reply& r) {
    const auto at = r.body.find(R"("id":)");
    return r.body.substr(at + 5, r.body.find_first_of(",}", at) - at - 5);
}

std::string newCaseId(TestServer& server, const Login& opener) {
    Reply r = server.call(opener, "POST", "/api/v1/cases", binhan::fixtures::adultCaseJson());
    REQUIRE(r.status == 201);
    return idIn(r);
}

// The path to walk for `pattern`: routes on one case get a fresh case opened by the union (with
// a union follow-up for {eid}, the union's own stage for {agency}); routes on one referral get a
// fresh referral of such a case to justice, which the case's consent covers.
std::string walkPath(TestServer& server, const Login& unionUser, const std::string& pattern) {
    std::map<std::string, std::string> values;
    if (pattern.rfind("/api/v1/cases/{id}", 0) == 0) {
        values["id"] = newCaseId(server, unionUser);
        values["agency"] = "union";
        if (pattern.find("{eid}") != std::string::npos) {
            Reply r = server.call(unionUser, "POST", "/api/v1/cases/" + values["id"] + "/events",
                                  R"({"type":"union.follow_up","due":"2030-01-01",)"
                                  R"("details":{"summary":"Thăm hỏi"}})");
            REQUIRE(r.status == 201);
            values["eid"] = idIn(r);
        }
        if (pattern.find("{aid}") != std::string::npos) {
            Reply r = server.request("POST", "/api/v1/cases/" + values["id"] + "/attachments",
                                     "%PDF-1.4\n%made-up\n%%EOF\n",
                                     {{"Authorization", "Bearer " + unionUser.token},
                                      {"Content-Type", "application/pdf"},
                                      {"X-Filename", "giay.pdf"},
                                      {"X-Attachment-Kind", "other"}});
            REQUIRE(r.status == 201);
            values["aid"] = idIn(r);
        }
    } else if (pattern.rfind("/api/v1/referrals/{rid}", 0) == 0) {
        Reply r = server.call(unionUser, "POST",
                              "/api/v1/cases/" + newCaseId(server, unionUser) + "/referrals",
                              R"({"to":"justice","reason":"Cần trợ giúp pháp lý"})");
        REQUIRE(r.status == 201);
        values["rid"] = idIn(r);
    }
    return concrete(pattern, values, "1");
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

TEST_CASE("every role × every endpoint answers as API.md says", "[api][identity][walk]") {
    TestServer server({"notify.stream_seconds=1"});  // the bell's stream ends at once
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
            const std::string path = walkPath(server, users["union"], pattern);
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
