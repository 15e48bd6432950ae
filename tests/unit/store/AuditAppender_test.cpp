#include "store/AuditAppender.h"

#include <Poco/Data/Session.h>
#include <catch2/catch.hpp>
#include <filesystem>

#include "core/Clock.h"
#include "store/Database.h"
#include "store/Migrator.h"
#include "support/TempDb.h"

using namespace binhan;
using namespace Poco::Data::Keywords;

namespace {

using testing::TempDb;

// Write transactions committed so far (the database's own metrics).
int commitGroups(const store::Database& db) {
    const std::string text = db.metricsText();
    const std::string name = "\nbinhan_db_commit_groups_total ";
    const auto at = text.find(name) + name.size();
    return std::stoi(text.substr(at, text.find('\n', at) - at));
}

struct Outcome {
    int readCommits = -1;
    int entries = -1;
};

// One audited read (nothing written) and one audited write, as the dispatcher runs them.
Outcome readAndWrite(bool noop) {
    Outcome out;
    TempDb temp;
    store::Database db({temp.path, 2, 1000, 0});
    store::Migrator(store::embeddedSchemaFiles()).migrate(db);
    core::SystemClock clock;
    db.setAuditAppender(
        std::make_shared<store::AuditAppender>(crypto::SecretBytes(32), clock, noop));
    const int before = commitGroups(db);
    {
        store::AuditContext read;
        read.action = "case.read";
        store::AuditScope scope(&read);
        db.flushAudit();
        CHECK(read.written);  // the answer may go out
    }
    out.readCommits = commitGroups(db) - before;
    {
        store::AuditContext write;
        write.action = "case.create";
        store::AuditScope scope(&write);
        db.withWriter([](Poco::Data::Session&) {});
        db.flushAudit();
        CHECK(write.written);
    }
    db.withReader([&](Poco::Data::Session& s) {
        s << "SELECT COUNT(*) FROM audit_log", into(out.entries), now;
    });
    return out;
}

}  // namespace

TEST_CASE("every audited read and write leaves exactly one entry", "[store][audit]") {
    const auto outcome = readAndWrite(false);
    CHECK(outcome.readCommits == 1);  // the read's entry was committed before its answer
    CHECK(outcome.entries == 2);
}

TEST_CASE("audit.benchmark_noop costs nothing: no entry, no commit for a read", "[store][audit]") {
    const auto outcome = readAndWrite(true);
    CHECK(outcome.readCommits == 0);
    CHECK(outcome.entries == 0);
}
