// Black-box tests of encrypted case records (issue 4): the case of API.md over HTTPS, field
// views per role, search across diacritics and phone formats, no identity in lists, nothing in
// clear on disk, and ciphertext bound to its case and field.
#include <Poco/URI.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/TestServer.h"
#include "fixtures/people.h"

using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;
namespace fixtures = binhan::fixtures;

namespace {

std::string idOf(const Reply& r) {
    const auto at = r.body.find(R"("id":)");
    return r.body.substr(at + 5, r.body.find_first_of(",}", at) - at - 5);
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void sql(const std::string& dbPath, const std::string& statement) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(dbPath.c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error);
    INFO((error ? error : ""));
    sqlite3_free(error);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

// Flips one bit of byte `at` of a sealed field, as a disk error or an attacker might.
void flipBit(const std::string& dbPath, const std::string& caseId, const std::string& field,
             int at) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(dbPath.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* read = nullptr;
    sqlite3_prepare_v2(
        db, ("SELECT value FROM case_fields WHERE case_id = " + caseId + " AND field = ?").c_str(),
        -1, &read, nullptr);
    sqlite3_bind_text(read, 1, field.c_str(), -1, SQLITE_TRANSIENT);
    REQUIRE(sqlite3_step(read) == SQLITE_ROW);
    const auto* bytes = static_cast<const unsigned char*>(sqlite3_column_blob(read, 0));
    std::vector<unsigned char> value(bytes, bytes + sqlite3_column_bytes(read, 0));
    sqlite3_finalize(read);
    value.at(static_cast<std::size_t>(at)) ^= 0x01;
    sqlite3_stmt* write = nullptr;
    sqlite3_prepare_v2(
        db,
        ("UPDATE case_fields SET value = ? WHERE case_id = " + caseId + " AND field = ?").c_str(),
        -1, &write, nullptr);
    sqlite3_bind_blob(write, 1, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(write, 2, field.c_str(), -1, SQLITE_TRANSIENT);
    REQUIRE(sqlite3_step(write) == SQLITE_DONE);
    sqlite3_finalize(write);
    sqlite3_close(db);
}

}  // namespace

TEST_CASE("an agency opens a case and reads it back whole, with code and stage", "[api][cases]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Reply created = server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson());
    REQUIRE(created.status == 201);
    CHECK(created.body.find(R"("code":"HP-)") != std::string::npos);
    CHECK(created.body.find(R"("status":"open")") != std::string::npos);
    CHECK(created.body.find(R"("union":{"status":"active")") != std::string::npos);
    Reply read = server.call(hoa, "GET", "/api/v1/cases/" + idOf(created));
    REQUIRE(read.status == 200);
    for (const char* text :
         {"Nguyễn Thị Hoà", "0912 345 678", "034190001234", "Trần Văn Namm", "NARRATIVEMARK",
          "bầm tím tay", R"("child":false)", R"("risk":"medium")"})
        CHECK(read.body.find(text) != std::string::npos);
}

TEST_CASE("case codes are numbered per commune and year", "[api][cases]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Reply first = server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson());
    Reply second =
        server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson("Phạm Thị Lan"));
    CHECK(first.body.find("-0001\"") != std::string::npos);
    CHECK(second.body.find("-0002\"") != std::string::npos);
}

TEST_CASE("a child case is marked and needs a guardian's consent", "[api][cases]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Reply child = server.call(hoa, "POST", "/api/v1/cases", fixtures::childCaseJson());
    REQUIRE(child.status == 201);
    CHECK(child.body.find(R"("child":true)") != std::string::npos);
    std::string bySurvivor = fixtures::childCaseJson();
    bySurvivor.replace(bySurvivor.find(R"("given_by":"guardian")"), 21, R"("given_by":"survivor")");
    Reply refused = server.call(hoa, "POST", "/api/v1/cases", bySurvivor);
    CHECK(refused.status == 400);
    CHECK(refused.body.find(R"("field":"consent.given_by")") != std::string::npos);
}

TEST_CASE("invalid input gets 400 naming the field", "[api][cases][validation]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    const std::string good = fixtures::adultCaseJson();
    const std::vector<std::pair<std::pair<std::string, std::string>, std::string>> cases = {
        {{R"("birth_year":1990)", R"("birth_year":"1990")"}, "survivor.birth_year"},
        {{R"("sex":"female")", R"("sex":"woman")"}, "survivor.sex"},
        {{R"("date":"2024-05-01")", R"("date":"2024-02-30")"}, "incident.date"},
        {{R"("date":"2024-05-01")", R"("date":"2099-01-01")"}, "incident.date"},
        {{R"("types":["physical","psychological"])", R"("types":[])"}, "incident.types"},
        {{R"("relationship":"spouse")", R"("relationship":"boss")"},
         "perpetrators[0].relationship"},
        {{R"("risk":"medium")", R"("risk":"extreme")"}, "risk"},
        {{R"("birth_year":1990)", R"("birth_year":2030)"}, "survivor.birth_year"},
    };
    for (const auto& [edit, field] : cases) {
        std::string body = good;
        body.replace(body.find(edit.first), edit.first.size(), edit.second);
        Reply r = server.call(hoa, "POST", "/api/v1/cases", body);
        INFO(edit.second);
        CHECK(r.status == 400);
        CHECK(r.body.find(R"("field":")" + field + "\"") != std::string::npos);
    }
    CHECK(server.call(hoa, "POST", "/api/v1/cases", "not json").status == 400);
}

TEST_CASE("lists never show names, search finds across diacritics and phone formats",
          "[api][cases][search]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    REQUIRE(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson()).status == 201);
    REQUIRE(server
                .call(hoa, "POST", "/api/v1/cases",
                      fixtures::adultCaseJson("Phạm Thị Lan", "0977000111"))
                .status == 201);
    Reply all = server.call(hoa, "GET", "/api/v1/cases");
    REQUIRE(all.status == 200);
    CHECK(all.body.find("HP-") != std::string::npos);
    for (const char* secret : {"Hoà", "Lan", "0912", "034190001234", "NARRATIVEMARK", "Namm"})
        CHECK(all.body.find(secret) == std::string::npos);
    const auto hits = [&](const std::string& q) {
        Poco::URI uri("/api/v1/cases");
        uri.addQueryParameter("q", q);
        Reply r = server.call(hoa, "GET", uri.toString());
        REQUIRE(r.status == 200);
        int n = 0;
        for (auto at = r.body.find(R"("code":)"); at != std::string::npos;
             at = r.body.find(R"("code":)", at + 1))
            ++n;
        return n;
    };
    CHECK(hits("nguyen thi hoa") == 1);
    CHECK(hits("Hoà") == 1);
    CHECK(hits("Hòa") == 1);
    CHECK(hits("NGUYỄN THỊ HOÀ") == 1);
    CHECK(hits("0912 345 678") == 1);
    CHECK(hits("+84912345678") == 1);
    CHECK(hits("034190001234") == 2);  // both made-up survivors carry the same ID number
    CHECK(hits("thi") == 2);
    CHECK(hits("tran van namm") == 2);  // the perpetrator of both
    CHECK(hits("nguyen lan") == 0);
    CHECK(server.call(hoa, "GET", "/api/v1/cases?q=%20%20").status == 400);
}

TEST_CASE("a case is invisible (404) to an agency it was not shared with", "[api][cases][policy]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Login police = server.addUser("canbo.congan", "police");
    Reply created = server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson());
    const std::string path = "/api/v1/cases/" + idOf(created);
    CHECK(server.call(police, "GET", path).status == 404);
    CHECK(server.call(police, "GET", "/api/v1/cases/999999").status == 404);
    CHECK(server.call(police, "GET", path).body ==
          server.call(police, "GET", "/api/v1/cases/999999").body);
    CHECK(server.call(police, "GET", "/api/v1/cases").body.find("HP-") == std::string::npos);
    CHECK(server.call(police, "PATCH", path, R"({"risk":"low"})").status == 404);
}

