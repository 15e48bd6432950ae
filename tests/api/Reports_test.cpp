// Black-box tests of the statistical report (issue 7): a hand-built set of nine made-up cases
// with their referrals, support, mediation and legal aid goes in through the API; the report's
// numbers, its small-count suppression, its CSV (parsed), its printable page, who may read it,
// and that no name, phone, ID number or narrative ever comes out of it.
#include <Poco/JSON/Object.h>

#include <catch2/catch.hpp>

#include "api/TestServer.h"
#include "api/WorkflowClient.h"

using binhan::testing::eventBody;
using binhan::testing::idText;
using binhan::testing::jsonOf;
using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;
using binhan::testing::vietnamDateIn;

namespace {

// Markers that must never appear in a report.
const char* kSecrets[] = {"Zyxname",    "Qwvperp",      "0999000111",
                          "0988777666", "034190009999", "NARRATIVEMARK",
                          "INJURYMARK", "SUMMARYMARK",  "REASONMARK"};

struct CaseSpec {
    std::string sex;
    int age;  // at the incident
    std::string village;
    std::string types;  // JSON array body
    int daysAgo;        // incident date
    bool statistics;    // consent to non-statutory statistics
    std::string perpetratorSex, relationship;
};

std::string caseJson(const CaseSpec& c) {
    const std::string incident = vietnamDateIn(-c.daysAgo);
    const int birth = std::stoi(incident.substr(0, 4)) - c.age;
    const bool child = c.age < 18;
    return R"({"survivor":{"full_name":"Zyxname Thị Một","sex":")" + c.sex + R"(","birth_year":)" +
           std::to_string(birth) + R"(,"village":")" + c.village +
           R"(","phone":"0999000111","id_number":")" + (child ? "" : "034190009999") +
           R"(","disability":false},"perpetrators":[{"full_name":"Qwvperp Văn Hai","sex":")" +
           c.perpetratorSex + R"(","relationship":")" + c.relationship +
           R"(","phone":"0988777666"}],"incident":{"date":")" + incident + R"(","village":")" +
           c.village + R"(","place":"home","types":)" + c.types +
           R"(,"description":"NARRATIVEMARK bị đánh","injuries":"INJURYMARK"},"risk":"medium",)"
           R"("consent":{"given":true,"given_by":")" +
           (child ? "guardian" : "survivor") +
           R"(","agencies":["police","justice","union","school"],"statistics":)" +
           (c.statistics ? "true" : "false") + "}}";
}

// RFC 4180 rows (quotes doubled, CRLF line ends).
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    rows.pop_back();
    return rows;
}

void checkNoIdentity(const std::string& output) {
    for (const char* secret : kSecrets) {
        INFO(secret);
        CHECK(output.find(secret) == std::string::npos);
    }
}

// The fixture: nine cases.
//   6 × union: women 30–59, Thôn Đông, physical + psychological, reported the next day, consent
//       to statistics, husband; each gets counselling; 2 get shelter, 2 health care; each is
//       referred to justice: 5 accepted (5 mediations agreed, 1 legal aid), 1 declined.
//   2 × school: boys of 13, Thôn Tây, neglect, reported after 20 days, no statistics consent,
//       mother.
//   1 × police: a woman of 70, Thôn Tây, economic, reported after 40 days, no statistics
//       consent, her son.
struct Fixture {
    TestServer server;
    Login police, justice, unionUser, school, social, leader, oversight, admin;

