-- PostgreSQL dialect of ../013_case_practice.sql (issue 20).
ALTER TABLE cases ADD COLUMN intake_channel TEXT;
ALTER TABLE cases ADD COLUMN intake_received_at TEXT;

CREATE TABLE survivor_feedback_counts (
    commune  TEXT NOT NULL REFERENCES communes(code),
    month    TEXT NOT NULL,
    question TEXT NOT NULL,
    answer   TEXT NOT NULL,
    n        BIGINT NOT NULL,
    PRIMARY KEY (commune, month, question, answer)
);

DROP VIEW report_facts;

CREATE VIEW report_facts (case_id, commune, consented, day, dimension, key) AS
SELECT c.id, c.commune, c.consent_statistics, vn_day(c.created_at), 'cases', '' FROM cases c
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, vn_day(c.created_at), 'sex_age',
       c.survivor_sex || '|' || c.survivor_age_band FROM cases c
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, vn_day(c.created_at), 'village', c.incident_village
  FROM cases c
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, vn_day(c.created_at), 'types', c.types FROM cases c
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, vn_day(c.created_at), 'delay_days',
       COALESCE(CAST(vn_day(c.created_at)::date - c.incident_date::date AS TEXT), '')
  FROM cases c
UNION ALL
-- Days from the report to the first action: the first event that is neither the intake nor a note.
SELECT id, commune, consent_statistics, vn_day(created_at), 'first_action_days',
       COALESCE(CAST(vn_day(first_at)::date - vn_day(created_at)::date AS TEXT), '')
  FROM (SELECT c.id, c.commune, c.consent_statistics, c.created_at,
               (SELECT MIN(e.at) FROM events e WHERE e.case_id = c.id
                  AND e.type NOT IN ('police.report', 'note') AND e.voided_at IS NULL) AS first_at
        FROM cases c) AS first_actions
  WHERE first_at IS NOT NULL
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, vn_day(c.created_at), 'perpetrators',
       g.sex || '|' || g.relationship
  FROM cases c JOIN case_perpetrators g ON g.case_id = c.id
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, vn_day(c.created_at), 'agency', s.agency
  FROM cases c JOIN stages s ON s.case_id = c.id
  WHERE s.status IN ('accepted', 'active', 'completed')
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, vn_day(e.at), 'measure', e.type || '|' || m.value
  FROM cases c JOIN events e ON e.case_id = c.id JOIN event_measures m ON m.event_id = e.id
  WHERE e.type IN ('police.intervention', 'justice.mediation', 'justice.legal_aid',
                   'union.support')
    AND m.name = CASE e.type WHEN 'police.intervention' THEN 'action'
                             WHEN 'justice.mediation' THEN 'outcome' ELSE 'kind' END
    AND e.voided_at IS NULL
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, vn_day(r.requested_at), 'protection',
       CASE WHEN r.decision_event IS NULL THEN 'pending'
            WHEN d.granted = 1 THEN 'granted' ELSE 'refused' END
  FROM cases c JOIN protection_requests r ON r.case_id = c.id
  LEFT JOIN protection_decisions d ON d.event_id = r.decision_event
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, vn_day(r.referred_at), 'referral', r.status
  FROM cases c JOIN referrals r ON r.case_id = c.id
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, vn_day(c.closed_at), 'closed',
       COALESCE(c.closure_reason, '')
  FROM cases c WHERE c.status = 'closed' AND c.closed_at IS NOT NULL
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, vn_day(c.created_at), 'channel',
       COALESCE(c.intake_channel, '')
  FROM cases c
UNION ALL
-- Hours from the report's receipt (or the opening) to the first police intervention.
SELECT id, commune, consent_statistics, vn_day(created_at), 'hours_to_police',
       CAST(FLOOR(EXTRACT(EPOCH FROM ((first_at)::timestamptz - (COALESCE(received_at, created_at))::timestamptz)) / 3600) AS BIGINT)::TEXT
  FROM (SELECT c.id, c.commune, c.consent_statistics, c.created_at,
               c.intake_received_at AS received_at,
               (SELECT MIN(e.at) FROM events e WHERE e.case_id = c.id
                  AND e.type = 'police.intervention' AND e.voided_at IS NULL) AS first_at
        FROM cases c) AS police
  WHERE first_at IS NOT NULL
UNION ALL
-- Hours from opening to the first union follow-up.
SELECT id, commune, consent_statistics, vn_day(created_at), 'hours_to_union',
       CAST(FLOOR(EXTRACT(EPOCH FROM ((first_at)::timestamptz - (created_at)::timestamptz)) / 3600) AS BIGINT)::TEXT
  FROM (SELECT c.id, c.commune, c.consent_statistics, c.created_at,
               (SELECT MIN(e.at) FROM events e WHERE e.case_id = c.id
                  AND e.type = 'union.follow_up' AND e.voided_at IS NULL) AS first_at
        FROM cases c) AS follow_ups
  WHERE first_at IS NOT NULL
UNION ALL
-- Hours from a protection request's receipt to its decision (Law 13/2022 art. 25(2): 12).
SELECT c.id, c.commune, c.consent_statistics, vn_day(r.requested_at), 'hours_to_decision',
       CAST(FLOOR(EXTRACT(EPOCH FROM ((d.decided_at)::timestamptz - (r.requested_at)::timestamptz)) / 3600) AS BIGINT)::TEXT
  FROM cases c JOIN protection_requests r ON r.case_id = c.id
  JOIN protection_decisions d ON d.event_id = r.decision_event
UNION ALL
-- Hours from a referral to its acceptance.
SELECT c.id, c.commune, c.consent_statistics, vn_day(r.referred_at), 'hours_to_acceptance',
       CAST(FLOOR(EXTRACT(EPOCH FROM ((r.decided_at)::timestamptz - (r.referred_at)::timestamptz)) / 3600) AS BIGINT)::TEXT
  FROM cases c JOIN referrals r ON r.case_id = c.id
  WHERE r.status = 'accepted' AND r.decided_at IS NOT NULL;

-- Back-fill the new facts (the same statements as store/ReportCounts rebuildReportCounts).
DELETE FROM report_counts;
INSERT INTO report_counts (commune, grain, period, dimension, key, consented, n)
  SELECT commune, 'day', day, dimension, key, consented, COUNT(*) FROM report_facts
  GROUP BY commune, day, dimension, key, consented;
INSERT INTO report_counts (commune, grain, period, dimension, key, consented, n)
  SELECT commune, 'month', substr(period, 1, 7), dimension, key, consented, SUM(n)
  FROM report_counts WHERE grain = 'day' GROUP BY commune, substr(period, 1, 7), dimension, key,
  consented;
