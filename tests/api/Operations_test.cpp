// Black-box tests of operations (issue 9): erasure by destroying the key, encrypted backups
// taken under load, restore into a new data dir, tampered backups refused, and the erasure
// ledger re-applied so a case erased after a backup stays erased.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "api/TestServer.h"
#include "fixtures/people.h"

using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;
namespace fixtures = binhan::fixtures;
namespace fs = std::filesystem;

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

std::pair<int, std::string> runCommand(const std::vector<std::string>& head,
                                       const std::string& dataDir) {
    auto args = head;
    args.insert(args.end(), {"--set", "data.dir=" + dataDir});
    return binhan::testing::runBinhan(args);
}

// A second data dir holding what an operator keeps off-site: the master key, the erasure
// ledger and the audit signing key and checkpoints (none of them is in a backup).
std::string offSiteCopy(const TestServer& server) {
    std::string dir = (fs::temp_directory_path() / ("binhan-restore-" + std::to_string(::getpid()) +
                                                    "-" + std::to_string(std::rand())))
                          .string();
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all);
    for (const char* name : {"master.key", "erasures", "audit-signing.key", "audit-signing.key.pub",
                             "audit-checkpoints"})
        if (fs::exists(server.dataDir() + "/" + name))
            fs::copy_file(server.dataDir() + "/" + name, dir + "/" + name);
    return dir;
}

}  // namespace

TEST_CASE("erasure destroys the key: the case is gone, its statistics row stays",
          "[api][ops][erasure]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Login chair = server.addUser("chu.tich", "leader");
    const std::string id =
        idOf(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson()));
    const std::string path = "/api/v1/cases/" + id;
    CHECK(server.call(hoa, "POST", path + "/erase", R"({"reason":"Nạn nhân yêu cầu xóa dữ liệu"})")
              .status == 403);
    REQUIRE(server
                .call(chair, "POST", path + "/break-glass",
                      R"({"reason":"Yêu cầu xóa dữ liệu của nạn nhân"})")
                .status == 200);
    CHECK(server.call(chair, "POST", path + "/erase", R"({"reason":"ngắn"})").status == 400);
    Reply erased =
        server.call(chair, "POST", path + "/erase", R"({"reason":"Nạn nhân yêu cầu xóa dữ liệu"})");
    REQUIRE(erased.status == 200);
    CHECK(erased.body.find(R"("erased_at":")") != std::string::npos);
    CHECK(server.call(hoa, "GET", path).status == 404);
    CHECK(server.call(chair, "GET", path).status == 404);
    CHECK(slurp(server.dataDir() + "/erasures").find("v1 " + id + " HP-") == 0);
}

