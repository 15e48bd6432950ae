-- 007 statistics kept by the writes (issue 7). The periodic report no longer re-reads every case
-- of the period: each write that changes what a case contributes to the statistics updates
-- report_counts in its own transaction (store/ReportCounts), and a report sums the counts of the
-- period's whole months and edge days — about 10,000 rows for a year of 100,000 cases.
-- report_facts says, once, what each case contributes: the writes, the back-fill below and the
-- check in the tests all read it. No identity, no sealed value: categories, dates, counts.

-- cases.closure_reason (in the schema since 003, NULL until now) holds the code of the reason a
-- closed case was closed (core::closureReasons(): resolved, survivor_request, …), counted by the
-- report; the free-text reason stays sealed in case_status_changes. NULL while the case is not
-- closed, and for cases closed before the code existed (counted as "unspecified").

-- What one case contributes to the statistics: one row per counted thing, on the Vietnam day
-- (UTC+7) it is counted on. The cohort (the case itself, its survivor, perpetrators, agencies,
-- delays) counts on the day the case was reported; measures on the day they happened.
-- `consented`: the case's consent allows statistics beyond the statutory report.
-- Dimensions and keys: core/report/ReportModel.h, GroupCount.
CREATE VIEW report_facts (case_id, consented, day, dimension, key) AS
SELECT c.id, c.consent_statistics, date(c.created_at, '+7 hours'), 'cases', '' FROM cases c
UNION ALL
SELECT c.id, c.consent_statistics, date(c.created_at, '+7 hours'), 'sex_age',
       c.survivor_sex || '|' || c.survivor_age_band FROM cases c
UNION ALL
SELECT c.id, c.consent_statistics, date(c.created_at, '+7 hours'), 'village', c.incident_village
  FROM cases c
UNION ALL
SELECT c.id, c.consent_statistics, date(c.created_at, '+7 hours'), 'types', c.types FROM cases c
UNION ALL
SELECT c.id, c.consent_statistics, date(c.created_at, '+7 hours'), 'delay_days',
       COALESCE(CAST(CAST(julianday(date(c.created_at, '+7 hours')) - julianday(c.incident_date)
                          AS INTEGER) AS TEXT), '')
  FROM cases c
UNION ALL
-- Days from the report to the first action: the first event that is neither the intake nor a note.
SELECT id, consent_statistics, date(created_at, '+7 hours'), 'first_action_days',
       COALESCE(CAST(CAST(julianday(date(first_at, '+7 hours'))
                          - julianday(date(created_at, '+7 hours')) AS INTEGER) AS TEXT), '')
  FROM (SELECT c.id, c.consent_statistics, c.created_at,
               (SELECT MIN(e.at) FROM events e WHERE e.case_id = c.id
                  AND e.type NOT IN ('police.report', 'note')) AS first_at
        FROM cases c)
  WHERE first_at IS NOT NULL
UNION ALL
SELECT c.id, c.consent_statistics, date(c.created_at, '+7 hours'), 'perpetrators',
       g.sex || '|' || g.relationship
  FROM cases c JOIN case_perpetrators g ON g.case_id = c.id
UNION ALL
SELECT c.id, c.consent_statistics, date(c.created_at, '+7 hours'), 'agency', s.agency
  FROM cases c JOIN stages s ON s.case_id = c.id
  WHERE s.status IN ('accepted', 'active', 'completed')
UNION ALL
SELECT c.id, c.consent_statistics, date(e.at, '+7 hours'), 'measure', e.type || '|' || m.value
  FROM cases c JOIN events e ON e.case_id = c.id JOIN event_measures m ON m.event_id = e.id
  WHERE e.type IN ('police.intervention', 'justice.mediation', 'justice.legal_aid',
                   'union.support')
    AND m.name = CASE e.type WHEN 'police.intervention' THEN 'action'
                             WHEN 'justice.mediation' THEN 'outcome' ELSE 'kind' END
UNION ALL
SELECT c.id, c.consent_statistics, date(r.requested_at, '+7 hours'), 'protection',
       CASE WHEN r.decision_event IS NULL THEN 'pending'
            WHEN d.granted = 1 THEN 'granted' ELSE 'refused' END
  FROM cases c JOIN protection_requests r ON r.case_id = c.id
  LEFT JOIN protection_decisions d ON d.event_id = r.decision_event
UNION ALL
SELECT c.id, c.consent_statistics, date(r.referred_at, '+7 hours'), 'referral', r.status
  FROM cases c JOIN referrals r ON r.case_id = c.id
UNION ALL
SELECT c.id, c.consent_statistics, date(c.closed_at, '+7 hours'), 'closed',
       COALESCE(c.closure_reason, '')
  FROM cases c WHERE c.status = 'closed' AND c.closed_at IS NOT NULL;

-- The counts of report_facts by Vietnam day and by month ('YYYY-MM-DD' / 'YYYY-MM'), split by
-- consent. A row whose count falls to 0 is deleted.
CREATE TABLE report_counts (
    grain     TEXT NOT NULL CHECK (grain IN ('day', 'month')),
    period    TEXT NOT NULL,
    dimension TEXT NOT NULL,
    key       TEXT NOT NULL,
    consented INTEGER NOT NULL CHECK (consented IN (0, 1)),
    n         INTEGER NOT NULL,
    PRIMARY KEY (grain, period, dimension, key, consented)
) WITHOUT ROWID;

-- A case's facts are read by case id at every write (referrals had no such index).
CREATE INDEX referrals_case ON referrals(case_id);

-- Back-fill from the cases already stored (the same two statements as
-- store/ReportCounts rebuildReportCounts).
INSERT INTO report_counts (grain, period, dimension, key, consented, n)
  SELECT 'day', day, dimension, key, consented, COUNT(*) FROM report_facts
  GROUP BY day, dimension, key, consented;
INSERT INTO report_counts (grain, period, dimension, key, consented, n)
  SELECT 'month', substr(period, 1, 7), dimension, key, consented, SUM(n) FROM report_counts
  WHERE grain = 'day' GROUP BY substr(period, 1, 7), dimension, key, consented;

-- The GROUP BY indexes of 006 served the report's scans of the period, which are gone.
DROP INDEX cases_report_cohort;
DROP INDEX cases_report_closed;
DROP INDEX cases_report_consent;
DROP INDEX events_report_type_at;
DROP INDEX referrals_report_referred_at;
DROP INDEX protection_requests_report_at;