    Fixture() {
        police = server.addUser("bc.congan", "police");
        justice = server.addUser("bc.tuphap", "justice");
        unionUser = server.addUser("bc.phunu", "union");
        school = server.addUser("bc.truong", "school");
        social = server.addUser("bc.laodong", "social");
        leader = server.addUser("bc.chutich", "leader");
        oversight = server.addUser("bc.bantienbo", "oversight");
        admin = server.loginAdmin();
        for (int i = 0; i < 6; ++i) {
            const std::string id =
                open(unionUser, {"female", 45, "Thôn Đông", R"(["physical","psychological"])", 1,
                                 true, "male", "spouse"});
            support(id, "counselling");
            if (i < 2) support(id, "shelter");
            if (i >= 4) support(id, "health_care");
            Reply referral = server.call(unionUser, "POST", "/api/v1/cases/" + id + "/referrals",
                                         R"({"to":"justice","reason":"REASONMARK trợ giúp"})");
            REQUIRE(referral.status == 201);
            const std::string rid = idText(referral);
            if (i == 5) {
                REQUIRE(server
                            .call(justice, "POST", "/api/v1/referrals/" + rid + "/decline",
                                  R"({"reason":"REASONMARK không thuộc thẩm quyền"})")
                            .status == 200);
                continue;
            }
            REQUIRE(
                server.call(justice, "POST", "/api/v1/referrals/" + rid + "/accept", "{}").status ==
                200);
            event(justice, id,
                  eventBody("justice.mediation",
                            R"({"session_date":")" + vietnamDateIn(0) +
                                R"(","mediators":"Tổ hòa giải thôn","outcome":"agreed",)"
                                R"("summary":"SUMMARYMARK hòa giải"})"));
            if (i == 0)
                event(justice, id,
                      eventBody("justice.legal_aid",
                                R"({"kind":"advice","eligibility":)"
                                R"("financial_hardship","summary":"SUMMARYMARK"})"));
        }
        for (int i = 0; i < 2; ++i)
            open(school, {"male", 13, "Thôn Tây", R"(["neglect"])", 20, false, "female", "parent"});
        open(police, {"female", 70, "Thôn Tây", R"(["economic"])", 40, false, "male", "child"});
    }

    std::string open(const Login& who, const CaseSpec& spec) {
        Reply r = server.call(who, "POST", "/api/v1/cases", caseJson(spec));
        INFO(r.body);
        REQUIRE(r.status == 201);
        return idText(r);
    }
    void event(const Login& who, const std::string& id, const std::string& body) {
        Reply r = server.call(who, "POST", "/api/v1/cases/" + id + "/events", body);
        INFO(r.body);
        REQUIRE(r.status == 201);
    }
    void support(const std::string& id, const std::string& kind) {
        event(unionUser, id,
              eventBody("union.support", R"({"kind":")" + kind + R"(","summary":"SUMMARYMARK"})"));
    }
};

std::string text(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    return o->get(key).toString();
}

}  // namespace

TEST_CASE("report: the statutory report counts the hand-built fixture exactly", "[api][report]") {
    Fixture f;
    Reply r = f.server.call(f.social, "GET", "/api/v1/reports/summary");
    REQUIRE(r.status == 200);
    checkNoIdentity(r.body);
    const auto json = jsonOf(r);
    const auto header = json->getObject("header");
    CHECK(text(header, "commune") == "Xã Hòa Phong");
    CHECK(text(header, "commune_code") == "HP");
    CHECK(text(header, "recipient") == "UBND tỉnh Hưng Yên");
    CHECK(text(header, "from") == vietnamDateIn(0).substr(0, 4) + "-01-01");
    CHECK(text(header, "to") == vietnamDateIn(0).substr(0, 4) + "-12-31");
    CHECK(text(header, "purpose") == "statutory");
    CHECK(header->has("generated_at"));

    const auto totals = json->getObject("totals");
    CHECK(text(totals, "cases") == "9");
    CHECK(text(totals, "survivors") == "9");
    CHECK(text(totals, "perpetrators") == "9");
    CHECK(text(totals, "support") == "10");
    CHECK(text(totals, "referrals") == "6");
    CHECK(text(totals, "mediations") == "5");
    CHECK(text(totals, "legal_aid") == "<5");
    CHECK(text(totals, "closed") == "0");

    const auto types = json->getObject("by_type");
    CHECK(text(types, "physical") == "6");
    CHECK(text(types, "psychological") == "6");
    CHECK(text(types, "neglect") == "<5");
    CHECK(text(types, "economic") == "<5");
    CHECK(text(types, "sexual") == "0");
    // 9 = 6 + 3: Thôn Tây's "<5" would follow from the total, so Thôn Đông is hidden too.
    CHECK(text(json->getObject("by_village"), "Thôn Tây") == "<5");
    CHECK(text(json->getObject("by_village"), "Thôn Đông") == "x");
    CHECK(text(json->getObject("by_sex"), "male") == "<5");
    CHECK(text(json->getObject("by_sex"), "female") == "x");
    CHECK(text(json->getObject("by_sex"), "other") == "0");
    // Two "<5" cells (2 and 1) hide each other: 30–59 stays shown.
    const auto ages = json->getObject("by_age_band");
    CHECK(text(ages, "30-59") == "6");
    CHECK(text(ages, "12-15") == "<5");
    CHECK(text(ages, "60+") == "<5");
    CHECK(text(ages, "18-29") == "0");
    CHECK(text(json->getObject("perpetrators_by_sex"), "female") == "<5");
    CHECK(text(json->getObject("perpetrators_by_sex"), "male") == "x");
    CHECK(text(json->getObject("by_relationship"), "spouse") == "6");
    CHECK(text(json->getObject("by_relationship"), "parent") == "<5");
    CHECK(text(json->getObject("by_relationship"), "child") == "<5");
    const auto agencies = json->getObject("by_agency");
    CHECK(text(agencies, "union") == "6");
    CHECK(text(agencies, "justice") == "5");
    CHECK(text(agencies, "school") == "<5");
    CHECK(text(agencies, "police") == "<5");
    const auto delay = json->getObject("reporting_delay");
    CHECK(text(delay, "0-3") == "6");
    CHECK(text(delay, "15-30") == "<5");
    CHECK(text(delay, "over_30") == "<5");
    CHECK(text(delay, "4-5") == "0");
    const auto support = json->getObject("support");
    CHECK(text(support, "counselling") == "6");
    CHECK(text(support, "shelter") == "<5");
    CHECK(text(support, "health_care") == "<5");
    CHECK(text(json->getObject("mediation"), "agreed") == "5");
    // One legal aid in all: its total is "<5" too, so the one "<5" cell cannot be pinned.
    CHECK(text(json->getObject("legal_aid"), "advice") == "<5");
    CHECK(text(json->getObject("legal_aid"), "representation") == "0");
    // 6 referrals = 5 accepted + 1 declined: hiding 5 as "x" (at least 5) would still pin the
    // "<5" to 1, so the whole table is withheld.
    CHECK(text(json->getObject("referrals"), "declined") == "x");
    CHECK(text(json->getObject("referrals"), "accepted") == "x");
    CHECK(text(json->getObject("referrals"), "waiting") == "x");
    CHECK(text(json->getObject("interventions"), "summons") == "0");
    const auto timeliness = json->getObject("timeliness");
    CHECK(text(timeliness, "cases_with_first_action") == "6");
    CHECK(timeliness->getValue<double>("median_days_to_first_action") == 0.0);
}

