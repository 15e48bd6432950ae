// Black-box tests of master key rotation and retention (issue 9).
// Rotation: `binhan keys rotate` while `binhan serve` answers reads and opens cases, and a
// rotation killed with SIGKILL half-way and run again; afterwards every case is readable by a
// freshly started server (which no longer holds the retired version), the old version is
// retired and the audit log intact.
// Retention: closed cases past retention.years_after_closure are erased by destroying their
// key — by hand with `binhan retention run` while the server runs, and by the daily job of
// `binhan serve` — answering as erased afterwards, with the erasure in the ledger and the audit
// log, the audit chain intact and open cases untouched.
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

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

std::string openCase(TestServer& server, const Login& who) {
    const Reply r = server.call(who, "POST", "/api/v1/cases", fixtures::adultCaseJson());
    REQUIRE(r.status == 201);
    return idOf(r);
}

std::vector<std::string> openCases(TestServer& server, const Login& who, int n) {
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) ids.push_back(openCase(server, who));
    return ids;
}

std::string closedCase(TestServer& server, const Login& who) {
    const std::string id = openCase(server, who);
    const std::string path = "/api/v1/cases/" + id;
    REQUIRE(server.call(who, "POST", path + "/stages/union/complete", R"({"summary":"Đã hỗ trợ"})")
                .status == 200);
    REQUIRE(
        server.call(who, "POST", path + "/close", R"({"reason":"Nạn nhân đã an toàn"})").status ==
        200);
    return id;
}

std::pair<int, std::string> cli(TestServer& server, std::vector<std::string> args) {
    const auto base = server.baseArgs();
    args.insert(args.end(), base.begin(), base.end());
    return binhan::testing::runBinhan(args);
}

// The rows of a two-column query (text, count) on the server's database, as a map.
std::map<std::string, int> countsOf(const TestServer& server, const std::string& sql) {
    std::map<std::string, int> out;
    for (const auto& row : server.query(sql))
        if (row.size() == 2 && !row[0].empty()) out[row[0]] = std::stoi(row[1]);
    return out;
}

// Master key version → how many live case keys it wraps.
std::map<std::string, int> keysByVersion(const TestServer& server) {
    return countsOf(server,
                    "SELECT data_key_version, COUNT(*) FROM cases WHERE data_key IS NOT NULL "
                    "GROUP BY 1");
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string keyFileText(const TestServer& server) {
    return slurp(server.dataDir() + "/master.key");
}

void requireErasedAndAudited(TestServer& server, const Login& who, const std::string& id,
                             const std::string& role) {
    CHECK(server.call(who, "GET", "/api/v1/cases/" + id).status == 404);
    CHECK(slurp(server.dataDir() + "/erasures").find("v1 " + id + " HP-") != std::string::npos);
    const auto erasures = countsOf(
        server, "SELECT role, COUNT(*) FROM audit_log WHERE action = 'case.erase' AND case_id = " +
                    id + " AND detail = 'reason: retention' GROUP BY 1");
    CHECK(erasures == std::map<std::string, int>{{role, 1}});
    // Statistics stay: the case row keeps its plaintext columns, only the key is gone.
    CHECK(countsOf(server,
                   "SELECT types, COUNT(*) FROM cases WHERE data_key IS NULL AND id = " + id +
                       " GROUP BY 1") == std::map<std::string, int>{{"physical,psychological", 1}});
    const auto [code, text] = cli(server, {"audit", "verify"});
    CHECK(code == 0);
    CHECK(text.find("audit log intact") != std::string::npos);
}

void requireAllReadable(TestServer& server, const Login& who, const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
        INFO("case " << id);
        CHECK(server.call(who, "GET", "/api/v1/cases/" + id).status == 200);
    }
}

// After a restart the server holds only what the key file holds: a key still wrapped under
// the retired version would now fail to open.
void restartAndRequireAllReadable(TestServer& server, const std::vector<std::string>& ids) {
    REQUIRE(server.terminate() == 0);
    server.start();
    requireAllReadable(server, server.login("canbo.hoa", fixtures::kUserPassword), ids);
}

