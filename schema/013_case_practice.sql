-- 013 case practice (issue 20). How the report arrived and when (Law 13/2022 art. 19), kept in
-- clear for the statistics like the other categories of a case; the survivor's feedback at
-- closure as counts only (never a row per survivor, never with the case); and the report facts
-- restated with the intake channel and the four delays (in whole hours, bucketed by
-- core/report): report → first police intervention, protection request → decision, referral →
-- acceptance, opening → first union follow-up. Hours are whole seconds apart divided by 3600
-- (not julianday, whose floating point puts an exact 12 hours at 11.99…).
ALTER TABLE cases ADD COLUMN intake_channel TEXT;      -- core::intakeChannels(); NULL: not given
ALTER TABLE cases ADD COLUMN intake_received_at TEXT;  -- RFC 3339 UTC

-- Anonymous by construction: commune, month of the closure, question, answer, how many.
CREATE TABLE survivor_feedback_counts (
    commune  TEXT NOT NULL REFERENCES communes(code),
    month    TEXT NOT NULL,   -- YYYY-MM (Vietnam time)
    question TEXT NOT NULL,   -- core/workflow/SurvivorFeedback.h, or "declined"
    answer   TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (commune, month, question, answer)
);

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
  FROM cases c WHERE c.status = 'closed' AND c.closed_at IS NOT NULL
UNION ALL
SELECT c.id, c.commune, c.consent_statistics, date(c.created_at, '+7 hours'), 'channel',
       COALESCE(c.intake_channel, '')
  FROM cases c
UNION ALL
-- Hours from the report's receipt (or the opening) to the first police intervention.
SELECT id, commune, consent_statistics, date(created_at, '+7 hours'), 'hours_to_police',
       CAST((CAST(strftime('%s', first_at) AS INTEGER) - CAST(strftime('%s', COALESCE(received_at, created_at)) AS INTEGER)) / 3600 AS TEXT)
  FROM (SELECT c.id, c.commune, c.consent_statistics, c.created_at,
               c.intake_received_at AS received_at,
               (SELECT MIN(e.at) FROM events e WHERE e.case_id = c.id
                  AND e.type = 'police.intervention' AND e.voided_at IS NULL) AS first_at
        FROM cases c)
  WHERE first_at IS NOT NULL
UNION ALL
-- Hours from opening to the first union follow-up.
SELECT id, commune, consent_statistics, date(created_at, '+7 hours'), 'hours_to_union',
       CAST((CAST(strftime('%s', first_at) AS INTEGER) - CAST(strftime('%s', created_at) AS INTEGER)) / 3600 AS TEXT)
  FROM (SELECT c.id, c.commune, c.consent_statistics, c.created_at,
               (SELECT MIN(e.at) FROM events e WHERE e.case_id = c.id
                  AND e.type = 'union.follow_up' AND e.voided_at IS NULL) AS first_at
        FROM cases c)
  WHERE first_at IS NOT NULL
UNION ALL
-- Hours from a protection request's receipt to its decision (Law 13/2022 art. 25(2): 12).
SELECT c.id, c.commune, c.consent_statistics, date(r.requested_at, '+7 hours'), 'hours_to_decision',
       CAST((CAST(strftime('%s', d.decided_at) AS INTEGER) - CAST(strftime('%s', r.requested_at) AS INTEGER)) / 3600 AS TEXT)
  FROM cases c JOIN protection_requests r ON r.case_id = c.id
  JOIN protection_decisions d ON d.event_id = r.decision_event
UNION ALL
-- Hours from a referral to its acceptance.
SELECT c.id, c.commune, c.consent_statistics, date(r.referred_at, '+7 hours'), 'hours_to_acceptance',
       CAST((CAST(strftime('%s', r.decided_at) AS INTEGER) - CAST(strftime('%s', r.referred_at) AS INTEGER)) / 3600 AS TEXT)
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
