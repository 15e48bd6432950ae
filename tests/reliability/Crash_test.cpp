// Crash safety (issue 10, "Reliability tests"): kill -9 at random moments under a mixed write
// load from several clients, five times. After each crash every write that was answered 2xx is
// there, nothing is half-written (a case without its fields or its audit entry, an event or a
// correction without its audit entry), and the audit chain verifies against its signed
// checkpoints.
#include <Poco/JSON/Object.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "api/TestServer.h"
#include "api/WorkflowClient.h"
#include "fixtures/people.h"
#include "reliability/Probe.h"

using namespace binhan::testing;
namespace fixtures = binhan::fixtures;

namespace {

constexpr int kClients = 4;
constexpr int kRounds = 5;

// What the server acknowledged (2xx), per case; a case belongs to the one client that made it,
// so at most one write per case is in flight when the server dies.
struct CaseRecord {
    std::string phone;             // as created
    std::set<std::string> events;  // event ids acknowledged
    int patches = 0;               // corrections acknowledged ("lần N" in incident.injuries)
};

struct Ledger {
    std::mutex mutex;
    std::map<std::string, CaseRecord> cases;  // GUARDED_BY(mutex), by case id
};

// Writes acknowledged so far: cases, events and corrections.
std::size_t acknowledged(Ledger& ledger) {
    std::lock_guard<std::mutex> lock(ledger.mutex);
    std::size_t n = ledger.cases.size();
    for (const auto& [id, record] : ledger.cases) n += record.events.size() + record.patches;
    return n;
}

std::string injuriesText(int n) {
    return "vết bầm lần " + std::to_string(n);
}

// One client's load until `stop`: new cases, events on its own cases, corrections of them.
void clientLoad(TestServer& server, const Login& who, int client, std::uint32_t seed,
                Ledger& ledger, const std::atomic<bool>& stop) {
    std::mt19937 random(seed);
    std::vector<std::string> mine;
    {
        std::lock_guard<std::mutex> lock(ledger.mutex);
        for (const auto& [id, record] : ledger.cases)
            if (record.phone.compare(3, 1, std::to_string(client)) == 0) mine.push_back(id);
    }
    int serial = 0;
    while (!stop) {
        const int choice = mine.empty() ? 0 : static_cast<int>(random() % 10);
        try {
            if (choice < 3) {
                char phone[16];
                std::snprintf(phone, sizeof phone, "091%d%06u", client,
                              static_cast<unsigned>(random() % 1000000));
                Reply r = server.call(who, "POST", "/api/v1/cases",
                                      fixtures::adultCaseJson("Nguyễn Thị Hoà", phone));
                if (r.status != 201) continue;
                const std::string id = idText(r);
                std::lock_guard<std::mutex> lock(ledger.mutex);
                ledger.cases[id].phone = phone;
                mine.push_back(id);
            } else if (choice < 7) {
                const std::string& id = mine[random() % mine.size()];
                Reply r = server.call(
                    who, "POST", "/api/v1/cases/" + id + "/events",
                    eventBody("note", R"({"text":"Ghi chú )" + std::to_string(++serial) + "\"}"));
                if (r.status != 201) continue;
                std::lock_guard<std::mutex> lock(ledger.mutex);
                ledger.cases[id].events.insert(idText(r));
            } else {
                const std::string& id = mine[random() % mine.size()];
                int next;
                {
                    std::lock_guard<std::mutex> lock(ledger.mutex);
                    next = ledger.cases[id].patches + 1;
                }
                Reply r = server.call(who, "PATCH", "/api/v1/cases/" + id,
                                      R"({"incident":{"injuries":")" + injuriesText(next) + "\"}}");
                if (r.status != 200) continue;
                std::lock_guard<std::mutex> lock(ledger.mutex);
                ledger.cases[id].patches = next;
            }
        } catch (const std::exception&) {
            // The server died mid-request: not acknowledged, so not in the ledger.
        }
    }
}