void requireRetiredAndAudited(TestServer& server) {
    const std::string keys = keyFileText(server);
    CHECK(keys.find("\nkey 1 ") != std::string::npos);        // the derivation root stays …
    CHECK(keys.find(" derive-only\n") != std::string::npos);  // … for derivation only
    CHECK(keys.find("\nkey 2 ") != std::string::npos);
    const auto versions = keysByVersion(server);
    CHECK(versions.size() == 1);
    CHECK(versions.count("2") == 1);
    const auto [code, text] = cli(server, {"audit", "verify"});
    CHECK(code == 0);
    CHECK(text.find("audit log intact") != std::string::npos);
    const auto audited = countsOf(server,
                                  "SELECT action, COUNT(*) FROM audit_log WHERE role = 'console' "
                                  "AND action LIKE 'key.%' GROUP BY 1");
    CHECK(audited.count("key.rotate") == 1);
    CHECK(audited.count("key.retire") == 1);
}

// Starts `binhan keys rotate` one case key per batch, and kills it with SIGKILL as soon as it
// reports the first batch of `total` done (it rests 400 ms after each).
void killRotationAfterFirstBatch(TestServer& server, int total) {
    auto args = server.baseArgs();
    args.insert(args.begin(), {"keys", "rotate", "--batch", "1", "--pause", "400"});
    Poco::Pipe out;
    Poco::ProcessHandle rotation = Poco::Process::launch(BINHAN_BINARY, args, nullptr, &out, &out);
    Poco::PipeInputStream stream(out);
    const std::string first = "re-wrapped 1 of " + std::to_string(total);
    std::string line, seen;
    while (std::getline(stream, line)) {
        seen += line + "\n";
        if (line.rfind(first, 0) == 0) break;
    }
    ::kill(rotation.id(), SIGKILL);
    rotation.wait();
    INFO(seen);
    REQUIRE(seen.find(first) != std::string::npos);
}

}  // namespace

TEST_CASE("keys rotate while the server reads and opens cases, nothing is unreadable",
          "[api][ops][rotation]") {
    TestServer server;
    const Login hoa = server.addUser("canbo.hoa", "union");
    std::vector<std::string> ids = openCases(server, hoa, 10);

    std::atomic<bool> stop{false};
    std::atomic<int> reads{0}, failures{0};
    std::thread reader([&] {
        for (std::size_t i = 0; !stop; ++i) {
            const int status = server.call(hoa, "GET", "/api/v1/cases/" + ids[i % 10]).status;
            ++(status == 200 ? reads : failures);
        }
    });
    std::vector<std::string> openedMeanwhile;
    std::thread opener([&] {
        while (!stop && openedMeanwhile.size() < 20) {
            const Reply r = server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson());
            if (r.status == 201)
                openedMeanwhile.push_back(idOf(r));
            else
                ++failures;
            std::this_thread::sleep_for(std::chrono::milliseconds(40));
        }
    });
    const auto [code, text] = cli(server, {"keys", "rotate", "--batch", "2", "--pause", "40"});
    stop = true;
    reader.join();
    opener.join();
    INFO(text);
    CHECK(code == 0);
    CHECK(text.find("added master key version 2") != std::string::npos);
    CHECK(text.find("retired master key version 1") != std::string::npos);
    CHECK(failures == 0);
    CHECK(reads > 0);
    CHECK_FALSE(openedMeanwhile.empty());
    ids.insert(ids.end(), openedMeanwhile.begin(), openedMeanwhile.end());
    requireAllReadable(server, hoa, ids);
    // A case opened after the retirement is wrapped under version 2 by the running server.
    ids.push_back(openCases(server, hoa, 1)[0]);
    requireRetiredAndAudited(server);
    restartAndRequireAllReadable(server, ids);
}

TEST_CASE("keys rotate killed with SIGKILL half-way: cases stay readable, the next run finishes",
          "[api][ops][rotation]") {
    TestServer server;
    const Login hoa = server.addUser("canbo.hoa", "union");
    const std::vector<std::string> ids = openCases(server, hoa, 8);

    killRotationAfterFirstBatch(server, 8);

    const auto mixed = keysByVersion(server);  // some keys moved, most not
    REQUIRE(mixed.size() == 2);
    CHECK(mixed.at("1") >= 5);
    CHECK(mixed.at("2") >= 1);
    CHECK(mixed.at("1") + mixed.at("2") == 8);
    CHECK(keyFileText(server).find("derive-only") == std::string::npos);  // nothing retired
    requireAllReadable(server, hoa, ids);

    const auto [code, text] = cli(server, {"keys", "rotate"});
    INFO(text);
    CHECK(code == 0);
    CHECK(text.find("resumed the rotation to master key version 2") != std::string::npos);
    CHECK(text.find("retired master key version 1") != std::string::npos);
    CHECK(keysByVersion(server) == std::map<std::string, int>{{"2", 8}});
    requireAllReadable(server, hoa, ids);
    requireRetiredAndAudited(server);
    restartAndRequireAllReadable(server, ids);
}

