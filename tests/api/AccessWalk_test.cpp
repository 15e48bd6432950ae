// Issue 16: every route × every role × every relation to a case, against core/Policy's table.
// The routes come from the server's own OpenAPI document (each operation names its policy
// action in x-binhan-action), so a route added later is walked too; the expected answer of each
// call is core::decide(role, action, relation) itself, so the server and the table can never
// disagree unseen. Cases are set up through the API so that each case agency and the chair hold
// each relation on some case: none, referred, active, completed, declined, protection request,
// break-glass, recused. Every call is harmless when allowed (an invalid body: 400/409 after the
// access check), so one population serves the whole walk.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "api/TestServer.h"
#include "core/Policy.h"
#include "fixtures/people.h"

using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;
namespace core = binhan::core;

namespace {

const std::vector<std::string> kRoles = {"police", "justice", "union",     "school",
                                         "social", "leader",  "oversight", "admin"};
const std::vector<std::string> kAgencies = {"police", "justice", "union", "school"};

std::string allAgenciesCase() {
    std::string body = binhan::fixtures::adultCaseJson();
    const std::string from = R"("agencies":["police","justice","union"])";
    body.replace(body.find(from), from.size(),
                 R"("agencies":["police","justice","union","school"])");
    return body;
}

std::string idIn(const Reply& r) {
    return binhan::testing::jsonField(r.body, "id");
}

// The population: case name → (role → relation), and the case ids.
struct Population {
    TestServer& server;
    std::map<std::string, Login> users;
    std::map<std::string, std::string> ids;
    std::map<std::string, std::map<std::string, core::Relation>> relations;

    explicit Population(TestServer& s) : server(s) {
        for (const auto& role : kRoles)
            users[role] = role == "admin" ? s.loginAdmin() : s.addUser("acc." + role, role);
    }

