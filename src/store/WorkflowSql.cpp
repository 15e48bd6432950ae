#include "store/WorkflowSql.h"

#include <algorithm>

#include "store/Query.h"

#include "core/Error.h"
#include "store/CaseRepository.h"
#include "store/Sql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store::shared {

Poco::Data::BLOB toBlob(const Blob& bytes) {
    return Poco::Data::BLOB(bytes.data(), bytes.size());
}

Blob fromBlob(const Poco::Data::BLOB& blob) {
    return Blob(blob.rawContent(), blob.rawContent() + blob.size());
}

std::string stagesColumn(const Poco::Data::Session& s, const std::string& caseIdColumn) {
    return jsonRows(s,
                    "SELECT agency AS c0, status AS c1, since AS c2, COALESCE(reason, '') AS c3 "
                    "FROM stages WHERE case_id = " +
                        caseIdColumn,
                    4);
}

std::vector<StageRow> stagesFrom(const std::string& json) {
    std::vector<StageRow> stages;
    for (const auto& r : jsonRowsOf(json))
        stages.push_back({jsonText(*r, 0), jsonText(*r, 1), jsonText(*r, 2), jsonText(*r, 3)});
    std::sort(stages.begin(), stages.end(),
              [](const StageRow& a, const StageRow& b) { return a.agency < b.agency; });
    return stages;
}

std::string closureColumns(const std::string& caseIdColumn) {
    // A reopening starts over: an approval given before it does not close the case again.
    const std::string latest =
        "(SELECT MAX(e.id) FROM events e WHERE e.case_id = " + caseIdColumn +
        " AND e.type = 'closure.request' AND e.voided_at IS NULL AND e.recorded_at > "
        "COALESCE((SELECT MAX(x.at) FROM case_status_changes x WHERE x.case_id = " +
        caseIdColumn + " AND x.status = 'reopened'), ''))";
    return "COALESCE(" + latest +
           ", 0), COALESCE((SELECT a.value FROM events d JOIN event_measures r ON r.event_id = "
           "d.id AND r.name = 'request_event' JOIN event_measures a ON a.event_id = d.id AND "
           "a.name = 'approved' WHERE d.case_id = " +
           caseIdColumn +
           " AND d.type = 'closure.decision' AND d.voided_at IS NULL AND r.value = CAST(" + latest +
           " AS TEXT) ORDER BY d.id DESC LIMIT 1), '')";
}

CaseState loadCaseState(Poco::Data::Session& s, std::int64_t caseId) {
    Query query(s,
                "SELECT code, status, opened_agency, child, crime, administrative_sanction, "
                "consent_given, consent_given_by, consent_agencies, consent_statistics, " +
                    stagesColumn(s, "cases.id") + ", risk, " + closureColumns("cases.id") +
                    " FROM cases WHERE id = ? AND data_key IS NOT NULL");
    if (!query.bind(caseId).next()) throw core::NotFound("No such case.");
    CaseState state;
    state.id = caseId;
    state.code = query.text(0);
    state.status = query.text(1);
    state.openedAgency = query.text(2);
    state.child = query.flag(3);
    state.crime = query.flag(4);
    state.administrativeSanction = query.flag(5);
    state.consentGiven = query.flag(6);
    state.consentGivenBy = query.text(7);
    state.consentAgencies = splitList(query.text(8));
    state.consentStatistics = query.flag(9);
    state.stages = stagesFrom(query.text(10));
    state.risk = query.text(11);
    state.closureRequest = query.integer(12);
    state.closureAnswer = query.text(13);
    return state;
}

ProtectionLedger loadProtection(Poco::Data::Session& s, std::int64_t caseId) {
    ProtectionLedger ledger;
    Query requests(s,
                   "SELECT event_id, requested_at, deadline, COALESCE(decision_event, 0) FROM "
                   "protection_requests WHERE case_id = ? ORDER BY event_id");
    requests.bind(caseId);
    while (requests.next())
        ledger.requests.push_back(
            {requests.integer(0), caseId, requests.text(1), requests.text(2), requests.integer(3)});
    Query decisions(s,
                    "SELECT event_id, request_event, leader_id, decided_at, late, granted, "
                    "COALESCE(starts, ''), COALESCE(ends, ''), notified, "
                    "COALESCE(revoke_event, 0), COALESCE(revoked_at, '') FROM "
                    "protection_decisions WHERE case_id = ? ORDER BY event_id");
    decisions.bind(caseId);
    while (decisions.next()) {
        ProtectionDecisionRow d;
        d.eventId = decisions.integer(0);
        d.caseId = caseId;
        d.requestEvent = decisions.integer(1);
        d.leaderId = decisions.integer(2);
        d.decidedAt = decisions.text(3);
        d.late = decisions.flag(4);
        d.granted = decisions.flag(5);
        d.starts = decisions.text(6);
        d.ends = decisions.text(7);
        d.notified = splitList(decisions.text(8));
        d.revokeEvent = decisions.integer(9);
        d.revokedAt = decisions.text(10);
        ledger.decisions.push_back(std::move(d));
    }
    // Issue 20: the deliveries of the decisions, from their measures in clear.
    Query deliveries(s,
                     "SELECT e.id, d.value, p.value, t.value FROM events e JOIN event_measures d "
                     "ON d.event_id = e.id AND d.name = 'decision_event' JOIN event_measures p "
                     "ON p.event_id = e.id AND p.name = 'party' JOIN event_measures t ON "
                     "t.event_id = e.id AND t.name = 'delivered_at' WHERE e.case_id = ? AND "
                     "e.type = 'protection.delivery' AND e.voided_at IS NULL ORDER BY e.id");
    deliveries.bind(caseId);
    while (deliveries.next())
        ledger.deliveries.push_back({deliveries.integer(0), std::stoll(deliveries.text(1)),
                                     deliveries.text(2), deliveries.text(3)});
    return ledger;
}

