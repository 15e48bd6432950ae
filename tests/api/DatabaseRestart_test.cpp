// Issue 17: an instance survives its database. A PostgreSQL restart (pg_ctl restart: every
// connection dies) while the instance is idle — its background threads (the audit checkpointer
// polls every second) are the first to meet the dead connections — and while it is writing:
// the process keeps running, answers again within 10 s without a restart, and every write it
// acknowledged is in the database. The test runs its own throw-away cluster, so restarting it
// disturbs no other test.
#include <Poco/Process.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "api/TestServer.h"
#include "fixtures/people.h"

using binhan::testing::jsonField;
using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;

namespace {

std::string clusterScript() {
    return std::string(BINHAN_SOURCE_DIR) + "/tests/support/postgresql-cluster";
}

int runScript(const std::string& action, const std::string& dir) {
    Poco::ProcessHandle handle = Poco::Process::launch(clusterScript(), {action, dir});
    return handle.wait();
}

// A cluster of this test's own, named by BINHAN_TEST_POSTGRESQL_DIR for the TestServers made
// while it lives (the variable is this test process's own).
struct OwnCluster {
    std::string dir;
    std::string previous;
    OwnCluster() {
        dir = (std::filesystem::temp_directory_path() /
               ("binhan-restart-" + std::to_string(::getpid())))
                  .string();
        REQUIRE(runScript("start", dir) == 0);
        if (const char* p = std::getenv("BINHAN_TEST_POSTGRESQL_DIR")) previous = p;
        ::setenv("BINHAN_TEST_POSTGRESQL_DIR", dir.c_str(), 1);
    }
    ~OwnCluster() {
        runScript("stop", dir);
        ::setenv("BINHAN_TEST_POSTGRESQL_DIR", previous.c_str(), 1);
    }
    void restart() { REQUIRE(runScript("restart", dir) == 0); }
};

// GETs `path` until it answers 200 or `seconds` pass; the seconds it took, or -1.
double secondsUntilServing(TestServer& server, const Login& who, const std::string& path,
                           int seconds) {
    const auto started = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - started < std::chrono::seconds(seconds)) {
        try {
            const Reply r = server.call(who, "GET", path);
            if (r.status == 200)
                return std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                    .count();
            CHECK(r.status == 503);        // "try again", never a half-done answer
        } catch (const std::exception&) {  // the answer never came: the process is in trouble
            FAIL_CHECK("no answer from the server");
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return -1;
}

}  // namespace

TEST_CASE(
    "issue 17: a database restart while idle and while writing: the instance keeps "
    "serving and loses no acknowledged write",
    "[api][postgresql][restart]") {
    OwnCluster cluster;
    TestServer server;
    REQUIRE(server.onPostgreSQL());
    const Login hoa = server.addUser("canbo.hoa", "union");
    Reply created = server.call(hoa, "POST", "/api/v1/cases", binhan::fixtures::adultCaseJson());
    REQUIRE(created.status == 201);
    const std::string path = "/api/v1/cases/" + jsonField(created.body, "id");

    // Idle: the background threads meet the dead connections first.
    cluster.restart();
    std::this_thread::sleep_for(std::chrono::seconds(3));  // several checkpointer rounds
    REQUIRE(server.running());
    const double back = secondsUntilServing(server, hoa, path, 10);
    CHECK(back >= 0);
    REQUIRE(server.running());

    // Writing: cases opened without pause while the database restarts.
    std::atomic<bool> stop{false};
    std::vector<std::string> acknowledged;
    int refused = 0;
    std::atomic<int> unanswered{0};
    std::thread writer([&] {
        for (int i = 0; !stop && i < 2000; ++i) {
            Reply r;
            try {
                r = server.call(hoa, "POST", "/api/v1/cases",
                                binhan::fixtures::adultCaseJson("Lê Thị Mai"));
            } catch (const std::exception&) {  // no answer in 30 s: counted, checked below
                ++unanswered;
                continue;
            }
            if (r.status == 201)
                acknowledged.push_back(jsonField(r.body, "id"));
            else
                ++refused;  // 503 while the database is away: not acknowledged
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    cluster.restart();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    stop = true;
    writer.join();
    REQUIRE(server.running());
    const double again = secondsUntilServing(server, hoa, path, 10);
    if (again < 0)
        WARN(server.logText().substr(server.logText().size() > 6000 ? server.logText().size() - 6000
                                                                    : 0));
    CHECK(again >= 0);
    INFO(acknowledged.size() << " acknowledged, " << refused << " refused");
    INFO(server.logText().substr(server.logText().size() > 3000 ? server.logText().size() - 3000
                                                                : 0));
    CHECK(unanswered == 0);
    CHECK(acknowledged.size() > 0);
    for (const auto& id : acknowledged) {
        const auto rows = server.query("SELECT COUNT(*) FROM cases WHERE id = " + id);
        CHECK(rows[0][0] == "1");  // every acknowledged write is there
    }
    CHECK(server.call(hoa, "GET", "/api/v1/audit/verify").status == 403);  // union: not its own
    REQUIRE(server.terminate() == 0);
}
