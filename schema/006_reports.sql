-- 006 statistics (issue 7; store/ReportRepository). The periodic report reads the plaintext
-- statistics columns with a handful of GROUP BY queries over a period. Each index below covers
-- every column its query reads, so a yearly report over 100,000 cases reads only these narrow
-- indexes and never the wide rows (sealed keys, event details).
CREATE INDEX cases_report_cohort ON cases(created_at, consent_statistics, incident_village,
                                          survivor_sex, survivor_age_band, types, incident_date);
CREATE INDEX cases_report_closed ON cases(closed_at, status, consent_statistics, closure_reason)
    WHERE closed_at IS NOT NULL;
CREATE INDEX cases_report_consent ON cases(id, consent_statistics);
CREATE INDEX events_report_type_at ON events(type, at, case_id);
CREATE INDEX events_report_case ON events(case_id, type, at);
CREATE INDEX referrals_report_referred_at ON referrals(referred_at, status, case_id);
CREATE INDEX protection_requests_report_at ON protection_requests(requested_at, decision_event,
                                                                  case_id);
