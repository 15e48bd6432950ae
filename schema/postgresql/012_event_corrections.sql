-- PostgreSQL dialect of ../012_event_corrections.sql (issue 19).
ALTER TABLE events ADD COLUMN corrects BIGINT;       -- the entry this one corrects
ALTER TABLE events ADD COLUMN superseded_by BIGINT;  -- the correction that replaced this one
ALTER TABLE events ADD COLUMN voided_at TEXT;
ALTER TABLE events ADD COLUMN voided_by BIGINT;
ALTER TABLE events ADD COLUMN void_reason BYTEA;     -- sealed as "event.<id>.void_reason"

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
  FROM cases c WHERE c.status = 'closed' AND c.closed_at IS NOT NULL;
