-- PostgreSQL dialect of ../006_reports.sql (issue 11). On SQLite, 006 added covering indexes for
-- the report's scans of a period and 007 dropped them again when report_counts replaced those
-- scans; a PostgreSQL database starts at the later design, so there is nothing to do here.
SELECT 1;