TEST_CASE("report: cases closed count by their coded reason, a bad code is refused",
          "[api][report]") {
    Fixture f;
    // The three cases the school and the police opened, each with only its opener's stage.
    std::vector<std::pair<std::string, const Login*>> closable;
    for (const Login* who : {&f.school, &f.police}) {
        Reply mine = f.server.call(*who, "GET", "/api/v1/cases?limit=50");
        REQUIRE(mine.status == 200);
        const auto items = jsonOf(mine)->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i)
            closable.emplace_back(items->getObject(i)->get("id").toString(), who);
    }
    REQUIRE(closable.size() == 3);
    const std::string codes[] = {"moved_away", "moved_away", "resolved"};
    for (std::size_t i = 0; i < closable.size(); ++i) {
        const auto& [id, who] = closable[i];
        const std::string agency = who == &f.school ? "school" : "police";
        const std::string path = "/api/v1/cases/" + id;
        REQUIRE(f.server
                    .call(*who, "POST", path + "/stages/" + agency + "/complete",
                          R"({"summary":"SUMMARYMARK xong"})")
                    .status == 200);
        Reply bad = f.server.call(*who, "POST", path + "/close",
                                  R"({"reason":"REASONMARK","reason_code":"went_away"})");
        CHECK(bad.status == 400);
        CHECK(bad.body.find(R"("field":"reason_code")") != std::string::npos);
        Reply closed =
            f.server.call(*who, "POST", path + "/close",
                          R"({"reason":"REASONMARK đã xong","reason_code":")" + codes[i] + R"("})");
        INFO(closed.body);
        REQUIRE(closed.status == 200);
        CHECK(text(jsonOf(closed), "closure_reason_code") == codes[i]);
        CHECK(text(jsonOf(f.server.call(*who, "GET", path)), "closure_reason_code") == codes[i]);
    }
    Reply r = f.server.call(f.social, "GET", "/api/v1/reports/summary");
    REQUIRE(r.status == 200);
    checkNoIdentity(r.body);
    const auto json = jsonOf(r);
    CHECK(text(json->getObject("totals"), "closed") == "<5");
    const auto closed = json->getObject("closed_by_reason");
    CHECK(text(closed, "moved_away") == "<5");
    CHECK(text(closed, "resolved") == "<5");
    CHECK(text(closed, "unspecified") == "0");
    CHECK(text(closed, "transferred") == "0");
}