TEST_CASE("the school sees no perpetrator phone or ID number", "[api][cases][policy]") {
    TestServer server;
    Login school = server.addUser("giaovien.an", "school");
    Reply created = server.call(school, "POST", "/api/v1/cases", fixtures::adultCaseJson());
    REQUIRE(created.status == 201);
    Reply read = server.call(school, "GET", "/api/v1/cases/" + idOf(created));
    REQUIRE(read.status == 200);
    CHECK(read.body.find("Trần Văn Namm") != std::string::npos);
    CHECK(read.body.find("0987654321") == std::string::npos);
    CHECK(read.body.find("034185009876") == std::string::npos);
}

TEST_CASE("PATCH corrects a case and re-indexes it", "[api][cases]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Reply created = server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson());
    const std::string path = "/api/v1/cases/" + idOf(created);
    Reply patched = server.call(
        hoa, "PATCH", path, R"({"survivor":{"full_name":"Nguyễn Thị Hồng"},"risk":"critical"})");
    REQUIRE(patched.status == 200);
    CHECK(patched.body.find("Nguyễn Thị Hồng") != std::string::npos);
    CHECK(patched.body.find(R"("risk":"critical")") != std::string::npos);
    CHECK(server.call(hoa, "GET", "/api/v1/cases?q=nguyen%20thi%20hong").body.find("HP-") !=
          std::string::npos);
    CHECK(server.call(hoa, "GET", "/api/v1/cases?q=nguyen%20thi%20hoa").body.find("HP-") ==
          std::string::npos);
    Reply bad = server.call(hoa, "PATCH", path, R"({"survivor":{"sex":"x"}})");
    CHECK(bad.status == 400);
    CHECK(bad.body.find(R"("field":"survivor.sex")") != std::string::npos);
}

