#include "store/DashboardRepository.h"

#include <Poco/Data/Session.h>

#include "store/CaseRepository.h"
#include "store/CaseVisibility.h"
#include "store/Query.h"
#include "store/Sql.h"

namespace binhan::store {
namespace {

// Each statement below walks its partial index (the few open items) and looks up each item's
// case: "CROSS JOIN" is SQLite's way to keep that order (without it, SQLite's planner walked
// every case of the commune and probed for items: 40-100 ms per dashboard over 100,000 cases,
// docs/benchmarks.md); PostgreSQL reads it as an inner join and plans it itself.

// The open cases of `scope` the caller's dashboard may name.
SqlFragment openCasesOf(const Poco::Data::Session& s, const CaseScope& scope) {
    SqlFragment f = visibleCases(s, "c", scope);
    f.text = " c.status <> 'closed' AND " + f.text + " ";
    return f;
}

}  // namespace

std::vector<DueItemRow> DashboardRepository::openDueItems(const CaseScope& scope) {
    std::vector<DueItemRow> out;
    if (scope.agency.empty()) return out;  // only agencies record due items
    db_.withReader([&](Poco::Data::Session& s) {
        const auto visible = openCasesOf(s, scope);
        // events_open_due (schema/004_workflow.sql) holds exactly the open due items by agency.
        Query query(
            s,
            "SELECT e.id, e.case_id, c.code, e.type, e.due FROM events e CROSS JOIN cases c "
            "WHERE c.id = e.case_id AND e.author_role = ? AND e.due IS NOT NULL AND "
            "e.done_at IS NULL AND e.voided_at IS NULL AND" +
                visible.text + "ORDER BY e.due, e.id");
        query.bind(scope.agency).bindAll(visible.binds);
        while (query.next())
            out.push_back(
                {query.integer(0), query.integer(1), query.text(2), query.text(3), query.text(4)});
    });
    return out;
}

std::vector<PendingRequestRow> DashboardRepository::pendingRequests(const CaseScope& scope) {
    std::vector<PendingRequestRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        const auto visible = openCasesOf(s, scope);
        // protection_requests_pending (schema/010_dashboard_indexes.sql).
        Query query(s,
                    "SELECT p.event_id, p.case_id, c.code, p.requested_at FROM "
                    "protection_requests p CROSS JOIN cases c WHERE c.id = p.case_id AND "
                    "p.decision_event IS NULL AND" +
                        visible.text + "ORDER BY p.requested_at, p.event_id");
        query.bindAll(visible.binds);
        while (query.next())
            out.push_back({query.integer(0), query.integer(1), query.text(2), query.text(3)});
    });
    return out;
}

std::vector<OrderRow> DashboardRepository::orders(const CaseScope& scope,
                                                  const std::string& endsFrom) {
    std::vector<OrderRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        const auto visible = openCasesOf(s, scope);
        // protection_decisions_running (schema/010_dashboard_indexes.sql).
        Query query(s,
                    "SELECT d.event_id, d.case_id, c.code, d.request_event, d.leader_id, "
                    "d.decided_at, d.late, d.starts, d.ends, d.notified FROM "
                    "protection_decisions d CROSS JOIN cases c WHERE c.id = d.case_id AND "
                    "d.granted = 1 AND d.revoke_event IS NULL AND d.ends >= ? AND" +
                        visible.text + "ORDER BY d.ends, d.event_id");
        query.bind(endsFrom).bindAll(visible.binds);
        while (query.next()) {
            OrderRow row;
            row.caseCode = query.text(2);
            ProtectionDecisionRow& d = row.decision;
            d.eventId = query.integer(0);
            d.caseId = query.integer(1);
            d.requestEvent = query.integer(3);
            d.leaderId = query.integer(4);
            d.decidedAt = query.text(5);
            d.late = query.flag(6);
            d.granted = true;
            d.starts = query.text(7);
            d.ends = query.text(8);
            d.notified = splitList(query.text(9));
            out.push_back(std::move(row));
        }
    });
    return out;
}

std::vector<CourtOrderRow> DashboardRepository::courtOrders(const CaseScope& scope,
                                                            const std::string& today) {
    std::vector<CourtOrderRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        const auto visible = openCasesOf(s, scope);
        Query query(s,
                    "SELECT e.id, e.case_id, c.code, b.value, n.value FROM events e JOIN "
                    "event_measures b ON b.event_id = e.id AND b.name = 'starts' JOIN "
                    "event_measures n ON n.event_id = e.id AND n.name = 'ends' CROSS JOIN cases "
                    "c WHERE c.id = e.case_id AND e.type = 'protection.court_order' AND "
                    "e.voided_at IS NULL AND n.value >= ? AND" +
                        visible.text + "ORDER BY n.value, e.id");
        query.bind(today).bindAll(visible.binds);
        while (query.next())
            out.push_back(
                {query.integer(0), query.integer(1), query.text(2), query.text(3), query.text(4)});
    });
    return out;
}

std::vector<PendingRequestRow> DashboardRepository::closureRequests(const CaseScope& scope) {
    std::vector<PendingRequestRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        const auto visible = openCasesOf(s, scope);
        Query query(s,
                    "SELECT e.id, e.case_id, c.code, e.at FROM events e CROSS JOIN cases c WHERE "
                    "c.id = e.case_id AND e.type = 'closure.request' AND e.voided_at IS NULL AND "
                    "NOT EXISTS (SELECT 1 FROM events d JOIN event_measures r ON r.event_id = "
                    "d.id AND r.name = 'request_event' WHERE d.case_id = e.case_id AND d.type = "
                    "'closure.decision' AND d.voided_at IS NULL AND r.value = CAST(e.id AS "
                    "TEXT)) AND" +
                        visible.text + "ORDER BY e.at, e.id");
        query.bindAll(visible.binds);
        while (query.next())
            out.push_back({query.integer(0), query.integer(1), query.text(2), query.text(3)});
    });
    return out;
}

}  // namespace binhan::store