TEST_CASE("a backup under write load restores every write acknowledged before it began",
          "[api][ops][backup][sqlite]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    std::mutex mutex;
    std::vector<std::string> acknowledged;
    std::atomic<bool> backupStarted{false}, stop{false};
    std::vector<std::string> beforeBackup;
    std::vector<std::thread> writers;
    for (int t = 0; t < 3; ++t)
        writers.emplace_back([&] {
            while (!stop) {
                Reply r = server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson());
                if (r.status != 201) continue;
                std::lock_guard<std::mutex> lock(mutex);
                acknowledged.push_back(idOf(r));
            }
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    {
        std::lock_guard<std::mutex> lock(mutex);
        beforeBackup = acknowledged;
    }
    const std::string file =
        server.dataDir() + "/../" + fs::path(server.dataDir()).filename().string() + ".bak";
    auto [code, text] = runCommand({"backup", file}, server.dataDir());
    stop = true;
    for (auto& w : writers) w.join();
    INFO(text);
    REQUIRE(code == 0);
    REQUIRE(beforeBackup.size() >= 3);
    // The backup reveals nothing in clear.
    const std::string bytes = slurp(file);
    CHECK(bytes.find("Thôn Đông") == std::string::npos);
    CHECK(bytes.find("CREATE TABLE") == std::string::npos);

    const std::string restored = offSiteCopy(server);
    auto [restoreCode, restoreText] = runCommand({"restore", file}, restored);
    INFO(restoreText);
    REQUIRE(restoreCode == 0);
    CHECK(restoreText.find("audit log verified") != std::string::npos);
    server.terminate(true);
    // Serve the restored data dir (init only adds the certificate it lacks).
    REQUIRE(runCommand({"init"}, restored).first == 0);
    TestServer serve(TestServer::existing(restored), 0);
    Login again = serve.login("canbo.hoa", fixtures::kUserPassword);
    for (const auto& id : beforeBackup)
        CHECK(serve.call(again, "GET", "/api/v1/cases/" + id).status == 200);
    fs::remove(file);
}

TEST_CASE("a tampered or foreign backup is refused with a clear message",
          "[api][ops][backup][sqlite]") {
    TestServer server;
    const std::string file = server.dataDir() + ".bak";
    REQUIRE(runCommand({"backup", file}, server.dataDir()).first == 0);
    std::string bytes = slurp(file);
    bytes[bytes.size() / 2] ^= 0x01;
    std::ofstream(file + ".bad", std::ios::binary) << bytes;
    const std::string target = offSiteCopy(server);
    auto [badCode, badText] = runCommand({"restore", file + ".bad"}, target);
    CHECK(badCode != 0);
    CHECK(badText.find("integrity check") != std::string::npos);
    CHECK_FALSE(fs::exists(target + "/binhan.db"));
    // Another deployment's key: a fresh data dir with its own master key.
    TestServer other({}, false);
    fs::remove(other.dataDir() + "/binhan.db");
    auto [foreignCode, foreignText] = runCommand({"restore", file}, other.dataDir());
    CHECK(foreignCode != 0);
    CHECK(foreignText.find("integrity check") != std::string::npos);
    fs::remove(file);
    fs::remove(file + ".bad");
    fs::remove_all(target);
}

TEST_CASE("a case erased after a backup stays erased when that backup is restored",
          "[api][ops][erasure][sqlite]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Login chair = server.addUser("chu.tich", "leader");
    const std::string keep =
        idOf(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson("Phạm Thị Lan")));
    const std::string gone =
        idOf(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson()));
    const std::string file = server.dataDir() + ".bak";
    REQUIRE(runCommand({"backup", file}, server.dataDir()).first == 0);
    REQUIRE(server
                .call(chair, "POST", "/api/v1/cases/" + gone + "/break-glass",
                      R"({"reason":"Yêu cầu xóa dữ liệu"})")
                .status == 200);
    REQUIRE(server
                .call(chair, "POST", "/api/v1/cases/" + gone + "/erase",
                      R"({"reason":"Nạn nhân yêu cầu xóa"})")
                .status == 200);
    server.terminate(true);
    const std::string restored = offSiteCopy(server);
    REQUIRE(runCommand({"restore", file}, restored).first == 0);
    REQUIRE(runCommand({"init"}, restored).first == 0);
    TestServer serve(TestServer::existing(restored), 0);
    Login again = serve.login("canbo.hoa", fixtures::kUserPassword);
    CHECK(serve.call(again, "GET", "/api/v1/cases/" + keep).status == 200);
    CHECK(serve.call(again, "GET", "/api/v1/cases/" + gone).status == 404);
    fs::remove(file);
}

