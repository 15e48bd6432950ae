#include "store/WorkflowSql.h"

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

CaseState loadCaseState(Poco::Data::Session& s, std::int64_t caseId) {
    Poco::Int64 id = caseId;
    std::vector<std::string> code, status, opened, givenBy, agencies;
    std::vector<int> child, crime, sanction, given, statistics;
    s << sql(s,
             "SELECT code, status, opened_agency, child, crime, administrative_sanction, "
             "consent_given, consent_given_by, consent_agencies, consent_statistics FROM cases "
             "WHERE id = ? AND data_key IS NOT NULL"),
        use(id), into(code), into(status), into(opened), into(child), into(crime), into(sanction),
        into(given), into(givenBy), into(agencies), into(statistics), now;
    if (code.empty()) throw core::NotFound("No such case.");
    CaseState state;
    state.id = caseId;
    state.code = code[0];
    state.status = status[0];
    state.openedAgency = opened[0];
    state.child = child[0] != 0;
    state.crime = crime[0] != 0;
    state.administrativeSanction = sanction[0] != 0;
    state.consentGiven = given[0] != 0;
    state.consentGivenBy = givenBy[0];
    state.consentAgencies = splitList(agencies[0]);
    state.consentStatistics = statistics[0] != 0;
    std::vector<std::string> agency, stageStatus, since, reason;
    s << sql(s,
             "SELECT agency, status, since, COALESCE(reason, '') FROM stages WHERE case_id = ? "
             "ORDER BY agency"),
        use(id), into(agency), into(stageStatus), into(since), into(reason), now;
    for (std::size_t i = 0; i < agency.size(); ++i)
        state.stages.push_back({agency[i], stageStatus[i], since[i], reason[i]});
    return state;
}

ProtectionLedger loadProtection(Poco::Data::Session& s, std::int64_t caseId) {
    ProtectionLedger ledger;
    Poco::Int64 id = caseId;
    std::vector<Poco::Int64> requestId, decisionOf;
    std::vector<std::string> requestedAt, deadline;
    s << sql(s,
             "SELECT event_id, requested_at, deadline, COALESCE(decision_event, 0) FROM "
             "protection_requests WHERE case_id = ? ORDER BY event_id"),
        use(id), into(requestId), into(requestedAt), into(deadline), into(decisionOf), now;
    for (std::size_t i = 0; i < requestId.size(); ++i)
        ledger.requests.push_back(
            {requestId[i], caseId, requestedAt[i], deadline[i], decisionOf[i]});
    std::vector<Poco::Int64> eventId, request, leader, revokeEvent;
    std::vector<std::string> decidedAt, starts, ends, notified, revokedAt;
    std::vector<int> late, granted;
    s << sql(
        s,
        "SELECT event_id, request_event, leader_id, decided_at, late, granted, "
        "COALESCE(starts, ''), COALESCE(ends, ''), notified, COALESCE(revoke_event, 0), "
        "COALESCE(revoked_at, '') FROM protection_decisions WHERE case_id = ? ORDER BY event_id"),
        use(id), into(eventId), into(request), into(leader), into(decidedAt), into(late),
        into(granted), into(starts), into(ends), into(notified), into(revokeEvent), into(revokedAt),
        now;
    for (std::size_t i = 0; i < eventId.size(); ++i) {
        ProtectionDecisionRow d;
        d.eventId = eventId[i];
        d.caseId = caseId;
        d.requestEvent = request[i];
        d.leaderId = leader[i];
        d.decidedAt = decidedAt[i];
        d.late = late[i] != 0;
        d.granted = granted[i] != 0;
        d.starts = starts[i];
        d.ends = ends[i];
        d.notified = splitList(notified[i]);
        d.revokeEvent = revokeEvent[i];
        d.revokedAt = revokedAt[i];
        ledger.decisions.push_back(std::move(d));
    }
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
    Poco::Int64 id = caseId;
    std::string value = status, when = at;
    s << sql(s, "UPDATE cases SET status = ?, updated_at = ? WHERE id = ?"), use(value), use(when),
        use(id), now;
}

void touchCase(Poco::Data::Session& s, std::int64_t caseId, const std::string& at) {
    Poco::Int64 id = caseId;
    std::string when = at;
    s << sql(s, "UPDATE cases SET updated_at = ? WHERE id = ?"), use(when), use(id), now;
}

std::int64_t nextId(Poco::Data::Session& s, const std::string& table) {
    Poco::Int64 id = 0;
    s << sql(s, "SELECT COALESCE(MAX(id), 0) + 1 FROM " + table), into(id), now;
    return id;
}

void insertConsentRecord(Poco::Data::Session& s, const ConsentRecordRow& r) {
    Poco::Int64 id = r.id > 0 ? r.id : nextId(s, "consent_records"), caseId = r.caseId,
                by = r.recordedBy;
    int given = r.given ? 1 : 0, statistics = r.statistics ? 1 : 0;
    std::string givenBy = r.givenBy, agencies = joinList(r.agencies), at = r.recordedAt,
                role = r.recordedRole, withdrawn = joinList(r.withdrawn);
    auto reason = toBlob(r.reason);
    s << sql(s,
             "INSERT INTO consent_records (id, case_id, given, given_by, agencies, statistics, "
             "recorded_at, recorded_by, recorded_role, withdrawn, reason) VALUES (?, ?, ?, "
             "?, ?, ?, ?, ?, ?, ?, NULLIF(?, x''))"),
        use(id), use(caseId), use(given), use(givenBy), use(agencies), use(statistics), use(at),
        use(by), use(role), use(withdrawn), use(reason), now;
    s << sql(s,
             "UPDATE cases SET consent_given = ?, consent_given_by = ?, consent_agencies = ?, "
             "consent_statistics = ?, updated_at = ? WHERE id = ?"),
        use(given), use(givenBy), use(agencies), use(statistics), use(at), use(caseId), now;
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
