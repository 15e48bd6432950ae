#include "store/ReportCounts.h"
#include "store/Sql.h"

#include <vector>

using namespace Poco::Data::Keywords;

namespace binhan::store::shared {

ReportCountsUpdate::ReportCountsUpdate(Poco::Data::Session& s, std::int64_t caseId)
    : s_(s), caseId_(caseId), before_(read()) {}

ReportCountsUpdate::Facts ReportCountsUpdate::read() const {
    Poco::Int64 id = caseId_;
    std::vector<int> consented;
    std::vector<std::string> commune, day, dimension, key;
    std::vector<Poco::Int64> n;
    s_ << sql(s_,
              "SELECT commune, consented, day, dimension, key, COUNT(*) FROM report_facts WHERE "
              "case_id = ? GROUP BY commune, consented, day, dimension, key"),
        use(id), into(commune), into(consented), into(day), into(dimension), into(key), into(n),
        now;
    Facts facts;
    for (std::size_t i = 0; i < n.size(); ++i)
        facts[{commune[i], consented[i], day[i], dimension[i], key[i]}] = n[i];
    return facts;
}

void ReportCountsUpdate::apply() {
    Facts delta;
    for (const auto& [fact, n] : read()) delta[fact] += n;
    for (const auto& [fact, n] : before_) delta[fact] -= n;
    before_.clear();
    for (const auto& [fact, n] : delta) {
        if (n == 0) continue;
        Poco::Int64 change = n;
        std::string commune = std::get<0>(fact);
        int consented = std::get<1>(fact);
        std::string dimension = std::get<3>(fact), key = std::get<4>(fact);
        const std::string& day = std::get<2>(fact);
        for (const char* grain : {"day", "month"}) {
            std::string g = grain, period = g == "day" ? day : day.substr(0, 7);
            s_ << sql(s_,
                      "INSERT INTO report_counts (commune, grain, period, dimension, key, "
                      "consented, n) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (commune, grain, "
                      "period, dimension, key, consented) DO UPDATE SET n = report_counts.n + "
                      "excluded.n"),
                use(commune), use(g), use(period), use(dimension), use(key), use(consented),
                use(change), now;
            s_ << sql(s_,
                      "DELETE FROM report_counts WHERE commune = ? AND grain = ? AND period = ? "
                      "AND dimension = ? AND key = ? AND consented = ? AND n = 0"),
                use(commune), use(g), use(period), use(dimension), use(key), use(consented), now;
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