TEST_CASE("keys rotate refuses bad options with the usage exit code", "[api][ops][rotation]") {
    TestServer server({}, false);
    CHECK(cli(server, {"keys", "rotate", "--batch", "0"}).first == 64);
    CHECK(cli(server, {"keys", "spin"}).first == 64);
    CHECK(keyFileText(server).find("\nkey 2 ") == std::string::npos);
}

TEST_CASE("retention run erases closed cases past the period while the server runs",
          "[api][ops][retention]") {
    TestServer server;
    const Login hoa = server.addUser("canbo.hoa", "union");
    const std::string closed = closedCase(server, hoa);
    const std::string open = openCase(server, hoa);

    auto [kept, keptText] = cli(server, {"retention", "run"});  // default: 5 years
    CHECK(kept == 0);
    CHECK(keptText.find("retention: 0 closed case(s) erased") != std::string::npos);
    CHECK(server.call(hoa, "GET", "/api/v1/cases/" + closed).status == 200);

    // A period of 0 years makes every closed case due now.
    auto [code, text] =
        cli(server, {"retention", "run", "--set", "retention.years_after_closure=0"});
    INFO(text);
    CHECK(code == 0);
    CHECK(text.find("retention: 1 closed case(s) erased") != std::string::npos);
    requireErasedAndAudited(server, hoa, closed, "console");
    CHECK(server.call(hoa, "GET", "/api/v1/cases/" + open).status == 200);
    const Reply verify = server.call(server.loginAdmin(), "GET", "/api/v1/audit/verify");
    CHECK(verify.body.find(R"("ok":true)") != std::string::npos);
}

TEST_CASE("the server's retention job erases due cases at start and stops cleanly",
          "[api][ops][retention]") {
    TestServer server({"retention.years_after_closure=0"});
    const Login hoa = server.addUser("canbo.hoa", "union");
    const std::string closed = closedCase(server, hoa);
    const std::string open = openCase(server, hoa);
    REQUIRE(server.terminate() == 0);
    server.start();  // the job runs at start, then daily
    const Login again = server.login("canbo.hoa", fixtures::kUserPassword);
    for (int i = 0; i < 100 && server.call(again, "GET", "/api/v1/cases/" + closed).status == 200;
         ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    requireErasedAndAudited(server, again, closed, "system");
    CHECK(server.call(again, "GET", "/api/v1/cases/" + open).status == 200);
    CHECK(server.terminate() == 0);  // SIGTERM stops the job with the server
}

TEST_CASE("backups and a retired version: refused before the rotation, warned during it",
          "[api][ops][rotation][sqlite]") {
    TestServer server;
    const Login hoa = server.addUser("canbo.hoa", "union");
    openCases(server, hoa, 4);
    const std::string before = server.dataDir() + "/before.bak",
                      during = server.dataDir() + "/during.bak";
    REQUIRE(cli(server, {"backup", before}).first == 0);
    killRotationAfterFirstBatch(server, 4);
    REQUIRE(cli(server, {"backup", during}).first == 0);  // under version 2, keys under 1 and 2
    REQUIRE(cli(server, {"keys", "rotate"}).first == 0);  // version 1 retired

    const std::string fresh = server.dataDir() + "-restored";
    auto restore = [&](const std::string& file) {
        std::filesystem::remove_all(fresh);
        std::filesystem::create_directories(fresh);
        std::filesystem::permissions(fresh, std::filesystem::perms::owner_all);
        std::filesystem::copy_file(server.dataDir() + "/master.key", fresh + "/master.key");
        return binhan::testing::runBinhan({"restore", file, "--set", "data.dir=" + fresh});
    };
    const auto [refused, refusal] = restore(before);
    CHECK(refused != 0);
    CHECK(refusal.find("retired by `binhan keys rotate`") != std::string::npos);
    const auto [warned, warning] = restore(during);
    std::filesystem::remove_all(fresh);
    INFO(warning);
    CHECK(warned == 1);
    CHECK(
        warning.find(" case key(s) are wrapped under master key version 1, which this key file no "
                     "longer holds") != std::string::npos);
}
