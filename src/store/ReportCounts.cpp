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
    for (const auto& [fact, n] : delta) {
        if (n == 0) continue;
        // Named references, not a structured binding: C++17 lambdas cannot capture those.
        const std::string& commune = std::get<0>(fact);
        const int consented = std::get<1>(fact);
        const std::string& day = std::get<2>(fact);
        const std::string& dimension = std::get<3>(fact);
        const std::string& keyName = std::get<4>(fact);
        for (const std::string grain : {"day", "month"}) {
            const std::string period = grain == "day" ? day : day.substr(0, 7);
            // The row's key, in the order both statements name it.
            const auto key = [&](Query& q) -> Query& {
                return q.bind(commune).bind(grain).bind(period).bind(dimension).bind(keyName).bind(
                    consented);
            };
            Query add(s_,
                      "INSERT INTO report_counts (commune, grain, period, dimension, key, "
                      "consented, n) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (commune, grain, "
                      "period, dimension, key, consented) DO UPDATE SET n = report_counts.n + "
                      "excluded.n");
            key(add).bind(n).run();
            if (n > 0) continue;  // only a decrease can leave a count at zero
            Query drop(s_,
                       "DELETE FROM report_counts WHERE commune = ? AND grain = ? AND period = ? "
                       "AND dimension = ? AND key = ? AND consented = ? AND n = 0");
            key(drop).run();
        }
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
