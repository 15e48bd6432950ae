// Black-box tests of multi-commune hosting (issue 11): one server for a province's communes, HP
// (the deployment's own, commune.code) and TL (added by the admin), and the province level HY.
// A case of one commune is a 404 for every user of another, exactly like a case that does not
// exist; each commune's report counts its own cases; the province's staff read them together
// or one at a time, with the same small-count suppression. Made-up people only.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <catch2/catch.hpp>
#include <set>

#include "api/TestServer.h"
#include "api/WorkflowClient.h"
#include "fixtures/people.h"

using binhan::testing::errorField;
using binhan::testing::eventBody;
using binhan::testing::idText;
using binhan::testing::jsonOf;
using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;

namespace {

std::string userBody(const std::string& username, const std::string& role,
                     const std::string& commune) {
    return R"({"username":")" + username + R"(","password":")" + binhan::fixtures::kUserPassword +
           R"(","role":")" + role + R"(","display_name":"Cán bộ thử nghiệm")" +
           (commune.empty() ? "" : R"(,"commune":")" + commune + "\"") + "}";
}

std::string text(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    return o->get(key).toString();
}

// HP: union, police, leader, social. TL: union, police, leader. Province HY: oversight, social.
// HP has six cases (the first with a protection request), TL two.
struct Province {
    TestServer server{{"province.code=HY", "province.name=Tỉnh Hưng Yên"}};
    Login admin, aUnion, aPolice, aLeader, aSocial, bUnion, bPolice, bLeader, pOversight, pSocial;
    std::vector<std::string> aCases, bCases;

    Province() {
        admin = server.loginAdmin();
        REQUIRE(
            server.call(admin, "POST", "/api/v1/communes", R"({"code":"TL","name":"Xã Tân Lập"})")
                .status == 201);
        aUnion = add("a.phunu", "union", "");
        aPolice = add("a.congan", "police", "HP");
        aLeader = add("a.chutich", "leader", "");
        aSocial = add("a.laodong", "social", "");
        bUnion = add("b.phunu", "union", "TL");
        bPolice = add("b.congan", "police", "TL");
        bLeader = add("b.chutich", "leader", "TL");
        pOversight = add("tinh.giamsat", "oversight", "HY");
        pSocial = add("tinh.laodong", "social", "HY");
        for (int i = 0; i < 6; ++i)
            aCases.push_back(open(aUnion, binhan::fixtures::adultCaseJson(
                                              "Phạm Thị Hằng", "0999 100 20" + std::to_string(i))));
        for (int i = 0; i < 2; ++i)
            bCases.push_back(open(bUnion, binhan::fixtures::adultCaseJson(
                                              "Đỗ Thị Lan", "0999 300 40" + std::to_string(i))));
        Reply request = server.call(
            aUnion, "POST", "/api/v1/cases/" + aCases[0] + "/events",
            eventBody("protection.request", R"({"measure":"no_contact","requested_by":"survivor",)"
                                            R"("summary":"Xin cấm tiếp xúc"})"));
        REQUIRE(request.status == 201);
    }

    Login add(const std::string& username, const std::string& role, const std::string& commune) {
        Reply r = server.call(admin, "POST", "/api/v1/users", userBody(username, role, commune));
        REQUIRE(r.status == 201);
        return server.login(username, binhan::fixtures::kUserPassword);
    }

    std::string open(const Login& who, const std::string& body) {
        Reply r = server.call(who, "POST", "/api/v1/cases", body);
        REQUIRE(r.status == 201);
        return idText(r);
    }

    Poco::JSON::Object::Ptr report(const Login& who, const std::string& query = "") {
        Reply r = server.call(who, "GET", "/api/v1/reports/summary" + query);
        INFO(r.body);
        REQUIRE(r.status == 200);
        return jsonOf(r);
    }
};

std::size_t itemCount(const Reply& r) {
    return jsonOf(r)->getArray("items")->size();
}

}  // namespace

