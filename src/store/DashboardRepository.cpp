#include "store/DashboardRepository.h"

#include <Poco/Data/Session.h>

#include "store/CaseRepository.h"
#include "store/CaseVisibility.h"
#include "store/Sql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {
namespace {

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
        std::string own = scope.agency;
        std::vector<Poco::Int64> id, caseId;
        std::vector<std::string> code, type, due;
        const auto visible = openCasesOf(s, scope);
        Poco::Data::Statement st(s);
        st << sql(s, std::string(
                         "SELECT e.id, e.case_id, c.code, e.type, e.due FROM events e JOIN cases "
                         "c ON c.id = e.case_id WHERE e.author_role = ? AND e.due IS NOT NULL AND "
                         "e.done_at IS NULL AND") +
                         visible.text + "ORDER BY e.due, e.id"),
            use(own);
        visible.bindTo(st);
        st, into(id), into(caseId), into(code), into(type), into(due);
        st.execute();
        for (std::size_t i = 0; i < id.size(); ++i)
            out.push_back({id[i], caseId[i], code[i], type[i], due[i]});
    });
    return out;
}

std::vector<PendingRequestRow> DashboardRepository::pendingRequests(const CaseScope& scope) {
    std::vector<PendingRequestRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        std::vector<Poco::Int64> id, caseId;
        std::vector<std::string> code, requestedAt;
        const auto visible = openCasesOf(s, scope);
        Poco::Data::Statement st(s);
        st << sql(s, std::string("SELECT p.event_id, p.case_id, c.code, p.requested_at FROM "
                                 "protection_requests p JOIN cases c ON c.id = p.case_id WHERE "
                                 "p.decision_event IS NULL AND") +
                         visible.text + "ORDER BY p.requested_at, p.event_id");
        visible.bindTo(st);
        st, into(id), into(caseId), into(code), into(requestedAt);
        st.execute();
        for (std::size_t i = 0; i < id.size(); ++i)
            out.push_back({id[i], caseId[i], code[i], requestedAt[i]});
    });
    return out;
}

std::vector<OrderRow> DashboardRepository::orders(const CaseScope& scope,
                                                  const std::string& endsFrom) {
    std::vector<OrderRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        std::string from = endsFrom;
        std::vector<Poco::Int64> id, caseId, request, leader;
        std::vector<std::string> code, decidedAt, starts, ends, notified;
        std::vector<int> late;
        const auto visible = openCasesOf(s, scope);
        Poco::Data::Statement st(s);
        st << sql(s,
                  std::string("SELECT d.event_id, d.case_id, c.code, d.request_event, d.leader_id, "
                              "d.decided_at, d.late, d.starts, d.ends, d.notified FROM "
                              "protection_decisions d JOIN cases c ON c.id = d.case_id WHERE "
                              "d.granted = 1 AND d.revoke_event IS NULL AND d.ends >= ? AND") +
                      visible.text + "ORDER BY d.ends, d.event_id"),
            use(from);
        visible.bindTo(st);
        st, into(id), into(caseId), into(code), into(request), into(leader), into(decidedAt),
            into(late), into(starts), into(ends), into(notified);
        st.execute();
        for (std::size_t i = 0; i < id.size(); ++i) {
            OrderRow row;
            row.caseCode = code[i];
            ProtectionDecisionRow& d = row.decision;
            d.eventId = id[i];
            d.caseId = caseId[i];
            d.requestEvent = request[i];
            d.leaderId = leader[i];
            d.decidedAt = decidedAt[i];
            d.late = late[i] != 0;
            d.granted = true;
            d.starts = starts[i];
            d.ends = ends[i];
            d.notified = splitList(notified[i]);
            out.push_back(std::move(row));
        }
    });
    return out;
}

}  // namespace binhan::store
