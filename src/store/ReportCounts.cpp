#include "store/ReportCounts.h"
#include "store/Query.h"
#include "store/Sql.h"

#include <vector>

using namespace Poco::Data::Keywords;

namespace binhan::store::shared {

ReportCountsUpdate::ReportCountsUpdate(Poco::Data::Session& s, std::int64_t caseId)
    : s_(s), caseId_(caseId), before_(read()) {}

ReportCountsUpdate::ReportCountsUpdate(Poco::Data::Session& s, std::int64_t caseId, NewCase)
    : s_(s), caseId_(caseId) {}

ReportCountsUpdate::Facts ReportCountsUpdate::read() const {
    Query query(s_,
                "SELECT commune, consented, day, dimension, key, COUNT(*) FROM report_facts WHERE "
                "case_id = ? GROUP BY commune, consented, day, dimension, key");
    query.bind(caseId_);
    Facts facts;
    while (query.next())
        facts[{query.text(0), static_cast<int>(query.integer(1)), query.text(2), query.text(3),
               query.text(4)}] = query.integer(5);
    return facts;
}

void ReportCountsUpdate::apply() {
    Facts delta;
    for (const auto& [fact, n] : read()) delta[fact] += n;
    for (const auto& [fact, n] : before_) delta[fact] -= n;
    before_.clear();
    // Each changed fact counts in its day and its month: (commune, grain, period, dimension, key,
    // consented) → change. Every row is a distinct key, so one upsert takes them all.
    struct Row {
        std::string commune, grain, period, dimension, key;
        int consented;
        std::int64_t change;
    };
    std::vector<Row> rows;
    for (const auto& [fact, n] : delta) {
        if (n == 0) continue;
        const auto& [commune, consented, day, dimension, key] = fact;
        rows.push_back({commune, "day", day, dimension, key, consented, n});
        rows.push_back({commune, "month", day.substr(0, 7), dimension, key, consented, n});
    }
    if (rows.empty()) return;
    Query add(s_,
              "INSERT INTO report_counts (commune, grain, period, dimension, key, consented, n) "
              "VALUES " +
                  placeholderRows(7, rows.size()) +
                  " ON CONFLICT (commune, grain, period, dimension, key, consented) DO UPDATE SET "
                  "n = report_counts.n + excluded.n");
    for (const auto& r : rows)
        add.bind(r.commune)
            .bind(r.grain)
            .bind(r.period)
            .bind(r.dimension)
            .bind(r.key)
            .bind(r.consented)
            .bind(r.change);
    add.run();
    for (const auto& r : rows) {
        if (r.change > 0) continue;  // only a decrease can leave a count at zero
        Query(s_,
              "DELETE FROM report_counts WHERE commune = ? AND grain = ? AND period = ? AND "
              "dimension = ? AND key = ? AND consented = ? AND n = 0")
            .bind(r.commune)
            .bind(r.grain)
            .bind(r.period)
            .bind(r.dimension)
            .bind(r.key)
            .bind(r.consented)
            .run();
    }
}

void rebuildReportCounts(Poco::Data::Session& s) {
    s << sql(s, "DELETE FROM report_counts"), now;
    s << sql(s,
             "INSERT INTO report_counts (commune, grain, period, dimension, key, consented, n) "
             "SELECT commune, 'day', day, dimension, key, consented, COUNT(*) FROM report_facts "
             "GROUP BY commune, day, dimension, key, consented"),
        now;
    s << sql(s,
             "INSERT INTO report_counts (commune, grain, period, dimension, key, consented, n) "
             "SELECT commune, 'month', substr(period, 1, 7), dimension, key, consented, SUM(n) "
             "FROM report_counts WHERE grain = 'day' GROUP BY commune, substr(period, 1, 7), "
             "dimension, key, consented"),
        now;
}

}  // namespace binhan::store::shared
