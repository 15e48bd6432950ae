// A full disk (issue 10, "Reliability tests"): data.dir on a small tmpfs the test mounts. Writes
// answer 503 "storage_full" (never 500), reads keep working, nothing is corrupted, and writes
// succeed again once space is freed, without a restart. Needs root to mount; skipped otherwise.
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "api/TestServer.h"
#include "api/WorkflowClient.h"
#include "fixtures/people.h"
#include "reliability/Probe.h"

using namespace binhan::testing;
namespace fixtures = binhan::fixtures;

namespace {

// A tmpfs of `megabytes` mounted over a folder, keeping what the folder held; unmounted at the
// end (declare it before the TestServer, so the server stops first).
class TmpfsOver {
  public:
    // Empty when mounted; else why not (the test is then skipped).
    std::string mount(const std::string& folder, int megabytes) {
        if (::geteuid() != 0) return "not running as root";
        const std::string keep = folder + ".keep";
        if (std::system(("cp -a '" + folder + "' '" + keep + "'").c_str()) != 0)
            return "cannot copy the data dir";
        const std::string options = "size=" + std::to_string(megabytes) + "m,mode=0700";
        if (::mount("tmpfs", folder.c_str(), "tmpfs", 0, options.c_str()) != 0)
            return std::string("mount(tmpfs) refused: ") + std::strerror(errno);
        folder_ = folder;
        const int copied = std::system(("cp -a '" + keep + "/.' '" + folder + "/'").c_str());
        std::filesystem::remove_all(keep);
        return copied == 0 ? "" : "cannot copy the data dir back";
    }
    ~TmpfsOver() {
        if (folder_.empty()) return;
        ::umount2(folder_.c_str(), MNT_DETACH);
        ::rmdir(folder_.c_str());  // the TestServer emptied it but could not remove a mount point
    }

  private:
    std::string folder_;
};

// A file that takes the free space: fill() until the disk is full, free(bytes) gives some back.
class Ballast {
  public:
    explicit Ballast(const std::string& path) : path_(path) {
        fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    }
    ~Ballast() {
        if (fd_ >= 0) ::close(fd_);
        ::unlink(path_.c_str());
    }
    void fill() {
        std::vector<char> block(1 << 20, 'x');
        for (std::size_t chunk = block.size(); chunk > 0; chunk /= 2)
            while (::write(fd_, block.data(), chunk) == static_cast<ssize_t>(chunk)) size_ += chunk;
        ::fsync(fd_);
    }
    void leaveFree(off_t bytes) {
        size_ = size_ > bytes ? size_ - bytes : 0;
        REQUIRE(::ftruncate(fd_, size_) == 0);
        ::lseek(fd_, size_, SEEK_SET);
    }
    void remove() { leaveFree(size_); }

  private:
    std::string path_;
    int fd_ = -1;
    off_t size_ = 0;
};

bool isStorageFull(const Reply& r) {
    if (r.status != 503) return false;
    const auto error = jsonOf(r)->getObject("error");
    return error && error->getValue<std::string>("code") == "storage_full" &&
           error->getValue<std::string>("message").find("storage is full") != std::string::npos;
}

// What no full disk may do: a corrupt database or a broken audit chain.
void checkIntact(TestServer& server) {
    CHECK(queryRows(server.dataDir() + "/binhan.db", "PRAGMA integrity_check") ==
          std::vector<std::vector<std::string>>{{"ok"}});
    server.terminate(true);
    auto [code, text] = verifyAudit(server);
    INFO(text);
    CHECK(code == 0);
}

const char* const kCorrection = R"({"incident":{"injuries":"bầm tím, đã khám"}})";

// A started server whose data dir is a 24 MiB tmpfs, with a union user and one case of hers;
// `skipped` says why not when the tmpfs cannot be mounted.
struct ServerOnTmpfs {
    TmpfsOver tmpfs;  // first: unmounted after the server has stopped
    TestServer server;
    std::string skipped;
    Login hoa;
    std::string path;  // of the case
    explicit ServerOnTmpfs(int reserveMb)
        : server({"store.reserve_mb=" + std::to_string(reserveMb), "audit.checkpoint_entries=5"},
                 false) {
        skipped = tmpfs.mount(server.dataDir(), 24);
        if (!skipped.empty()) return;
        server.start();
        hoa = server.addUser("canbo.hoa", "union");
        path = "/api/v1/cases/" +
               idText(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson()));
    }
};

