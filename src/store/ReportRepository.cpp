#include "store/ReportRepository.h"

#include <Poco/Data/Session.h>

using namespace Poco::Data::Keywords;

namespace binhan::store {
namespace {

// p: the parameters (period start, end). cohort: the cases reported in the period, narrow (the
// covering index cases_report_cohort). Calendar days are Vietnam days (UTC+7). Days to the
// first action: to the first event that is neither the intake (police.report) nor a note.
// {consent} and {cases} are filled by withConsent(): for an export, only cases whose consent
// allows statistics; for the statutory report every case, without the join.
const char* kReportSql = R"SQL(
WITH p(f, t) AS (SELECT ?, ?),
cohort AS MATERIALIZED (
  SELECT c.id, c.incident_village, c.survivor_sex, c.survivor_age_band, c.types,
         c.incident_date, c.created_at
  FROM p, cases c INDEXED BY cases_report_cohort
  WHERE c.created_at >= p.f AND c.created_at < p.t {consent})
SELECT 'cases', '', COUNT(*) FROM cohort
UNION ALL
SELECT 'sex_age', survivor_sex || '|' || survivor_age_band, COUNT(*) FROM cohort
  GROUP BY survivor_sex, survivor_age_band
UNION ALL
SELECT 'village', incident_village, COUNT(*) FROM cohort GROUP BY incident_village
UNION ALL
SELECT 'types', types, COUNT(*) FROM cohort GROUP BY types
UNION ALL
SELECT 'delay_days', d, COUNT(*) FROM (
  SELECT CAST(julianday(date(created_at, '+7 hours')) - julianday(incident_date) AS INTEGER) AS d
  FROM cohort) GROUP BY d
UNION ALL
SELECT 'first_action_days', d, COUNT(*) FROM (
  SELECT CAST(julianday(date(MIN(e.at), '+7 hours')) - julianday(date(k.created_at, '+7 hours'))
              AS INTEGER) AS d
  FROM cohort k JOIN events e INDEXED BY events_report_case ON e.case_id = k.id
  WHERE e.type NOT IN ('police.report', 'note') GROUP BY k.id) GROUP BY d
UNION ALL
SELECT 'perpetrators', g.sex || '|' || g.relationship, COUNT(*)
  FROM cohort k JOIN case_perpetrators g ON g.case_id = k.id GROUP BY g.sex, g.relationship
UNION ALL
SELECT 'agency', s.agency, COUNT(*) FROM cohort k JOIN stages s ON s.case_id = k.id
  WHERE s.status IN ('accepted', 'active', 'completed') GROUP BY s.agency
UNION ALL
SELECT 'measure', e.type || '|' || m.value, COUNT(*)
  FROM p, events e INDEXED BY events_report_type_at
  JOIN event_measures m ON m.event_id = e.id {cases}
  WHERE e.type IN ('police.intervention', 'justice.mediation', 'justice.legal_aid',
                   'union.support')
    AND m.name = CASE e.type WHEN 'police.intervention' THEN 'action'
                             WHEN 'justice.mediation' THEN 'outcome' ELSE 'kind' END
    AND e.at >= p.f AND e.at < p.t {consent}
  GROUP BY e.type, m.value
UNION ALL
SELECT 'protection', o, COUNT(*) FROM (
  SELECT CASE WHEN r.decision_event IS NULL THEN 'pending'
              WHEN d.granted = 1 THEN 'granted' ELSE 'refused' END AS o
  FROM p, protection_requests r {cases_r}
  LEFT JOIN protection_decisions d ON d.event_id = r.decision_event
  WHERE r.requested_at >= p.f AND r.requested_at < p.t {consent}) GROUP BY o
UNION ALL
SELECT 'referral', r.status, COUNT(*) FROM p, referrals r {cases_r}
  WHERE r.referred_at >= p.f AND r.referred_at < p.t {consent}
  GROUP BY r.status
UNION ALL
SELECT 'closed', reason, COUNT(*) FROM (
  SELECT COALESCE(c.closure_reason, '') AS reason FROM p, cases c INDEXED BY cases_report_closed
  WHERE c.closed_at >= p.f AND c.closed_at < p.t AND c.closed_at IS NOT NULL
    AND c.status = 'closed' {consent}) GROUP BY reason
)SQL";

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// The statement for one purpose (two fixed texts; nothing from the request goes into SQL).
std::string withConsent(bool consentedOnly) {
    std::string sql = kReportSql;
    sql = replaceAll(sql, "{consent}", consentedOnly ? "AND c.consent_statistics = 1" : "");
    sql = replaceAll(
        sql, "{cases}",
        consentedOnly ? "JOIN cases c INDEXED BY cases_report_consent ON c.id = e.case_id" : "");
    sql = replaceAll(
        sql, "{cases_r}",
        consentedOnly ? "JOIN cases c INDEXED BY cases_report_consent ON c.id = r.case_id" : "");
    return sql;
}

}  // namespace

std::vector<core::report::GroupCount> ReportRepository::counts(const ReportQuery& query) {
    std::vector<core::report::GroupCount> out;
    db_.withReader([&](Poco::Data::Session& s) {
        std::string from = query.fromUtc, to = query.toUtc;
        std::vector<std::string> dimension, key;
        std::vector<Poco::Int64> count;
        s << withConsent(query.consentedOnly), use(from), use(to), into(dimension), into(key),
            into(count), now;
        out.reserve(dimension.size());
        for (std::size_t i = 0; i < dimension.size(); ++i)
            out.push_back({dimension[i], key[i], count[i]});
    });
    return out;
}

}  // namespace binhan::store