// Straight from the database file of the stopped server: every row carries its counterpart.
void checkNothingHalfWritten(const std::string& db) {
    INFO("cases without their sealed fields, stage or audit entry");
    CHECK(queryNumber(db,
                      "SELECT COUNT(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM "
                      "case_fields f WHERE f.case_id = c.id AND f.field = "
                      "'survivor.full_name')") == 0);
    CHECK(queryNumber(db,
                      "SELECT COUNT(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM stages s "
                      "WHERE s.case_id = c.id)") == 0);
    CHECK(queryNumber(db,
                      "SELECT COUNT(*) FROM cases c WHERE (SELECT COUNT(*) FROM audit_log a "
                      "WHERE a.case_id = c.id AND a.action = 'case.create' AND a.outcome = "
                      "'ok') != 1") == 0);
    INFO("events and corrections without their audit entries (or entries without them)");
    CHECK(queryNumber(db,
                      "SELECT COUNT(*) FROM cases c WHERE (SELECT COUNT(*) FROM events e WHERE "
                      "e.case_id = c.id) != (SELECT COUNT(*) FROM audit_log a WHERE a.case_id "
                      "= c.id AND a.action = 'event.add' AND a.outcome = 'ok')") == 0);
    CHECK(queryRows(db, "PRAGMA integrity_check") == std::vector<std::vector<std::string>>{{"ok"}});
}

// Through the API after the restart: every acknowledged write is there, and each case's
// corrections match its audit entries one for one.
// A correction in flight when the server died may have landed: it counts as made from then on.
void checkAcknowledgedWrites(TestServer& server, const Login& who, Ledger& ledger) {
    std::lock_guard<std::mutex> lock(ledger.mutex);
    const std::string db = server.dataDir() + "/binhan.db";
    for (auto& [id, record] : ledger.cases) {
        INFO("case " << id);
        Reply read = server.call(who, "GET", "/api/v1/cases/" + id);
        REQUIRE(read.status == 200);
        const auto survivor = jsonOf(read)->getObject("survivor");
        CHECK(survivor->getValue<std::string>("phone") == record.phone);
        const auto incident = jsonOf(read)->getObject("incident");
        const std::string injuries =
            incident->has("injuries") ? incident->getValue<std::string>("injuries") : "";
        // The last acknowledged correction, or the one in flight when the server died.
        const int applied = injuries.rfind("vết bầm lần ", 0) == 0
                                ? std::stoi(injuries.substr(injuriesText(0).size() - 1))
                                : 0;
        CHECK((applied == record.patches || applied == record.patches + 1));
        CHECK(queryNumber(db,
                          "SELECT COUNT(*) FROM audit_log WHERE action = 'case.update' AND "
                          "outcome = 'ok' AND case_id = " +
                              id) == applied);
        record.patches = applied;
        const std::string timeline =
            server.call(who, "GET", "/api/v1/cases/" + id + "/events").body;
        for (const auto& event : record.events)
            CHECK(timeline.find("\"id\":" + event + ",") != std::string::npos);
    }
}

}  // namespace

TEST_CASE("kill -9 under a mixed write load loses no acknowledged write and half-writes nothing",
          "[reliability][crash]") {
    // Checkpoints are signed every 20 entries, so the crashes land between signed checkpoints.
    TestServer server({"audit.checkpoint_entries=20"});
    const Login hoa = server.addUser("canbo.hoa", "union");
    Ledger ledger;
    const auto seed = std::random_device{}();
    WARN("crash test seed " << seed);
    std::mt19937 random(seed);
    for (int c = 0; c < kClients; ++c) {  // a case each, so events and corrections start at once
        const std::string phone = "091" + std::to_string(c) + "000000";
        Reply r =
            server.call(hoa, "POST", "/api/v1/cases", fixtures::adultCaseJson("Lê Thị Mai", phone));
        REQUIRE(r.status == 201);
        ledger.cases[idText(r)].phone = phone;
    }
    for (int round = 1; round <= kRounds; ++round) {
        INFO("round " << round);
        const std::size_t writesBefore = acknowledged(ledger);
        std::atomic<bool> stop{false};
        std::vector<std::thread> clients;
        for (int c = 0; c < kClients; ++c)
            clients.emplace_back(clientLoad, std::ref(server), std::cref(hoa), c,
                                 static_cast<std::uint32_t>(random()), std::ref(ledger),
                                 std::cref(stop));
        std::this_thread::sleep_for(std::chrono::milliseconds(300 + random() % 1200));
        // However slow the machine, each round crashes a server that has acknowledged writes.
        for (int i = 0; i < 100 && acknowledged(ledger) == writesBefore; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        server.kill9();
        stop = true;
        for (auto& c : clients) c.join();

        checkNothingHalfWritten(server.dataDir() + "/binhan.db");
        auto [code, text] = verifyAudit(server);
        INFO(text);
        REQUIRE(code == 0);

        server.start();
        checkAcknowledgedWrites(server, hoa, ledger);
    }
    CHECK(acknowledged(ledger) >= kClients + kRounds);
}