TEST_CASE("recusal: the recused user gets 404 from then on", "[api][cases][recusal]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Reply created = server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson());
    const std::string path = "/api/v1/cases/" + idOf(created);
    CHECK(server.call(hoa, "POST", path + "/recusals", R"({"reason":"Hàng xóm của nạn nhân"})")
              .status == 201);
    CHECK(server.call(hoa, "GET", path).status == 404);
    CHECK(server.call(hoa, "GET", "/api/v1/cases").body.find("HP-") == std::string::npos);
}

TEST_CASE("break-glass: the chair needs a reason, then sees the case for a limited time",
          "[api][cases][breakglass]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Login chair = server.addUser("chu.tich", "leader");
    Reply created = server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson());
    const std::string path = "/api/v1/cases/" + idOf(created);
    CHECK(server.call(chair, "GET", path).status == 404);
    CHECK(server.call(chair, "POST", path + "/break-glass", R"({"reason":"gấp"})").status == 400);
    Reply glass = server.call(chair, "POST", path + "/break-glass",
                              R"({"reason":"Nạn nhân đang gặp nguy hiểm tối nay"})");
    REQUIRE(glass.status == 200);
    CHECK(glass.body.find(R"("ends_at":")") != std::string::npos);
    Reply read = server.call(chair, "GET", path);
    CHECK(read.status == 200);
    CHECK(read.body.find("Nguyễn Thị Hoà") != std::string::npos);
    CHECK(server.logText().find("BREAK-GLASS") != std::string::npos);
    CHECK(
        server
            .call(hoa, "POST", path + "/break-glass", R"({"reason":"Nạn nhân đang gặp nguy hiểm"})")
            .status == 403);
}

TEST_CASE("the database and its WAL hold no name, phone, ID or narrative in clear",
          "[api][cases][encryption][sqlite]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    for (int i = 0; i < 3; ++i)
        REQUIRE(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson()).status == 201);
    std::string files;
    for (const char* suffix : {"", "-wal", "-shm"})
        files += slurp(server.dataDir() + "/binhan.db" + suffix);
    CHECK(files.size() > 10000);
    for (const char* secret :
         {"Nguyễn Thị Hoà", "Trần Văn Namm", "0912 345 678", "0912345678", "034190001234",
          "0987654321", "034185009876", "NARRATIVEMARK", "bầm tím tay"})
        CHECK(files.find(secret) == std::string::npos);
    server.terminate(true);  // checkpointed into the main file on a clean stop
    const std::string db = slurp(server.dataDir() + "/binhan.db");
    CHECK(db.find("NARRATIVEMARK") == std::string::npos);
    CHECK(db.find("Nguyễn Thị Hoà") == std::string::npos);
}

TEST_CASE("a ciphertext moved to another case or field, or a flipped bit, does not decrypt",
          "[api][cases][encryption][sqlite]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    const std::string a =
        idOf(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson()));
    const std::string b =
        idOf(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson("Phạm Thị Lan")));
    server.terminate(true);
    const std::string db = server.dataDir() + "/binhan.db";
    // Case b's name now holds case a's sealed name; case a's phone holds its own name.
    sql(db, "UPDATE case_fields SET value = (SELECT value FROM case_fields WHERE case_id = " + a +
                " AND field = 'survivor.full_name') WHERE case_id = " + b +
                " AND field = 'survivor.full_name'");
    server.start();
    Reply moved = server.call(server.login("canbo.hoa", fixtures::kUserPassword), "GET",
                              "/api/v1/cases/" + b);
    CHECK(moved.status == 500);
    CHECK(moved.body.find("Nguyễn") == std::string::npos);
    server.terminate(true);
    sql(db, "UPDATE case_fields SET value = (SELECT value FROM case_fields WHERE case_id = " + a +
                " AND field = 'survivor.full_name') WHERE case_id = " + a +
                " AND field = 'survivor.phone'");
    server.start();
    Login again = server.login("canbo.hoa", fixtures::kUserPassword);
    CHECK(server.call(again, "GET", "/api/v1/cases/" + a).status == 500);
    server.terminate(true);
    sql(db, "UPDATE case_fields SET value = (SELECT value FROM case_fields WHERE case_id = " + b +
                " AND field = 'survivor.phone') WHERE case_id = " + a +
                " AND field = 'survivor.phone'");
    flipBit(db, b, "incident.description", 20);
    server.start();
    CHECK(
        server.call(server.login("canbo.hoa", fixtures::kUserPassword), "GET", "/api/v1/cases/" + b)
            .status == 500);
    CHECK(server.logText().find("integrity") != std::string::npos);
}