TEST_CASE("the survivor's export holds every field and the timeline, the HTML copy escapes it",
          "[api][ops][export]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Login police = server.addUser("canbo.congan", "police");
    const std::string id = idOf(server.call(hoa, "POST", "/api/v1/cases",
                                            fixtures::adultCaseJson("Nguyễn <b>Thị</b> Hoà")));
    REQUIRE(
        server
            .call(
                hoa, "POST", "/api/v1/cases/" + id + "/events",
                R"({"type":"union.follow_up","details":{"summary":"FOLLOWUPMARK thăm hỏi"},"due":"2030-01-01"})")
            .status == 201);
    Reply json = server.call(hoa, "GET", "/api/v1/cases/" + id + "/export");
    REQUIRE(json.status == 200);
    for (const char* text :
         {"Nguyễn <b>Thị</b> Hoà", "0912 345 678", "034190001234", "Trần Văn Namm", "NARRATIVEMARK",
          "bầm tím tay", "FOLLOWUPMARK", R"("exported_at":")"})
        CHECK(json.body.find(text) != std::string::npos);
    Reply html = server.call(hoa, "GET", "/api/v1/cases/" + id + "/export?format=html");
    REQUIRE(html.status == 200);
    CHECK(html.header("Content-Type").find("text/html") == 0);
    CHECK(html.body.find("Nguyễn &lt;b&gt;Thị&lt;/b&gt; Hoà") != std::string::npos);
    CHECK(html.body.find("<b>Thị</b>") == std::string::npos);
    CHECK(html.body.find("<script") == std::string::npos);
    CHECK(html.body.find("style=") == std::string::npos);
    CHECK(server.call(police, "GET", "/api/v1/cases/" + id + "/export").status == 404);
    CHECK(server.call(hoa, "GET", "/api/v1/cases/" + id + "/export?format=pdf").status == 400);
}

TEST_CASE(
    "init --demo seeds one user per role and made-up cases, and refuses to mix with real data",
    "[api][ops][demo]") {
    TestServer server({}, false);
    auto initDemo = server.baseArgs();
    initDemo.insert(initDemo.begin(), {"init", "--demo"});
    auto [code, text] = binhan::testing::runBinhan(initDemo);
    REQUIRE(code == 0);
    CHECK(text.find("30 made-up cases seeded") != std::string::npos);
    const auto at = text.find("demo.union");
    REQUIRE(at != std::string::npos);
    const auto lineEnd = text.find('\n', at);
    std::string password = text.substr(at + 10, lineEnd - at - 10);
    password.erase(0, password.find_first_not_of(' '));
    server.start();
    Login hoa = server.login("demo.union", password);
    Reply list = server.call(hoa, "GET", "/api/v1/cases?limit=100");
    CHECK(list.body.find("HP-") != std::string::npos);
    auto [again, againText] = binhan::testing::runBinhan(initDemo);
    CHECK(again != 0);
    CHECK(againText.find("refused") != std::string::npos);
}

TEST_CASE("a snapshot left by a backup killed mid-way is removed, one still being written is not",
          "[api][ops][backup][sqlite]") {
    TestServer server;
    // The pid of a process that has ended, and of one that runs (this test).
    const pid_t ended = ::fork();
    if (ended == 0) ::_exit(0);
    ::waitpid(ended, nullptr, 0);
    const std::string left = server.dataDir() + "/backup-" + std::to_string(ended) + ".db";
    const std::string live = server.dataDir() + "/backup-" + std::to_string(::getpid()) + ".db";
    std::ofstream(left) << "a snapshot holding wrapped case keys";
    std::ofstream(live) << "a snapshot being written";
    REQUIRE(runCommand({"backup", server.dataDir() + ".bak"}, server.dataDir()).first == 0);
    CHECK_FALSE(fs::exists(left));  // it would keep the key of a case erased since
    CHECK(fs::exists(live));
    fs::remove(live);
    fs::remove(server.dataDir() + ".bak");
}

TEST_CASE("issue 23: backup and restore on PostgreSQL: a restore drill into an empty database",
          "[api][ops][backup][postgresql]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    const std::string kept =
        idOf(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson()));
    Reply paper = server.request("POST", "/api/v1/cases/" + kept + "/attachments",
                                 "%PDF-1.4\n%made-up\n%%EOF\n",
                                 {{"Authorization", "Bearer " + hoa.token},
                                  {"Content-Type", "application/pdf"},
                                  {"X-Filename", "giay.pdf"},
                                  {"X-Attachment-Kind", "other"}});
    REQUIRE(paper.status == 201);

    // The same command as on SQLite: pg_dump's snapshot, encrypted with the backup key.
    const std::string file = server.dataDir() + ".pgbak";
    auto args = server.baseArgs();
    args.insert(args.begin(), {"backup", file});
    auto [code, text] = binhan::testing::runBinhan(args);
    INFO(text);
    REQUIRE(code == 0);
    CHECK(text.find("PostgreSQL dump") != std::string::npos);
    const std::string bytes = slurp(file);
    CHECK(bytes.find("Thôn Đông") == std::string::npos);
    CHECK(bytes.find("CREATE TABLE") == std::string::npos);
    CHECK(bytes.find("PGDMP") == std::string::npos);  // pg_dump's own header is sealed too
    const std::string later =
        idOf(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson()));

    // Restore into a new, empty database with the off-site key file and ledger.
    const std::string restored = offSiteCopy(server);
    const auto empty = server.makeEmptyPostgreSQLDatabase();
    std::vector<std::string> restore = {"restore", file, "--set", "data.dir=" + restored};
    for (const auto& set : empty) restore.insert(restore.end(), {"--set", set});
    auto [restoreCode, restoreText] = binhan::testing::runBinhan(restore);
    INFO(restoreText);
    REQUIRE(restoreCode == 0);
    CHECK(restoreText.find("audit log verified") != std::string::npos);
    // A database that holds a schema is never restored over.
    auto [again, againText] = binhan::testing::runBinhan(restore);
    CHECK(again != 0);
    CHECK(againText.find("empty database") != std::string::npos);

    std::vector<std::string> init = {"init", "--set", "data.dir=" + restored};
    for (const auto& set : empty) init.insert(init.end(), {"--set", set});
    REQUIRE(binhan::testing::runBinhan(init).first == 0);
    server.terminate(true);
    TestServer serve(TestServer::existing(restored, empty), 0);
    Login back = serve.login("canbo.hoa", fixtures::kUserPassword);
    CHECK(serve.call(back, "GET", "/api/v1/cases/" + kept).status == 200);
    CHECK(serve.call(back, "GET", "/api/v1/cases/" + later).status == 404);  // after the backup
    Reply file1 = serve.call(back, "GET", "/api/v1/cases/" + kept + "/attachments/" + idOf(paper));
    CHECK(file1.status == 200);
    CHECK(file1.body.rfind("%PDF-1.4", 0) == 0);
    fs::remove(file);
}