TEST_CASE(
    "communes: the admin adds communes and users of each, the province takes only "
    "statistics roles",
    "[api][communes]") {
    Province p;
    TestServer& server = p.server;

    Reply again =
        server.call(p.admin, "POST", "/api/v1/communes", R"({"code":"TL","name":"Xã Khác"})");
    CHECK(again.status == 409);
    Reply bad =
        server.call(p.admin, "POST", "/api/v1/communes", R"({"code":"T L","name":"Xã Khác"})");
    CHECK(bad.status == 400);
    CHECK(errorField(bad) == "code");
    CHECK(
        server.call(p.aLeader, "POST", "/api/v1/communes", R"({"code":"XY","name":"Xã"})").status ==
        403);

    Reply list = server.call(p.admin, "GET", "/api/v1/communes");
    REQUIRE(list.status == 200);
    const auto communes = jsonOf(list);
    std::vector<std::string> codes;
    for (const auto& item : *communes->getArray("items"))
        codes.push_back(item.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("code"));
    CHECK(codes == std::vector<std::string>{"HP", "TL"});  // the province is not a commune
    CHECK(communes->getObject("province")->getValue<std::string>("code") == "HY");
    CHECK(communes->getObject("province")->getValue<std::string>("name") == "Tỉnh Hưng Yên");

    Reply police =
        server.call(p.admin, "POST", "/api/v1/users", userBody("tinh.congan", "police", "HY"));
    CHECK(police.status == 400);
    CHECK(errorField(police) == "role");
    Reply leader =
        server.call(p.admin, "POST", "/api/v1/users", userBody("tinh.chutich", "leader", "HY"));
    CHECK(leader.status == 400);
    Reply unknown =
        server.call(p.admin, "POST", "/api/v1/users", userBody("x.congan", "police", "ZZ"));
    CHECK(unknown.status == 400);
    CHECK(errorField(unknown) == "commune");
    // A province user cannot be turned into a case agency later either.
    Reply patch = server.call(p.admin, "PATCH", "/api/v1/users/" + std::to_string(p.pSocial.userId),
                              R"({"role":"police"})");
    CHECK(patch.status == 400);

    Reply users = server.call(p.admin, "GET", "/api/v1/users?limit=500");
    REQUIRE(users.status == 200);
    std::map<std::string, std::string> communeOf;
    const auto userList = jsonOf(users)->getArray("items");  // kept alive over the loop
    for (const auto& item : *userList) {
        const auto user = item.extract<Poco::JSON::Object::Ptr>();
        communeOf[user->getValue<std::string>("username")] = user->getValue<std::string>("commune");
    }
    CHECK(communeOf["a.phunu"] == "HP");
    CHECK(communeOf["b.phunu"] == "TL");
    CHECK(communeOf["tinh.giamsat"] == "HY");
    CHECK(communeOf[binhan::fixtures::kAdminUser] == "HP");

    // Case codes are numbered per commune.
    Reply bCase = server.call(p.bUnion, "GET", "/api/v1/cases/" + p.bCases[0]);
    REQUIRE(bCase.status == 200);
    CHECK(jsonOf(bCase)->getValue<std::string>("code").rfind("TL-", 0) == 0);
}

TEST_CASE("communes: a case of another commune is a 404 for every user, like no case at all",
          "[api][communes]") {
    Province p;
    TestServer& server = p.server;
    const std::string a = "/api/v1/cases/" + p.aCases[0];

    // Commune A's own agency and chair see it (the chair through the protection request).
    REQUIRE(server.call(p.aUnion, "GET", a).status == 200);
    REQUIRE(server.call(p.aLeader, "GET", a).status == 200);
    const std::string missing = server.call(p.bUnion, "GET", "/api/v1/cases/999999").body;
    for (const Login* who : {&p.bUnion, &p.bLeader, &p.bPolice}) {
        Reply r = server.call(*who, "GET", a);
        CHECK(r.status == 404);
        CHECK(r.body == missing);
        CHECK(server.call(*who, "GET", a + "/events").status == 404);
    }
    CHECK(server.call(p.bUnion, "GET", a + "/export").status == 404);
    CHECK(server.call(p.bUnion, "GET", a + "/export?format=html").status == 404);
    CHECK(server.call(p.bUnion, "POST", a + "/referrals", R"({"to":"police","reason":"Chuyển"})")
              .status == 404);
    CHECK(server.call(p.bUnion, "POST", a + "/events", eventBody("note", R"({"text":"Ghi chú"})"))
              .status == 404);
    CHECK(server
              .call(p.bLeader, "POST", a + "/break-glass",
                    R"({"reason":"Khẩn cấp, cần xem ngay hồ sơ"})")
              .status == 404);

    // Lists, searches and dashboards of commune B hold only B's cases.
    Reply bList = server.call(p.bUnion, "GET", "/api/v1/cases");
    REQUIRE(bList.status == 200);
    CHECK(itemCount(bList) == 2);
    Reply search = server.call(p.bUnion, "GET", "/api/v1/cases?q=0999%20100%20200");
    REQUIRE(search.status == 200);
    CHECK(itemCount(search) == 0);
    Reply ownSearch = server.call(p.aUnion, "GET", "/api/v1/cases?q=0999%20100%20200");
    REQUIRE(ownSearch.status == 200);
    CHECK(itemCount(ownSearch) == 1);
    Reply leaderList = server.call(p.bLeader, "GET", "/api/v1/cases");
    REQUIRE(leaderList.status == 200);
    CHECK(itemCount(leaderList) == 0);
    Reply dashboard = server.call(p.bLeader, "GET", "/api/v1/dashboard");
    REQUIRE(dashboard.status == 200);
    CHECK(jsonOf(dashboard)->getArray("protection_requests")->size() == 0);
    Reply aDashboard = server.call(p.aLeader, "GET", "/api/v1/dashboard");
    REQUIRE(aDashboard.status == 200);
    CHECK(jsonOf(aDashboard)->getArray("protection_requests")->size() == 1);

    // A referral of A's case to the police is A's police's, never B's.
    Reply referral = server.call(p.aUnion, "POST", a + "/referrals",
                                 R"({"to":"police","reason":"Cần công an xử lý"})");
    REQUIRE(referral.status == 201);
    const std::string rid = idText(referral);
    Reply incoming = server.call(p.bPolice, "GET", "/api/v1/referrals?direction=incoming");
    REQUIRE(incoming.status == 200);
    CHECK(itemCount(incoming) == 0);
    CHECK(
        jsonOf(server.call(p.bPolice, "GET", "/api/v1/dashboard"))->getArray("referrals")->size() ==
        0);
    CHECK(server.call(p.bPolice, "POST", "/api/v1/referrals/" + rid + "/accept", "{}").status ==
          404);
    Reply aIncoming = server.call(p.aPolice, "GET", "/api/v1/referrals?direction=incoming");
    REQUIRE(aIncoming.status == 200);
    CHECK(itemCount(aIncoming) == 1);
    CHECK(server.call(p.aPolice, "POST", "/api/v1/referrals/" + rid + "/accept", "{}").status ==
          200);
}

