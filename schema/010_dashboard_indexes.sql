-- 010 the dashboard reads indexes, not whole tables (issue 18). The open protection requests and
-- the orders still running were found by scanning every request and every decision of the
-- database for each dashboard; these partial indexes hold just those rows, in the order the
-- dashboard lists them (events_open_due, schema/004_workflow.sql, does the same for due items).
CREATE INDEX protection_requests_pending ON protection_requests(requested_at, event_id)
    WHERE decision_event IS NULL;
CREATE INDEX protection_decisions_running ON protection_decisions(ends, event_id)
    WHERE granted = 1 AND revoke_event IS NULL;
