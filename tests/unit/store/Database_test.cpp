#include "store/Database.h"

#include <Poco/Data/Session.h>
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "store/Migrator.h"
#include "support/TempDb.h"

using namespace binhan;
using namespace Poco::Data::Keywords;

namespace {

// A counter from the database's own metrics text.
long metric(const store::Database& db, const std::string& name) {
    const std::string text = db.metricsText();
    const auto at = text.find("\n" + name + " ") + name.size() + 2;
    return std::stol(text.substr(at, text.find('\n', at) - at));
}

}  // namespace

TEST_CASE("group commit: many concurrent writes share a few transactions, none is lost",
          "[store][database]") {
    testing::TempDb temp;
    store::Database db({temp.path, 2, 5000, 2000});
    db.withWriter([](Poco::Data::Session& s) { s << "CREATE TABLE t (n INTEGER)", now; });
    const long groupsBefore = metric(db, "binhan_db_commit_groups_total");

    constexpr int kWriters = 200;
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i)
        writers.emplace_back([&db, i] {
            int n = i;
            db.withWriter(
                [&n](Poco::Data::Session& s) { s << "INSERT INTO t VALUES (?)", use(n), now; });
        });
    for (auto& w : writers) w.join();

    int rows = 0;
    db.withReader([&](Poco::Data::Session& s) { s << "SELECT COUNT(*) FROM t", into(rows), now; });
    CHECK(rows == kWriters);
    const long groups = metric(db, "binhan_db_commit_groups_total") - groupsBefore;
    INFO("commit groups for " << kWriters << " writes: " << groups);
    CHECK(groups >= 1);
    CHECK(groups < kWriters / 2);  // each fsync carried several writes
}