TEST_CASE("communes: each commune reports on its own cases, the province on all or on one",
          "[api][communes][report]") {
    Province p;
    TestServer& server = p.server;

    const auto a = p.report(p.aSocial);
    CHECK(text(a->getObject("header"), "commune_code") == "HP");
    CHECK(text(a->getObject("header"), "scope") == "commune");
    CHECK(text(a->getObject("totals"), "cases") == "6");
    const auto b = p.report(p.bLeader);
    CHECK(text(b->getObject("header"), "commune_code") == "TL");
    CHECK(text(b->getObject("header"), "commune") == "Xã Tân Lập");
    CHECK(text(b->getObject("totals"), "cases") == "<5");  // 2: suppressed as ever

    const auto province = p.report(p.pOversight);
    CHECK(text(province->getObject("header"), "commune_code") == "HY");
    CHECK(text(province->getObject("header"), "commune") == "Tỉnh Hưng Yên");
    CHECK(text(province->getObject("header"), "scope") == "province");
    CHECK(text(province->getObject("totals"), "cases") == "8");
    CHECK(province->getObject("header")->getArray("communes")->size() == 2);  // to pick from
    CHECK_FALSE(a->getObject("header")->has("communes"));
    const auto onlyA = p.report(p.pSocial, "?commune=HP");
    CHECK(text(onlyA->getObject("header"), "commune_code") == "HP");
    CHECK(text(onlyA->getObject("totals"), "cases") == "6");
    CHECK(text(p.report(p.pSocial, "?commune=TL")->getObject("totals"), "cases") == "<5");

    Reply unknown = server.call(p.pOversight, "GET", "/api/v1/reports/summary?commune=ZZ");
    CHECK(unknown.status == 400);
    CHECK(errorField(unknown) == "commune");
    CHECK(server.call(p.pOversight, "GET", "/api/v1/reports/summary?commune=HY").status == 400);
    CHECK(server.call(p.aSocial, "GET", "/api/v1/reports/summary?commune=TL").status == 403);
    CHECK(server.call(p.aSocial, "GET", "/api/v1/reports/summary?commune=HP").status == 200);

    Reply csv = server.call(p.pOversight, "GET", "/api/v1/reports/summary.csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.header("Content-Disposition").find("filename=\"bao-cao-HY-") != std::string::npos);
    Reply csvA = server.call(p.pOversight, "GET", "/api/v1/reports/summary.csv?commune=HP");
    REQUIRE(csvA.status == 200);
    CHECK(csvA.body.find("Xã Hòa Phong (HP)") != std::string::npos);
    Reply print = server.call(p.pSocial, "GET", "/reports/print?commune=TL");
    REQUIRE(print.status == 200);
    CHECK(print.body.find("Xã Tân Lập") != std::string::npos);

    // Province staff work with statistics only: no case list, no case.
    CHECK(server.call(p.pOversight, "GET", "/api/v1/cases").status == 403);
    CHECK(server.call(p.pSocial, "GET", "/api/v1/cases/" + p.aCases[0]).status == 403);
}

