// Several `binhan serve` instances on one PostgreSQL database (issue 11), as a province runs them
// behind a load balancer: whatever one instance writes or decides — a case, a session, a logout,
// a lock-out — holds on every other, and their concurrent writes keep one audit chain that
// verifies. Tagged [postgresql]: they run only in the "api-postgresql" ctest run.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "api/TestServer.h"
#include "fixtures/people.h"

using binhan::testing::jsonField;
using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;
namespace fixtures = binhan::fixtures;

namespace {

std::pair<int, std::string> auditVerify(const TestServer& server) {
    auto args = server.baseArgs();
    args.insert(args.begin(), {"audit", "verify"});
    return binhan::testing::runBinhan(args);
}

}  // namespace

TEST_CASE("a case created through one instance is read and changed through the other",
          "[api][postgresql][instances]") {
    TestServer first;
    auto second = TestServer::secondInstance(first);
    const Login hoa = first.addUser("canbo.hoa", "union");
    Reply created = first.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson());
    REQUIRE(created.status == 201);
    const std::string id = jsonField(created.body, "id");

    Reply read = second->call(hoa, "GET", "/api/v1/cases/" + id);
    REQUIRE(read.status == 200);
    CHECK(read.body.find("Nguyễn Thị Hoà") != std::string::npos);  // decrypted: same key ring
    CHECK(jsonField(read.body, "code") == jsonField(created.body, "code"));

    // Case numbers stay one sequence per commune and year, whichever instance opens the case.
    Reply next = second->call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson("Lê Thị Mai"));
    REQUIRE(next.status == 201);
    CHECK(jsonField(next.body, "code").substr(jsonField(next.body, "code").size() - 4) == "0002");
    Reply list = first.call(hoa, "GET", "/api/v1/cases");
    CHECK(list.body.find(jsonField(next.body, "code")) != std::string::npos);
}

TEST_CASE("a token issued by one instance works on the other, and a logout on one ends it on both",
          "[api][postgresql][instances][sessions]") {
    TestServer first;
    auto second = TestServer::secondInstance(first);
    first.addUser("canbo.hoa", "union");
    const Login hoa = second->login("canbo.hoa", fixtures::kUserPassword);  // issued by the second

    CHECK(first.call(hoa, "GET", "/api/v1/me").status == 200);
    CHECK(second->call(hoa, "GET", "/api/v1/me").status == 200);
    REQUIRE(first.call(hoa, "DELETE", "/api/v1/session").status == 204);
    CHECK(second->call(hoa, "GET", "/api/v1/me").status == 401);
    CHECK(first.call(hoa, "GET", "/api/v1/me").status == 401);

    // Disabling a user on one instance ends their sessions on the other at once.
    const Login again = first.login("canbo.hoa", fixtures::kUserPassword);
    const Login admin = second->loginAdmin();
    REQUIRE(second
                ->call(admin, "PATCH", "/api/v1/users/" + std::to_string(again.userId),
                       R"({"disabled":true})")
                .status == 200);
    CHECK(first.call(again, "GET", "/api/v1/me").status == 401);
}

TEST_CASE("failed sign-ins through both instances count toward one lock-out",
          "[api][postgresql][instances][sessions]") {
    TestServer first;
    auto second = TestServer::secondInstance(first);
    first.addUser("canbo.hoa", "union");
    const std::string wrong = R"({"username":"canbo.hoa","password":"sai-mat-khau-roi"})";
    // Five failures alternate between the instances; neither saw five on its own.
    for (int i = 0; i < 5; ++i) (i % 2 ? first : *second).request("POST", "/api/v1/session", wrong);
    const std::string right =
        R"({"username":"canbo.hoa","password":")" + fixtures::kUserPassword + "\"}";
    CHECK(first.request("POST", "/api/v1/session", right).status == 423);
    CHECK(second->request("POST", "/api/v1/session", right).status == 423);
}

TEST_CASE("concurrent writes through both instances leave one audit chain that verifies",
          "[api][postgresql][instances][audit]") {
    TestServer first;
    auto second = TestServer::secondInstance(first);
    const Login hoa = first.addUser("canbo.hoa", "union");
    const Login oversight = first.addUser("ban.giam.sat", "oversight");

    std::atomic<int> created{0}, failed{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w)
        writers.emplace_back([&, w] {
            TestServer& via = w % 2 ? first : *second;
            for (int i = 0; i < 10; ++i) {
                Reply r = via.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson());
                if (r.status != 201) {
                    ++failed;
                    continue;
                }
                ++created;
                via.call(hoa, "GET",
                         "/api/v1/cases/" + jsonField(r.body, "id"));  // an audited read
            }
        });
    for (auto& t : writers) t.join();
    CHECK(failed == 0);
    CHECK(created == 40);

    // Every case has its own number: no two instances handed out the same one.
    const auto numbers = first.query("SELECT COUNT(DISTINCT number), COUNT(*) FROM cases");
    REQUIRE(numbers.size() == 1);
    CHECK(numbers[0][0] == "40");
    CHECK(numbers[0][1] == "40");
    // One chain: sequence numbers without gaps or repeats, each entry chained to the one before.
    const auto sequence =
        first.query("SELECT COUNT(*), MIN(sequence), MAX(sequence) FROM audit_log");
    REQUIRE(sequence.size() == 1);
    CHECK(sequence[0][0] == sequence[0][2]);
    CHECK(sequence[0][1] == "1");

    Reply viaApi = second->call(oversight, "GET", "/api/v1/audit/verify");
    REQUIRE(viaApi.status == 200);
    CHECK(viaApi.body.find(R"("ok":true)") != std::string::npos);
    REQUIRE(first.terminate() == 0);  // each clean stop signs a checkpoint of the shared chain
    REQUIRE(second->terminate() == 0);
    for (const TestServer* server : {&first, second.get()}) {
        auto [code, text] = auditVerify(*server);
        CHECK(code == 0);
        CHECK(text.find("audit log intact") != std::string::npos);
    }
}

TEST_CASE("an instance whose database connections are cut reconnects and loses nothing",
          "[api][postgresql][instances][reconnect]") {
    TestServer server;
    const Login hoa = server.addUser("canbo.hoa", "union");
    Reply created = server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson());
    REQUIRE(created.status == 201);
    const std::string path = "/api/v1/cases/" + jsonField(created.body, "id");
    // What a PostgreSQL restart or failover does to every open connection of the instance.
    server.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
        "current_database() AND pid <> pg_backend_pid()");
    // A request that meets a dead connection answers 503 "try again" (never a half-done answer);
    // each connection is replaced as it is found dead, so the requests after it succeed.
    int status = 0, failed = 0;
    for (int i = 0; i < 8 && status != 200; ++i) {
        status = server.call(hoa, "GET", path).status;
        if (status != 200) {
            CHECK(status == 503);
            ++failed;
        }
    }
    CHECK(status == 200);
    CHECK(failed <= 5);  // at most the reader connections and the writer's
    // The write that meets the dead connection may fail (never half-done); the next succeeds.
    Reply first = server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson("Lê Thị Mai"));
    CHECK((first.status == 201 || first.status == 503));
    Reply second = server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson("Lê Thị Mai"));
    CHECK(second.status == 201);
    CHECK(server.call(hoa, "GET", path).status == 200);
    const auto count = server.query("SELECT COUNT(*) FROM cases");
    CHECK(count[0][0] == (first.status == 201 ? "3" : "2"));
}
