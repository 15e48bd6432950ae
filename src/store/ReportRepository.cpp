#include "store/ReportRepository.h"

#include <Poco/Data/Session.h>

#include "core/report/PeriodCover.h"
#include "store/ReportCounts.h"
#include "store/Sql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {
namespace {

// Three ranges of report_counts: the whole months, and up to two ranges of single days (an
// absent range is given as an empty one, first > last). consented >= 0: every case (the
// statutory report); >= 1: only cases whose consent allows statistics.
// Every statement takes the commune first: one commune's rows (commune = ?), or every commune's
// (? = '', the province roll-up). Two texts rather than one "(? = '' OR commune = ?)", so that a
// commune's report seeks its own rows by the key instead of scanning every commune's.
std::string communeClause(const std::string& commune) {
    return commune.empty() ? "? = '' AND " : "commune = ? AND ";
}

std::string countsSql(const std::string& commune) {
    return "SELECT dimension, key, SUM(n) FROM report_counts WHERE " + communeClause(commune) +
           "consented >= ? AND ((grain = 'month' AND period BETWEEN ? AND ?) OR (grain = 'day' AND "
           "period BETWEEN ? AND ?) OR (grain = 'day' AND period BETWEEN ? AND ?)) GROUP BY "
           "dimension, key HAVING SUM(n) > 0";
}

std::string recountSql(const std::string& commune) {
    return "SELECT dimension, key, COUNT(*) FROM report_facts WHERE " + communeClause(commune) +
           "consented >= ? AND day BETWEEN ? AND ? GROUP BY dimension, key";
}

std::vector<core::report::GroupCount> groupCounts(const std::vector<std::string>& dimension,
                                                  const std::vector<std::string>& key,
                                                  const std::vector<Poco::Int64>& count) {
    std::vector<core::report::GroupCount> out;
    out.reserve(dimension.size());
    for (std::size_t i = 0; i < dimension.size(); ++i)
        out.push_back({dimension[i], key[i], count[i]});
    return out;
}

// Issue 20: the survivors' anonymous feedback of the months the period touches, as "feedback"
// rows ("question|answer"); kept per month only, so a period counts its months whole. Exports
// beyond the statutory report (consented only) leave it out: it cannot follow a case's consent.
void addFeedback(Poco::Data::Session& s, const ReportQuery& query,
                 std::vector<core::report::GroupCount>& out) {
    if (query.consentedOnly) return;
    std::string commune = query.commune, first = query.from.substr(0, 7),
                last = query.to.substr(0, 7);
    std::vector<std::string> question, answer;
    std::vector<Poco::Int64> count;
    s << sql(s, "SELECT question, answer, SUM(n) FROM survivor_feedback_counts WHERE " +
                    communeClause(commune) + "month BETWEEN ? AND ? GROUP BY question, answer"),
        use(commune), use(first), use(last), into(question), into(answer), into(count), now;
    for (std::size_t i = 0; i < question.size(); ++i)
        out.push_back({"feedback", question[i] + "|" + answer[i], count[i]});
}

}  // namespace

std::vector<core::report::GroupCount> ReportRepository::counts(const ReportQuery& query) {
    const auto cover = core::report::coverPeriod(query.from, query.to);
    const core::report::DayRange none{"9999-12-31", "0000-01-01"};
    std::string firstMonth = cover.firstMonth.empty() ? none.first : cover.firstMonth,
                lastMonth = cover.firstMonth.empty() ? none.last : cover.lastMonth;
    core::report::DayRange days[2] = {none, none};
    for (std::size_t i = 0; i < cover.days.size() && i < 2; ++i) days[i] = cover.days[i];
    int consented = query.consentedOnly ? 1 : 0;
    std::string commune = query.commune;
    std::vector<std::string> dimension, key;
    std::vector<Poco::Int64> count;
    db_.withReader([&](Poco::Data::Session& s) {
        s << sql(s, countsSql(commune)), use(commune), use(consented), use(firstMonth),
            use(lastMonth), use(days[0].first), use(days[0].last), use(days[1].first),
            use(days[1].last), into(dimension), into(key), into(count), now;
    });
    auto out = groupCounts(dimension, key, count);
    db_.withReader([&](Poco::Data::Session& s) { addFeedback(s, query, out); });
    return out;
}

std::vector<core::report::GroupCount> ReportRepository::recount(const ReportQuery& query) {
    std::string from = query.from, to = query.to, commune = query.commune;
    int consented = query.consentedOnly ? 1 : 0;
    std::vector<std::string> dimension, key;
    std::vector<Poco::Int64> count;
    db_.withReader([&](Poco::Data::Session& s) {
        s << sql(s, recountSql(commune)), use(commune), use(consented), use(from), use(to),
            into(dimension), into(key), into(count), now;
    });
    auto out = groupCounts(dimension, key, count);
    db_.withReader([&](Poco::Data::Session& s) { addFeedback(s, query, out); });
    return out;
}

void ReportRepository::rebuild() {
    db_.withWriter([](Poco::Data::Session& s) { shared::rebuildReportCounts(s); });
}

}  // namespace binhan::store
