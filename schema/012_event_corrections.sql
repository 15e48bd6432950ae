-- 012 a mistaken timeline entry is voided or corrected, never deleted (issue 19). The entry
-- stays, marked with who voided it, when and why (the reason sealed under the case key);
-- a correction is a new entry naming the one it corrects, which is voided by it. A voided
-- entry no longer counts: the facts of 008 are the same but for the two that read events.
ALTER TABLE events ADD COLUMN corrects INTEGER;       -- the entry this one corrects
ALTER TABLE events ADD COLUMN superseded_by INTEGER;  -- the correction that replaced this one
ALTER TABLE events ADD COLUMN voided_at TEXT;
ALTER TABLE events ADD COLUMN voided_by INTEGER;
ALTER TABLE events ADD COLUMN void_reason BLOB;     -- sealed as "event.<id>.void_reason"

DROP VIEW report_facts;

CREATE VIEW report_facts (case_id, commune, consented, day, dimension, key) AS
SELECT c.id, c.commune, c.consent_statistics, date(c.created_at, '+7 hours'), 'cases', ''
  FROM cases c
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, date(c.created_at, '+7 hours'), 'sex_age',
       c.survivor_sex || '|' || c.survivor_age_band FROM cases c
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, date(c.created_at, '+7 hours'), 'village',
       c.incident_village
  FROM cases c
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, date(c.created_at, '+7 hours'), 'types', c.types
  FROM cases c
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, date(c.created_at, '+7 hours'), 'delay_days',
       COALESCE(CAST(CAST(julianday(date(c.created_at, '+7 hours')) - julianday(c.incident_date)
                          AS INTEGER) AS TEXT), '')
  FROM cases c
UNION ALL
-- Days from the report to the first action: the first event that is neither the intake nor a note.
SELECT id, commune, consent_statistics, date(created_at, '+7 hours'), 'first_action_days',
       COALESCE(CAST(CAST(julianday(date(first_at, '+7 hours'))
                          - julianday(date(created_at, '+7 hours')) AS INTEGER) AS TEXT), '')
  FROM (SELECT c.id, c.commune, c.consent_statistics, c.created_at,
               (SELECT MIN(e.at) FROM events e WHERE e.case_id = c.id
                  AND e.type NOT IN ('police.report', 'note') AND e.voided_at IS NULL) AS first_at
        FROM cases c)
  WHERE first_at IS NOT NULL
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, date(c.created_at, '+7 hours'), 'perpetrators',
       g.sex || '|' || g.relationship
  FROM cases c JOIN case_perpetrators g ON g.case_id = c.id
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, date(c.created_at, '+7 hours'), 'agency', s.agency
  FROM cases c JOIN stages s ON s.case_id = c.id
  WHERE s.status IN ('accepted', 'active', 'completed')
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, date(e.at, '+7 hours'), 'measure',
       e.type || '|' || m.value
  FROM cases c JOIN events e ON e.case_id = c.id JOIN event_measures m ON m.event_id = e.id
  WHERE e.type IN ('police.intervention', 'justice.mediation', 'justice.legal_aid',
                   'union.support')
    AND m.name = CASE e.type WHEN 'police.intervention' THEN 'action'
                             WHEN 'justice.mediation' THEN 'outcome' ELSE 'kind' END
    AND e.voided_at IS NULL
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, date(r.requested_at, '+7 hours'), 'protection',
       CASE WHEN r.decision_event IS NULL THEN 'pending'
            WHEN d.granted = 1 THEN 'granted' ELSE 'refused' END
  FROM cases c JOIN protection_requests r ON r.case_id = c.id
  LEFT JOIN protection_decisions d ON d.event_id = r.decision_event
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, date(r.referred_at, '+7 hours'), 'referral', r.status
  FROM cases c JOIN referrals r ON r.case_id = c.id
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, date(c.closed_at, '+7 hours'), 'closed',
       COALESCE(c.closure_reason, '')
  FROM cases c WHERE c.status = 'closed' AND c.closed_at IS NOT NULL;