void putStage(Poco::Data::Session& s, std::int64_t caseId, const StageRow& stage) {
    Poco::Int64 id = caseId;
    std::string agency = stage.agency, status = stage.status, since = stage.since,
                reason = stage.reason;
    s << sql(s,
             "INSERT INTO stages (case_id, agency, status, since, reason) VALUES (?, ?, ?, ?, "
             "NULLIF(?, '')) ON CONFLICT (case_id, agency) DO UPDATE SET status = excluded.status, "
             "since = excluded.since, reason = excluded.reason"),
        use(id), use(agency), use(status), use(since), use(reason), now;
}

void setCaseStatus(Poco::Data::Session& s, std::int64_t caseId, const std::string& status,
                   const std::string& at) {
    Query(s, "UPDATE cases SET status = ?, updated_at = ? WHERE id = ?")
        .bind(status)
        .bind(at)
        .bind(caseId)
        .run();
}

void touchCase(Poco::Data::Session& s, std::int64_t caseId, const std::string& at) {
    Query(s, "UPDATE cases SET updated_at = ? WHERE id = ?").bind(at).bind(caseId).run();
}

std::int64_t nextId(Poco::Data::Session& s, const std::string& table) {
    Query query(s, "SELECT COALESCE(MAX(id), 0) + 1 FROM " + table);
    query.next();
    return query.integer(0);
}

void insertConsentRecord(Poco::Data::Session& s, const ConsentRecordRow& r) {
    const std::int64_t id = r.id > 0 ? r.id : nextId(s, "consent_records");
    const std::string agencies = joinList(r.agencies);
    Query(s,
          "INSERT INTO consent_records (id, case_id, given, given_by, agencies, statistics, "
          "recorded_at, recorded_by, recorded_role, withdrawn, reason) VALUES (?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, NULLIF(?, x''))")
        .bind(id)
        .bind(r.caseId)
        .bind(r.given)
        .bind(r.givenBy)
        .bind(agencies)
        .bind(r.statistics)
        .bind(r.recordedAt)
        .bind(r.recordedBy)
        .bind(r.recordedRole)
        .bind(joinList(r.withdrawn))
        .bind(r.reason)
        .run();
    Query(s,
          "UPDATE cases SET consent_given = ?, consent_given_by = ?, consent_agencies = ?, "
          "consent_statistics = ?, updated_at = ? WHERE id = ?")
        .bind(r.given)
        .bind(r.givenBy)
        .bind(agencies)
        .bind(r.statistics)
        .bind(r.recordedAt)
        .bind(r.caseId)
        .run();
}

CaseWorkflowSummary loadWorkflowSummary(Poco::Data::Session& s, std::int64_t caseId) {
    CaseWorkflowSummary out;
    Poco::Int64 id = caseId;
    std::vector<Poco::Int64> recordId, by;
    std::vector<int> given, statistics;
    std::vector<std::string> givenBy, agencies, at, role, withdrawn;
    s << sql(
        s,
        "SELECT id, given, given_by, agencies, statistics, recorded_at, recorded_by, "
        "recorded_role, withdrawn FROM consent_records WHERE case_id = ? ORDER BY id DESC LIMIT 1"),
        use(id), into(recordId), into(given), into(givenBy), into(agencies), into(statistics),
        into(at), into(by), into(role), into(withdrawn), now;
    if (!recordId.empty())
        out.consent = ConsentRecordRow{recordId[0],
                                       caseId,
                                       given[0] != 0,
                                       givenBy[0],
                                       splitList(agencies[0]),
                                       statistics[0] != 0,
                                       at[0],
                                       by[0],
                                       role[0],
                                       splitList(withdrawn[0]),
                                       {}};
    std::vector<Poco::Int64> changeId, changedBy;
    std::vector<std::string> status, changedAt, changedRole;
    std::vector<Poco::Data::BLOB> reason;
    s << sql(
        s,
        "SELECT x.id, x.status, x.at, x.by_user, x.by_role, x.reason FROM case_status_changes x "
        "JOIN cases c ON c.id = x.case_id AND c.status = 'closed' WHERE x.case_id = ? ORDER BY "
        "x.id DESC LIMIT 1"),
        use(id), into(changeId), into(status), into(changedAt), into(changedBy), into(changedRole),
        into(reason), now;
    if (!changeId.empty() && status[0] == "closed")
        out.closure =
            CaseStatusChangeRow{changeId[0],  caseId,         status[0],          changedAt[0],
                                changedBy[0], changedRole[0], fromBlob(reason[0])};
    return out;
}

}  // namespace binhan::store::shared