TEST_CASE(
    "report: an export counts only cases whose consent allows statistics, and periods are "
    "checked",
    "[api][report]") {
    Fixture f;
    Reply r = f.server.call(f.oversight, "GET", "/api/v1/reports/summary?purpose=export");
    REQUIRE(r.status == 200);
    const auto json = jsonOf(r);
    CHECK(text(json->getObject("header"), "purpose") == "export");
    CHECK(text(json->getObject("totals"), "cases") == "6");
    CHECK(text(json->getObject("by_sex"), "female") == "6");
    CHECK(text(json->getObject("by_sex"), "male") == "0");
    CHECK(text(json->getObject("by_village"), "Thôn Đông") == "6");
    CHECK_FALSE(json->getObject("by_village")->has("Thôn Tây"));

    const std::string year = vietnamDateIn(0).substr(0, 4);
    Reply old =
        f.server.call(f.leader, "GET", "/api/v1/reports/summary?from=2001-01-01&to=2001-12-31");
    REQUIRE(old.status == 200);
    CHECK(text(jsonOf(old)->getObject("totals"), "cases") == "0");
    CHECK(f.server
              .call(f.leader, "GET",
                    "/api/v1/reports/summary?from=" + year + "-12-31&to=" + year + "-01-01")
              .status == 400);
    Reply bad = f.server.call(f.leader, "GET", "/api/v1/reports/summary?from=2025-02-30");
    CHECK(bad.status == 400);
    CHECK(bad.body.find(R"("field":"from")") != std::string::npos);
    CHECK(f.server.call(f.leader, "GET", "/api/v1/reports/summary?purpose=research").status == 400);
}

TEST_CASE("report: CSV and printable page carry the same figures and no identity",
          "[api][report]") {
    Fixture f;
    Reply csv = f.server.call(f.leader, "GET", "/api/v1/reports/summary.csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.header("Content-Type").find("text/csv") == 0);
    CHECK(csv.header("Content-Disposition").find("attachment; filename=\"bao-cao-HP-") == 0);
    REQUIRE(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
    checkNoIdentity(csv.body);
    const auto rows = parseCsv(csv.body.substr(3));
    REQUIRE(rows.size() > 30);
    CHECK(rows[0] == std::vector<std::string>{"Nhóm chỉ tiêu", "Mã", "Chỉ tiêu", "Số liệu"});
    std::map<std::string, std::string> value;
    for (const auto& row : rows) {
        REQUIRE(row.size() == 4);
        value[row[1]] = row[3];
    }
    CHECK(value["report.commune"] == "Xã Hòa Phong (HP)");
    CHECK(value["report.recipient"] == "UBND tỉnh Hưng Yên");
    CHECK(value["totals.cases"] == "9");
    CHECK(value["by_sex.male"] == "<5");
    CHECK(value["by_sex.female"] == "x");
    CHECK(value["by_age_band.30-59"] == "6");
    CHECK(value["support.counselling"] == "6");
    for (const auto& [code, v] : value)
        if (!v.empty() && v.find_first_not_of("0123456789") == std::string::npos) {
            INFO(code);
            CHECK((std::stoll(v) == 0 || std::stoll(v) >= 5 || code.rfind("report.", 0) == 0));
        }

    Reply page = f.server.call(f.oversight, "GET", "/reports/print");
    REQUIRE(page.status == 200);
    CHECK(page.header("Content-Type").find("text/html") == 0);
    CHECK(page.header("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
    checkNoIdentity(page.body);
    CHECK(page.body.find("<script") == std::string::npos);
    CHECK(page.body.find("style=") == std::string::npos);
    CHECK(page.body.find("<style") == std::string::npos);
    CHECK(page.body.find("href=\"/ui/report.css\"") != std::string::npos);
    CHECK(page.body.find("<svg") != std::string::npos);
    CHECK(page.body.find("UBND tỉnh Hưng Yên") != std::string::npos);
    CHECK(f.server.call(f.oversight, "GET", "/ui/report.css").status == 200);

    // The reads are on the record (DESIGN.md §3: every export is audited).
    Reply audit = f.server.call(f.oversight, "GET", "/api/v1/audit?limit=20");
    REQUIRE(audit.status == 200);
    CHECK(audit.body.find(R"("action":"report.read")") != std::string::npos);
}

TEST_CASE("report: social, leader and oversight may read it, others get 403, strangers 401",
          "[api][report]") {
    TestServer server;
    const std::vector<std::pair<std::string, int>> roles = {
        {"police", 403}, {"justice", 403}, {"union", 403},     {"school", 403},
        {"social", 200}, {"leader", 200},  {"oversight", 200}, {"admin", 403}};
    for (const auto& [role, status] : roles) {
        Login who = role == "admin" ? server.loginAdmin() : server.addUser("r." + role, role);
        for (const char* path :
             {"/api/v1/reports/summary", "/api/v1/reports/summary.csv", "/reports/print"}) {
            INFO(role << " " << path);
            CHECK(server.call(who, "GET", path).status == status);
        }
    }
    CHECK(server.get("/api/v1/reports/summary").status == 401);
    CHECK(server.get("/reports/print").status == 401);
}
