-- 010 the dashboard reads indexes, not whole tables (issue 18); see schema/010_dashboard_indexes.sql.
CREATE INDEX protection_requests_pending ON protection_requests(requested_at, event_id)
    WHERE decision_event IS NULL;
CREATE INDEX protection_decisions_running ON protection_decisions(ends, event_id)
    WHERE granted = 1 AND revoke_event IS NULL;
