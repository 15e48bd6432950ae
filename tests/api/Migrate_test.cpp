// `binhan migrate-to-postgresql` (issue 11): a populated SQLite deployment moves onto PostgreSQL
// with nothing lost — the same users and passwords, every case as each agency sees it, the
// report, the audit chain — and goes on from there. Tagged [postgresql]: it needs the test
// cluster ("api-postgresql" ctest run).
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "api/TestServer.h"
#include "fixtures/people.h"

using binhan::testing::jsonField;
using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;
namespace fixtures = binhan::fixtures;

namespace {

std::pair<int, std::string> migrate(const TestServer& source, const std::vector<std::string>& to) {
    std::vector<std::string> args = {"migrate-to-postgresql", "--set",
                                     "data.dir=" + source.dataDir()};
    for (const auto& set : to) args.insert(args.end(), {"--set", set});
    return binhan::testing::runBinhan(args);
}

}  // namespace

TEST_CASE("migrate-to-postgresql moves a populated SQLite deployment with nothing lost",
          "[api][postgresql][migrate]") {
    TestServer source({}, true, /*sqlite=*/true);
    const Login police = source.addUser("cong.an.binh", "police");
    const Login hoa = source.addUser("canbo.hoa", "union");
    const Login oversight = source.addUser("ban.giam.sat", "oversight");

    // Cases with a history: a referral accepted by the union, events, one case closed.
    std::vector<std::string> ids;
    for (int i = 0; i < 6; ++i) {
        Reply created = source.call(police, "POST", "/api/v1/cases",
                                    fixtures::adultCaseJson(i % 2 ? "Lê Thị Mai" : "Phạm Thị Lan"));
        REQUIRE(created.status == 201);
        ids.push_back(jsonField(created.body, "id"));
    }
    Reply referral = source.call(police, "POST", "/api/v1/cases/" + ids[0] + "/referrals",
                                 R"({"to":"union","reason":"Cần hỗ trợ tâm lý"})");
    REQUIRE(referral.status == 201);
    REQUIRE(source
                .call(hoa, "POST",
                      "/api/v1/referrals/" + jsonField(referral.body, "id") + "/accept", "{}")
                .status == 200);
    REQUIRE(
        source
            .call(
                hoa, "POST", "/api/v1/cases/" + ids[0] + "/events",
                R"({"type":"union.follow_up","details":{"summary":"Thăm hỏi tại nhà"},"due":"2030-01-01"})")
            .status == 201);
    REQUIRE(source
                .call(police, "POST", "/api/v1/cases/" + ids[5] + "/stages/police/complete",
                      R"({"summary":"Đã xử lý xong"})")
                .status == 200);
    REQUIRE(source
                .call(police, "POST", "/api/v1/cases/" + ids[5] + "/close",
                      R"({"reason":"Nạn nhân đã an toàn","reason_code":"resolved"})")
                .status == 200);

    // What users see before the move.
    std::map<std::string, std::string> policeView, unionView;
    for (const auto& id : ids)
        policeView[id] = source.call(police, "GET", "/api/v1/cases/" + id).body;
    unionView[ids[0]] = source.call(hoa, "GET", "/api/v1/cases/" + ids[0]).body;
    const std::string period = "/api/v1/reports/summary?from=2020-01-01&to=2035-12-31";
    const std::string reportBefore = source.call(oversight, "GET", period).body;
    REQUIRE(source.terminate() == 0);  // stop serving first, as the help says

    const auto target = source.makeEmptyPostgreSQLDatabase();
    auto [code, text] = migrate(source, target);
    INFO(text);
    REQUIRE(code == 0);
    CHECK(text.find("cases                               6 →         6") != std::string::npos);
    CHECK(text.find("DIFFERENT") == std::string::npos);
    CHECK(text.find("PostgreSQL audit log intact") != std::string::npos);
    for (const char* secret :
         {"Lê Thị Mai", "Phạm Thị Lan", "argon2id", fixtures::kUserPassword.c_str()})
        CHECK(text.find(secret) == std::string::npos);

    // The same data dir (keys, checkpoints) now serves from PostgreSQL.
    std::vector<std::string> onPostgres = target;
    TestServer moved(TestServer::existing(source.dataDir(), onPostgres), 0);
    REQUIRE(moved.onPostgreSQL());
    const Login police2 = moved.login("cong.an.binh", fixtures::kUserPassword);
    const Login hoa2 = moved.login("canbo.hoa", fixtures::kUserPassword);
    const Login oversight2 = moved.login("ban.giam.sat", fixtures::kUserPassword);
    for (const auto& id : ids) {
        Reply now = moved.call(police2, "GET", "/api/v1/cases/" + id);
        REQUIRE(now.status == 200);
        CHECK(now.body == policeView[id]);
    }
    CHECK(moved.call(hoa2, "GET", "/api/v1/cases/" + ids[0]).body == unionView[ids[0]]);
    CHECK(moved.call(hoa2, "GET", "/api/v1/cases/" + ids[1]).status == 404);  // still need-to-know
    CHECK(moved.call(oversight2, "GET", period).body == reportBefore);
    // The blind-index terms moved too: a search finds exactly the three cases of that name.
    Reply search = moved.call(police2, "GET", "/api/v1/cases?q=le%20thi%20mai");
    REQUIRE(search.status == 200);
    for (std::size_t i = 0; i < ids.size(); ++i)
        CHECK((search.body.find("\"id\":" + ids[i] + ",") != std::string::npos) == (i % 2 == 1));

    // It goes on: the next case takes the next number, ids continue, the chain still verifies.
    Reply next = moved.call(police2, "POST", "/api/v1/cases", fixtures::adultCaseJson());
    REQUIRE(next.status == 201);
    CHECK(jsonField(next.body, "code").substr(jsonField(next.body, "code").size() - 4) == "0007");
    Reply fresh = moved.call(moved.loginAdmin(), "POST", "/api/v1/users",
                             R"({"username":"can.bo.moi","password":")" + fixtures::kUserPassword +
                                 R"(","role":"justice","display_name":"Cán bộ mới"})");
    CHECK(fresh.status == 201);  // the users' identity sequence continues after the copied ids
    Reply verified = moved.call(oversight2, "GET", "/api/v1/audit/verify");
    CHECK(verified.body.find(R"("ok":true)") != std::string::npos);

    // A second run into the now populated database is refused and changes nothing.
    REQUIRE(moved.terminate() == 0);
    auto [again, againText] = migrate(source, target);
    CHECK(again != 0);
    INFO(againText);
    CHECK(againText.find("empty") != std::string::npos);
}
