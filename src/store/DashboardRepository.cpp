#include "store/DashboardRepository.h"

#include <Poco/Data/Session.h>

#include "store/CaseRepository.h"
#include "store/Sql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {
namespace {

// The cases the caller's dashboard may name (parameters: commune, agency, agency, user id).
const char* kVisible =
    " c.commune = ? AND c.data_key IS NOT NULL AND c.status <> 'closed' AND (? = '' OR EXISTS "
    "(SELECT 1 FROM "
    "stages g WHERE g.case_id = c.id AND g.agency = ? AND g.status = 'active')) AND NOT EXISTS "
    "(SELECT 1 FROM recusals x WHERE x.case_id = c.id AND x.user_id = ?) ";

}  // namespace

std::vector<DueItemRow> DashboardRepository::openDueItems(const std::string& agency,
                                                          const std::string& commune,
                                                          std::int64_t userId) {
    std::vector<DueItemRow> out;
    if (agency.empty()) return out;  // the leader records no due items
    db_.withReader([&](Poco::Data::Session& s) {
        std::string own = agency, place = commune;
        Poco::Int64 user = userId;
        std::vector<Poco::Int64> id, caseId;
        std::vector<std::string> code, type, due;
        s << sql(s, std::string(
                        "SELECT e.id, e.case_id, c.code, e.type, e.due FROM events e JOIN cases "
                        "c ON c.id = e.case_id WHERE e.author_role = ? AND e.due IS NOT NULL AND "
                        "e.done_at IS NULL AND") +
                        kVisible + "ORDER BY e.due, e.id"),
            use(own), use(place), use(own), use(own), use(user), into(id), into(caseId), into(code),
            into(type), into(due), now;
        for (std::size_t i = 0; i < id.size(); ++i)
            out.push_back({id[i], caseId[i], code[i], type[i], due[i]});
    });
    return out;
}

std::vector<PendingRequestRow> DashboardRepository::pendingRequests(const std::string& agency,
                                                                    const std::string& commune,
                                                                    std::int64_t userId) {
    std::vector<PendingRequestRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        std::string own = agency, place = commune;
        Poco::Int64 user = userId;
        std::vector<Poco::Int64> id, caseId;
        std::vector<std::string> code, requestedAt;
        s << sql(s, std::string("SELECT p.event_id, p.case_id, c.code, p.requested_at FROM "
                                "protection_requests p JOIN cases c ON c.id = p.case_id WHERE "
                                "p.decision_event IS NULL AND") +
                        kVisible + "ORDER BY p.requested_at, p.event_id"),
            use(place), use(own), use(own), use(user), into(id), into(caseId), into(code),
            into(requestedAt), now;
        for (std::size_t i = 0; i < id.size(); ++i)
            out.push_back({id[i], caseId[i], code[i], requestedAt[i]});
    });
    return out;
}

std::vector<OrderRow> DashboardRepository::orders(const std::string& agency,
                                                  const std::string& commune, std::int64_t userId,
                                                  const std::string& endsFrom) {
    std::vector<OrderRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        std::string own = agency, from = endsFrom, place = commune;
        Poco::Int64 user = userId;
        std::vector<Poco::Int64> id, caseId, request, leader;
        std::vector<std::string> code, decidedAt, starts, ends, notified;
        std::vector<int> late;
        s << sql(s,
                 std::string("SELECT d.event_id, d.case_id, c.code, d.request_event, d.leader_id, "
                             "d.decided_at, d.late, d.starts, d.ends, d.notified FROM "
                             "protection_decisions d JOIN cases c ON c.id = d.case_id WHERE "
                             "d.granted = 1 AND d.revoke_event IS NULL AND d.ends >= ? AND") +
                     kVisible + "ORDER BY d.ends, d.event_id"),
            use(from), use(place), use(own), use(own), use(user), into(id), into(caseId),
            into(code), into(request), into(leader), into(decidedAt), into(late), into(starts),
            into(ends), into(notified), now;
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