TEST_CASE(
    "issue 16: the audit screen is need-to-know: a commune's oversight lists its commune's "
    "entries, the province's every commune's",
    "[api][communes][audit]") {
    Province p;
    const Login aOversight = p.add("a.giamsat", "oversight", "HP");
    const Login bOversight = p.add("b.giamsat", "oversight", "TL");
    // One read of a TL case, so TL has case entries of its own.
    REQUIRE(p.server.call(p.bUnion, "GET", "/api/v1/cases/" + p.bCases[0]).status == 200);
    const auto communesOf = [&](const Login& who, const std::string& query) {
        Reply r = p.server.call(who, "GET", "/api/v1/audit?limit=500" + query);
        REQUIRE(r.status == 200);
        std::set<std::string> seen;
        const auto items = jsonOf(r)->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i)
            seen.insert(items->getObject(i)->getValue<std::string>("commune"));
        return seen;
    };
    const auto a = communesOf(aOversight, "");
    CHECK(a.count("HP") == 1);
    CHECK(a.count("TL") == 0);
    const auto b = communesOf(bOversight, "");
    CHECK(b.count("TL") == 1);
    CHECK(b.count("HP") == 0);
    const auto province = communesOf(p.pOversight, "");
    CHECK(province.count("HP") == 1);
    CHECK(province.count("TL") == 1);
    // ?case= takes the id as well as the code; another commune's case lists nothing.
    CHECK(communesOf(bOversight, "&case=" + p.bCases[0]) == std::set<std::string>{"TL"});
    CHECK(communesOf(aOversight, "&case=" + p.bCases[0]).empty());
}

TEST_CASE("issue 23: an officer transferred to another commune works there from the next sign-in",
          "[api][communes][issue23]") {
    Province p;
    const std::string user = "/api/v1/users/" + std::to_string(p.aPolice.userId);
    const std::string before =
        p.open(p.aPolice, binhan::fixtures::adultCaseJson("Vũ Thị Thu", "0999 500 600"));

    // Only the admin moves an officer; the commune must exist, and the province level holds no
    // police.
    CHECK(p.server.call(p.aLeader, "PATCH", user, R"({"commune":"TL"})").status == 403);
    Reply unknown = p.server.call(p.admin, "PATCH", user, R"({"commune":"ZZ"})");
    CHECK(unknown.status == 400);
    CHECK(errorField(unknown) == "commune");
    Reply toProvince = p.server.call(p.admin, "PATCH", user, R"({"commune":"HY"})");
    CHECK(toProvince.status == 400);
    CHECK(errorField(toProvince) == "role");

    Reply moved = p.server.call(p.admin, "PATCH", user, R"({"commune":"TL"})");
    REQUIRE(moved.status == 200);
    CHECK(text(jsonOf(moved), "commune") == "TL");
    // The session of the old commune ended; signed in again, the officer sees TL's cases only.
    CHECK(p.server.call(p.aPolice, "GET", "/api/v1/me").status == 401);
    Login again = p.server.login("a.congan", binhan::fixtures::kUserPassword);
    CHECK(p.server.call(again, "GET", "/api/v1/cases/" + before).status == 404);
    const std::string after =
        p.open(again, binhan::fixtures::adultCaseJson("Vũ Thị Thu", "0999 500 601"));
    CHECK(text(jsonOf(p.server.call(again, "GET", "/api/v1/cases/" + after)), "code")
              .rfind("TL-", 0) == 0);
    // The move is on the record.
    CHECK(
        p.server.query("SELECT COUNT(*) FROM audit_log WHERE action = 'user.update' AND outcome = "
                       "'ok'")[0][0] == "1");

    // binhan report --commune: another commune's report, or the province's roll-up.
    auto args = p.server.baseArgs();
    args.insert(args.begin(), {"report", "--commune", "TL"});
    auto [code, out] = binhan::testing::runBinhan(args);
    CHECK(code == 0);
    CHECK(out.find(R"("commune_code":"TL")") != std::string::npos);
    args[2] = "HY";
    auto [provinceCode, provinceOut] = binhan::testing::runBinhan(args);
    CHECK(provinceCode == 0);
    CHECK(provinceOut.find(R"("scope":"province")") != std::string::npos);
    args[2] = "ZZ";
    auto [badCode, badOut] = binhan::testing::runBinhan(args);
    CHECK(badCode != 0);
    CHECK(badOut.find("ZZ") != std::string::npos);
}