    Reply call(const std::string& role, const std::string& method, const std::string& path,
               const std::string& body = "") {
        return server.call(users.at(role), method, path, body);
    }
    std::string open(const std::string& name, const std::string& opener) {
        Reply r = call(opener, "POST", "/api/v1/cases", allAgenciesCase());
        REQUIRE(r.status == 201);
        ids[name] = idIn(r);
        for (const auto& role : kRoles) relations[name][role] = core::Relation::None;
        relations[name][opener] = core::Relation::ActiveStage;
        return ids[name];
    }
    std::string path(const std::string& name) { return "/api/v1/cases/" + ids.at(name); }
    std::string refer(const std::string& name, const std::string& from, const std::string& to) {
        Reply r = call(from, "POST", path(name) + "/referrals",
                       R"({"to":")" + to + R"(","reason":"Cần phối hợp"})");
        REQUIRE(r.status == 201);
        relations[name][to] = core::Relation::ReferredStage;
        return idIn(r);
    }
    void answer(const std::string& name, const std::string& to, const std::string& rid,
                bool accept) {
        Reply r = call(to, "POST", "/api/v1/referrals/" + rid + (accept ? "/accept" : "/decline"),
                       accept ? "{}" : R"({"reason":"Không thuộc phạm vi"})");
        REQUIRE(r.status == 200);
        relations[name][to] = accept ? core::Relation::ActiveStage : core::Relation::None;
    }
    void complete(const std::string& name, const std::string& agency) {
        Reply r = call(agency, "POST", path(name) + "/stages/" + agency + "/complete",
                       R"({"summary":"Đã xong phần việc"})");
        REQUIRE(r.status == 200);
        relations[name][agency] = core::Relation::CompletedStage;
    }
    void requestProtection(const std::string& name) {
        Reply r = call("police", "POST", path(name) + "/events",
                       R"({"type":"protection.request","details":{"measure":"no_contact",)"
                       R"("requested_by":"survivor","summary":"Đề nghị cấm tiếp xúc"}})");
        REQUIRE(r.status == 201);
        relations[name]["leader"] = core::Relation::ProtectionRequest;
    }
};

core::CaseAccess accessOf(core::Relation relation) {
    core::CaseAccess access;
    switch (relation) {
        case core::Relation::ReferredStage:
            access.ownStage = core::StageView::Referred;
            break;
        case core::Relation::ActiveStage:
            access.ownStage = core::StageView::Active;
            break;
        case core::Relation::CompletedStage:
            access.ownStage = core::StageView::Completed;
            break;
        case core::Relation::ProtectionRequest:
            access.protectionRequest = true;
            break;
        case core::Relation::BreakGlass:
            access.breakGlass = true;
            break;
        case core::Relation::Recused:
            access.recused = true;
            break;
        case core::Relation::None:
            break;
    }
    return access;
}

void buildPopulation(Population& p) {
    // Every agency working the case; the chair on a protection request.
    p.open("active", "police");
    for (const char* to : {"justice", "union", "school"})
        p.answer("active", to, p.refer("active", "police", to), true);
    p.requestProtection("active");
    // Referred and waiting: justice, union, school on one, police on another.
    p.open("referred", "police");
    for (const char* to : {"justice", "union", "school"}) p.refer("referred", "police", to);
    p.open("referred-police", "union");
    p.refer("referred-police", "union", "police");
    // Every stage completed.
    p.open("completed", "police");
    for (const char* to : {"justice", "union", "school"})
        p.answer("completed", to, p.refer("completed", "police", to), true);
    for (const auto& agency : kAgencies) p.complete("completed", agency);
    // Referrals declined: the agency is out again.
    p.open("declined", "police");
    for (const char* to : {"justice", "union", "school"})
        p.answer("declined", to, p.refer("declined", "police", to), false);
    // The chair's emergency access.
    p.open("breakglass", "union");
    REQUIRE(p.call("leader", "POST", p.path("breakglass") + "/break-glass",
                   R"({"reason":"Nguy hiểm đến tính mạng, cần xem ngay"})")
                .status == 200);
    p.relations["breakglass"]["leader"] = core::Relation::BreakGlass;
    // Everyone recused from a case they would otherwise see.
    p.open("recused", "police");
    for (const char* to : {"justice", "union", "school"})
        p.answer("recused", to, p.refer("recused", "police", to), true);
    p.requestProtection("recused");
    // social, oversight and admin by the chair (she recuses anyone), then each agency user and
    // the chair herself.
    const std::string reason = R"("reason":"Người quen của một bên"})";
    for (const char* role : {"social", "oversight", "admin"})
        REQUIRE(p.call("leader", "POST", p.path("recused") + "/recusals",
                       R"({"user_id":)" + std::to_string(p.users.at(role).userId) + "," + reason)
                    .status == 201);
    for (const auto& role : {"police", "justice", "union", "school", "leader"})
        REQUIRE(p.call(role, "POST", p.path("recused") + "/recusals", "{" + reason).status == 201);
    for (const auto& role : kRoles) p.relations["recused"][role] = core::Relation::Recused;
}

std::string concrete(std::string pattern, const std::string& caseId, const std::string& role) {
    const std::map<std::string, std::string> values = {
        {"id", caseId},
        {"eid", "999999999"},
        {"aid", "999999999"},
        {"agency",
         std::find(kAgencies.begin(), kAgencies.end(), role) != kAgencies.end() ? role : "police"}};
    for (auto open = pattern.find('{'); open != std::string::npos; open = pattern.find('{')) {
        const auto close = pattern.find('}', open);
        pattern.replace(open, close - open + 1,
                        values.at(pattern.substr(open + 1, close - open - 1)));
    }
    return pattern;
}

// 'A' past the access check, 'F' 403, 'H' the 404 of a case not the caller's to know.
char answerOf(const Reply& r) {
    if (r.status == 403) return 'F';
    if (r.status == 404 && r.body.find("No such case.") != std::string::npos) return 'H';
    return r.status == 401 ? '?' : 'A';
}

char letter(core::Decision d) {
    return d == core::Decision::Allow ? 'A' : d == core::Decision::Forbidden ? 'F' : 'H';
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

TEST_CASE("issue 16: every case route × role × relation answers as core/Policy's table says",
          "[api][policy][walk]") {
    TestServer server;
    Population p(server);
    buildPopulation(p);

    Reply doc = server.get("/api/v1/openapi.json");
    REQUIRE(doc.status == 200);
    auto paths =
        Poco::JSON::Parser().parse(doc.body).extract<Poco::JSON::Object::Ptr>()->getObject("paths");
    int routes = 0, calls = 0;
    std::set<core::Relation> seen;
    for (const auto& [pattern, item] : *paths) {
        if (pattern.rfind("/api/v1/cases/{id}", 0) != 0) continue;
        for (const auto& [method, operationVar] : *item.extract<Poco::JSON::Object::Ptr>()) {
            const auto operation = operationVar.extract<Poco::JSON::Object::Ptr>();
            const std::string actionName = operation->optValue<std::string>("x-binhan-action", "");
            INFO(upper(method) << " " << pattern << " (" << actionName << ")");
            const core::Action* action = nullptr;
            for (const auto& a : core::allActions())
                if (core::actionName(a) == actionName) action = &a;
            REQUIRE(action != nullptr);
            ++routes;
            const std::string body = upper(method) == "PATCH" ? R"({"risk":"bogus"})"
                                     : upper(method) == "GET" ? ""
                                                              : "{}";
            for (const auto& [name, byRole] : p.relations)
                for (const auto& role : kRoles) {
                    const core::Relation relation = byRole.at(role);
                    seen.insert(relation);
                    const auto expected =
                        letter(core::decide(*core::parseRole(role), *action, accessOf(relation)));
                    const Reply r =
                        p.call(role, upper(method), concrete(pattern, p.ids.at(name), role), body);
                    INFO("case " << name << ", " << role << " (" << core::relationName(relation)
                                 << "): " << r.status << " " << r.body);
                    CHECK(answerOf(r) == expected);
                    ++calls;
                }
        }
    }
    CHECK(routes >= 14);
    CHECK(seen.size() == core::allRelations().size());  // every relation was walked
}

namespace {

// The case ids a list or search answer holds.
std::set<std::string> idsOf(const Reply& r) {
    std::set<std::string> out;
    auto items =
        Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i)
        out.insert(std::to_string(items->getObject(i)->getValue<std::int64_t>("id")));
    return out;
}

// A search for a value of each searchable field of the fixture case, with the field it hits.
const std::vector<std::pair<std::string, std::string>> kSearches = {
    {"survivor.full_name", "nguyen thi hoa"},
    {"survivor.full_name", "Hoà"},
    {"survivor.phone", "0912345678"},
    {"survivor.id_number", "034190001234"},
    {"perpetrators.full_name", "Trần Văn Namm"},
    {"perpetrators.full_name", "namm"},
    {"perpetrators.phone", "0987 654 321"},
    {"perpetrators.id_number", "034185009876"},
};

}  // namespace

TEST_CASE("issue 16: the list and the search hold exactly what core/Policy shows, field by field",
          "[api][policy][search]") {
    TestServer server;
    Population p(server);
    buildPopulation(p);
    for (const auto& role : kRoles) {
        INFO(role);
        const auto parsed = *core::parseRole(role);
        Reply all = p.call(role, "GET", "/api/v1/cases?limit=500");
        if (!core::roleMay(parsed, core::Action::CaseList)) {
            CHECK(all.status == 403);
            continue;
        }
        REQUIRE(all.status == 200);
        std::set<std::string> visible;
        for (const auto& [name, byRole] : p.relations)
            if (core::decide(parsed, core::Action::CaseRead, accessOf(byRole.at(role))) ==
                core::Decision::Allow)
                visible.insert(p.ids.at(name));
        CHECK(idsOf(all) == visible);  // the SQL fragment and core agree on every relation
        for (const auto& [field, query] : kSearches) {
            INFO("search " << query << " (" << field << ")");
            std::set<std::string> expected;
            for (const auto& [name, byRole] : p.relations) {
                const auto relation = byRole.at(role);
                if (core::decide(parsed, core::Action::CaseRead, accessOf(relation)) ==
                        core::Decision::Allow &&
                    core::mayReadField(parsed, relation, field))
                    expected.insert(p.ids.at(name));
            }
            Poco::URI uri("/api/v1/cases");
            uri.addQueryParameter("q", query);
            uri.addQueryParameter("limit", "500");
            Reply found = p.call(role, "GET", uri.toString());
            REQUIRE(found.status == 200);
            CHECK(idsOf(found) == expected);  // a hidden field's value finds nothing
        }
    }
    // The leak of issue 16, named: the chair on a protection request cannot confirm the
    // survivor's phone or a name word, and the school cannot confirm the perpetrator's phone.
    const Reply byPhone = p.call("leader", "GET", "/api/v1/cases?q=0912345678");
    CHECK(idsOf(byPhone).count(p.ids.at("active")) == 0);
    const Reply byWord = p.call("leader", "GET", "/api/v1/cases?q=Hoa");
    CHECK(idsOf(byWord).count(p.ids.at("active")) == 0);
    CHECK(idsOf(p.call("leader", "GET", "/api/v1/cases")).count(p.ids.at("active")) == 1);
    const Reply schoolPerp = p.call("school", "GET", "/api/v1/cases?q=0987654321");
    CHECK(idsOf(schoolPerp).empty());
    CHECK(idsOf(p.call("school", "GET", "/api/v1/cases?q=0912345678")).count(p.ids.at("active")) ==
          1);
}
