-- PostgreSQL dialect of ../007_report_counts.sql (issue 11). SQLite's date(t, '+7 hours') and
-- julianday() become vn_day() and date arithmetic; the facts and the counts are the same.

-- The Vietnam calendar day (UTC+7) of an RFC 3339 UTC time, as SQLite's date(t, '+7 hours').
CREATE FUNCTION vn_day(t TEXT) RETURNS TEXT LANGUAGE sql STABLE
  AS $$ SELECT to_char((t::timestamptz AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD') $$;

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
SELECT c.id, c.consent_statistics, vn_day(c.created_at), 'cases', '' FROM cases c
UNION ALL
SELECT c.id, c.consent_statistics, vn_day(c.created_at), 'sex_age',
       c.survivor_sex || '|' || c.survivor_age_band FROM cases c
UNION ALL
SELECT c.id, c.consent_statistics, vn_day(c.created_at), 'village', c.incident_village
  FROM cases c
UNION ALL
SELECT c.id, c.consent_statistics, vn_day(c.created_at), 'types', c.types FROM cases c
UNION ALL
SELECT c.id, c.consent_statistics, vn_day(c.created_at), 'delay_days',
       COALESCE(CAST(vn_day(c.created_at)::date - c.incident_date::date AS TEXT), '')
  FROM cases c
UNION ALL
-- Days from the report to the first action: the first event that is neither the intake nor a note.
SELECT id, consent_statistics, vn_day(created_at), 'first_action_days',
       COALESCE(CAST(vn_day(first_at)::date - vn_day(created_at)::date AS TEXT), '')
  FROM (SELECT c.id, c.consent_statistics, c.created_at,
               (SELECT MIN(e.at) FROM events e WHERE e.case_id = c.id
                  AND e.type NOT IN ('police.report', 'note')) AS first_at
        FROM cases c) AS first_actions
  WHERE first_at IS NOT NULL
UNION ALL
SELECT c.id, c.consent_statistics, vn_day(c.created_at), 'perpetrators',
       g.sex || '|' || g.relationship
  FROM cases c JOIN case_perpetrators g ON g.case_id = c.id
UNION ALL
SELECT c.id, c.consent_statistics, vn_day(c.created_at), 'agency', s.agency
  FROM cases c JOIN stages s ON s.case_id = c.id
  WHERE s.status IN ('accepted', 'active', 'completed')
UNION ALL
SELECT c.id, c.consent_statistics, vn_day(e.at), 'measure', e.type || '|' || m.value
  FROM cases c JOIN events e ON e.case_id = c.id JOIN event_measures m ON m.event_id = e.id
  WHERE e.type IN ('police.intervention', 'justice.mediation', 'justice.legal_aid',
                   'union.support')
    AND m.name = CASE e.type WHEN 'police.intervention' THEN 'action'
                             WHEN 'justice.mediation' THEN 'outcome' ELSE 'kind' END
UNION ALL
SELECT c.id, c.consent_statistics, vn_day(r.requested_at), 'protection',
       CASE WHEN r.decision_event IS NULL THEN 'pending'
            WHEN d.granted = 1 THEN 'granted' ELSE 'refused' END
  FROM cases c JOIN protection_requests r ON r.case_id = c.id
  LEFT JOIN protection_decisions d ON d.event_id = r.decision_event
UNION ALL
SELECT c.id, c.consent_statistics, vn_day(r.referred_at), 'referral', r.status
  FROM cases c JOIN referrals r ON r.case_id = c.id
UNION ALL
SELECT c.id, c.consent_statistics, vn_day(c.closed_at), 'closed',
       COALESCE(c.closure_reason, '')
  FROM cases c WHERE c.status = 'closed' AND c.closed_at IS NOT NULL;

-- The counts of report_facts by Vietnam day and by month ('YYYY-MM-DD' / 'YYYY-MM'), split by
-- consent. A row whose count falls to 0 is deleted.
CREATE TABLE report_counts (
    grain     TEXT NOT NULL CHECK (grain IN ('day', 'month')),
    period    TEXT NOT NULL,
    dimension TEXT NOT NULL,
    key       TEXT NOT NULL,
    consented BIGINT NOT NULL CHECK (consented IN (0, 1)),
    n         BIGINT NOT NULL,
    PRIMARY KEY (grain, period, dimension, key, consented)
);

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