// False, with a warning ctest reports as a skip, when the tmpfs could not be mounted.
bool mounted(const ServerOnTmpfs& on) {
    if (on.skipped.empty()) return true;
    WARN("SKIPPED: the disk-full test needs a tmpfs it can mount (" << on.skipped << ")");
    return false;
}

}  // namespace

TEST_CASE("below the storage reserve, changes get 503 storage_full while reads go on",
          "[reliability][diskfull]") {
    ServerOnTmpfs on(4);
    if (!mounted(on)) return;
    auto& [tmpfs, server, skipped, hoa, path] = on;

    Ballast ballast(server.dataDir() + "/ballast");
    ballast.fill();
    ballast.leaveFree(2 << 20);  // 2 MiB: under the 4 MiB reserve
    CHECK(isStorageFull(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson())));
    CHECK(isStorageFull(
        server.call(hoa, "POST", path + "/events", eventBody("note", R"({"text":"Gọi điện"})"))));
    CHECK(isStorageFull(server.call(hoa, "PATCH", path, kCorrection)));
    // Reads are answered, their audit entries written from the reserve.
    for (int i = 0; i < 20; ++i) REQUIRE(server.call(hoa, "GET", path).status == 200);
    CHECK(server.call(hoa, "GET", "/api/v1/cases").status == 200);
    CHECK(server.call(hoa, "GET", path + "/events").status == 200);
    CHECK(server.get("/healthz").status == 200);

    ballast.remove();  // space freed: writes work again, no restart
    CHECK(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson()).status == 201);
    CHECK(server.call(hoa, "PATCH", path, kCorrection).status == 200);
    const std::string db = server.dataDir() + "/binhan.db";
    CHECK(queryNumber(db, "SELECT COUNT(*) FROM cases") == 2);
    CHECK(queryNumber(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'case.read'") >= 20);
    CHECK(queryNumber(db,
                      "SELECT COUNT(*) FROM audit_log WHERE action = 'case.create' AND "
                      "outcome = 'error'") == 1);  // the refused write is on the record
    checkIntact(server);
}

TEST_CASE("a disk full to the last byte: 503 storage_full, never 500, and writes resume",
          "[reliability][diskfull]") {
    // No reserve: SQLite itself meets the full disk (and so do the log and the checkpoints).
    ServerOnTmpfs on(0);
    if (!mounted(on)) return;
    auto& [tmpfs, server, skipped, hoa, path] = on;

    Ballast ballast(server.dataDir() + "/ballast");
    ballast.fill();
    std::vector<std::string> created;
    int refused = 0;
    for (int i = 0; i < 400 && refused < 5; ++i) {
        Reply r = i % 2 ? server.call(hoa, "POST", path + "/events",
                                      eventBody("note", R"({"text":"Gọi điện"})"))
                        : server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson());
        INFO(r.status << " " << r.body);
        REQUIRE((r.status == 201 || isStorageFull(r)));
        if (r.status == 201 && i % 2 == 0) created.push_back(idText(r));
        refused += r.status == 503;
    }
    CHECK(refused == 5);
    CHECK(server.get("/healthz").status == 200);
    for (int i = 0; i < 5; ++i) {  // a read needs its audit entry: answered, or 503, never 500
        Reply r = server.call(hoa, "GET", path);
        CHECK((r.status == 200 || r.status == 503));
    }

    ballast.remove();
    REQUIRE(server.running());
    CHECK(server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson()).status == 201);
    CHECK(server.call(hoa, "PATCH", path, kCorrection).status == 200);
    for (const auto& id : created)
        CHECK(server.call(hoa, "GET", "/api/v1/cases/" + id).status == 200);
    checkIntact(server);
}
