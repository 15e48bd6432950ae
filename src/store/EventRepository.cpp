#include "store/EventRepository.h"

#include "core/Error.h"
#include "store/CaseRepository.h"
#include "store/Query.h"
#include "store/ReportCounts.h"
#include "store/Sql.h"
#include "store/WorkflowSql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {
namespace {

const char* kEventColumns =
    "SELECT id, case_id, type, at, recorded_at, author_id, author_role, COALESCE(due, ''), "
    "COALESCE(done_at, ''), COALESCE(done_by, 0), details, COALESCE(corrects, 0), "
    "COALESCE(superseded_by, 0), COALESCE(voided_at, ''), COALESCE(voided_by, 0), void_reason "
    "FROM events ";

std::vector<EventRow> selectEvents(Poco::Data::Session& s, const std::string& where,
                                   std::int64_t caseId, std::int64_t eventId) {
    Query query(s, std::string(kEventColumns) + where);
    query.bind(caseId).bind(eventId);
    std::vector<EventRow> out;
    while (query.next()) {
        EventRow e;
        e.id = query.integer(0);
        e.caseId = query.integer(1);
        e.type = query.text(2);
        e.at = query.text(3);
        e.recordedAt = query.text(4);
        e.authorId = query.integer(5);
        e.authorRole = query.text(6);
        e.due = query.text(7);
        e.doneAt = query.text(8);
        e.doneBy = query.integer(9);
        e.details = query.blob(10);
        e.corrects = query.integer(11);
        e.supersededBy = query.integer(12);
        e.voidedAt = query.text(13);
        e.voidedBy = query.integer(14);
        e.voidReason = query.blob(15);
        out.push_back(std::move(e));
    }
    return out;
}

void insertEvent(Poco::Data::Session& s, const EventRow& e) {
    Query(s,
          "INSERT INTO events (id, case_id, type, at, recorded_at, author_id, author_role, due, "
          "details, corrects, done_at, done_by) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, "
          "NULLIF(?, 0), NULLIF(?, ''), NULLIF(?, 0))")
        .bind(e.id)
        .bind(e.caseId)
        .bind(e.type)
        .bind(e.at)
        .bind(e.recordedAt)
        .bind(e.authorId)
        .bind(e.authorRole)
        .bind(e.due)
        .bind(e.details)
        .bind(e.corrects)
        .bind(e.doneAt)
        .bind(e.doneBy)
        .run();
}

void markVoided(Poco::Data::Session& s, std::int64_t eventId, const EventVoid& v) {
    Query(s,
          "UPDATE events SET voided_at = ?, voided_by = ?, void_reason = ?, superseded_by = "
          "NULLIF(?, 0) WHERE id = ? AND voided_at IS NULL")
        .bind(v.at)
        .bind(v.by)
        .bind(v.reason)
        .bind(v.supersededBy)
        .bind(eventId)
        .run();
}

EventRow eventOn(Poco::Data::Session& s, std::int64_t caseId, std::int64_t eventId) {
    auto found = selectEvents(s, "WHERE case_id = ? AND id = ?", caseId, eventId);
    if (found.empty()) throw core::NotFound("No such event on this case.");
    return found[0];
}

void insertMeasures(Poco::Data::Session& s, std::int64_t eventId,
                    const std::vector<std::pair<std::string, std::string>>& measures) {
    for (const auto& [name, value] : measures)
        Query(s,
              "INSERT INTO event_measures (event_id, name, value) VALUES (?, ?, ?) ON CONFLICT DO "
              "NOTHING")
            .bind(eventId)
            .bind(name)
            .bind(value)
            .run();
}

void putBeforeChair(Poco::Data::Session& s, std::int64_t caseId, std::int64_t eventId);

void insertRequest(Poco::Data::Session& s, const ProtectionRequestRow& r) {
    Poco::Int64 event = r.eventId, caseId = r.caseId;
    std::string requestedAt = r.requestedAt, deadline = r.deadline;
    s << sql(
        s,
        "INSERT INTO protection_requests (event_id, case_id, requested_at, deadline) VALUES (?, "
        "?, ?, ?)"),
        use(event), use(caseId), use(requestedAt), use(deadline), now;
    putBeforeChair(s, r.caseId, r.eventId);
}

// DESIGN.md §2: what is put before the chair shows him the case (CaseRepository::involvement):
// a protection request, a closure to approve (issue 20).
void putBeforeChair(Poco::Data::Session& s, std::int64_t caseId, std::int64_t eventId) {
    Query(s,
          "INSERT INTO case_protection_requests (case_id, event_id) VALUES (?, ?) ON CONFLICT DO "
          "NOTHING")
        .bind(caseId)
        .bind(eventId)
        .run();
}

// What an event writes on its case besides the status (issue 20).
void applyToCase(Poco::Data::Session& s, const EventWrite& write) {
    if (!write.caseRisk.empty())
        Query(s, "UPDATE cases SET risk = ? WHERE id = ?")
            .bind(write.caseRisk)
            .bind(write.event.caseId)
            .run();
    if (write.beforeChair) putBeforeChair(s, write.event.caseId, write.event.id);
}

void insertDecision(Poco::Data::Session& s, const ProtectionDecisionRow& d) {
    Poco::Int64 event = d.eventId, caseId = d.caseId, request = d.requestEvent, leader = d.leaderId;
    int late = d.late ? 1 : 0, granted = d.granted ? 1 : 0;
    std::string decidedAt = d.decidedAt, starts = d.starts, ends = d.ends,
                notified = joinList(d.notified);
    s << sql(s,
             "INSERT INTO protection_decisions (event_id, case_id, request_event, leader_id, "
             "decided_at, late, granted, starts, ends, notified) VALUES (?, ?, ?, ?, ?, ?, ?, "
             "NULLIF(?, ''), NULLIF(?, ''), ?)"),
        use(event), use(caseId), use(request), use(leader), use(decidedAt), use(late), use(granted),
        use(starts), use(ends), use(notified), now;
    s << sql(
        s,
        "UPDATE protection_requests SET decision_event = ? WHERE event_id = ? AND decision_event "
        "IS NULL"),
        use(event), use(request), now;
}

void markRevoked(Poco::Data::Session& s, Poco::Int64 decision, Poco::Int64 revokeEvent,
                 const std::string& at) {
    std::string when = at;
    s << sql(
        s,
        "UPDATE protection_decisions SET revoke_event = ?, revoked_at = ? WHERE event_id = ? AND "
        "revoke_event IS NULL"),
        use(revokeEvent), use(when), use(decision), now;
}

}  // namespace

EventRow EventRepository::add(std::int64_t caseId, const DecideEvent& decide) {
    EventRow stored;
    db_.withWriter([&](Poco::Data::Session& s) {
        const CaseState state = shared::loadCaseState(s, caseId);
        shared::ReportCountsUpdate counts(s, caseId);
        const ProtectionLedger ledger = shared::loadProtection(s, caseId);
        const std::int64_t id = shared::nextId(s, "events");
        EventWrite write = decide(state, ledger, id);
        write.event.id = id;
        write.event.caseId = caseId;
        insertEvent(s, write.event);
        insertMeasures(s, id, write.measures);
        if (write.request) insertRequest(s, *write.request);
        if (write.decision) insertDecision(s, *write.decision);
        if (write.revokes != 0) markRevoked(s, write.revokes, id, write.event.recordedAt);
        applyToCase(s, write);
        for (auto notice : write.notices) {
            notice.caseId = caseId;
            shared::queueNotice(s, notice, write.event.recordedAt);
        }
        shared::setCaseStatus(s, caseId, write.caseStatus, write.event.recordedAt);
        counts.apply();
        stored = write.event;
    });
    return stored;
}

EventRow EventRepository::markDone(std::int64_t caseId, std::int64_t eventId,
                                   const DecideDone& decide) {
    EventRow updated;
    db_.withWriter([&](Poco::Data::Session& s) {
        const CaseState state = shared::loadCaseState(s, caseId);
        updated = decide(state, eventOn(s, caseId, eventId));
        Poco::Int64 id = eventId, by = updated.doneBy;
        std::string at = updated.doneAt;
        s << sql(s, "UPDATE events SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL"),
            use(at), use(by), use(id), now;
        shared::touchCase(s, caseId, at);
    });
    return updated;
}

EventRow EventRepository::voidEvent(std::int64_t caseId, std::int64_t eventId,
                                    const DecideVoid& decide) {
    EventRow voided;
    db_.withWriter([&](Poco::Data::Session& s) {
        const CaseState state = shared::loadCaseState(s, caseId);
        shared::ReportCountsUpdate counts(s, caseId);
        voided = eventOn(s, caseId, eventId);
        const EventVoid v = decide(state, voided);
        markVoided(s, eventId, v);
        voided.voidedAt = v.at;
        voided.voidedBy = v.by;
        voided.voidReason = v.reason;
        shared::touchCase(s, caseId, v.at);
        counts.apply();
    });
    return voided;
}

EventRow EventRepository::correct(std::int64_t caseId, std::int64_t eventId,
                                  const DecideCorrection& decide) {
    EventRow stored;
    db_.withWriter([&](Poco::Data::Session& s) {
        const CaseState state = shared::loadCaseState(s, caseId);
        shared::ReportCountsUpdate counts(s, caseId);
        const EventRow old = eventOn(s, caseId, eventId);
        const std::int64_t id = shared::nextId(s, "events");
        auto [write, voidOld] = decide(state, old, id);
        write.event.id = id;
        write.event.caseId = caseId;
        write.event.corrects = eventId;
        voidOld.supersededBy = id;
        insertEvent(s, write.event);
        insertMeasures(s, id, write.measures);
        applyToCase(s, write);
        markVoided(s, eventId, voidOld);
        shared::touchCase(s, caseId, write.event.recordedAt);
        counts.apply();
        stored = write.event;
    });
    return stored;
}

std::vector<EventRow> EventRepository::list(std::int64_t caseId) {
    std::vector<EventRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        out = selectEvents(s, "WHERE case_id = ? AND ? = 0 ORDER BY id", caseId, 0);
    });
    return out;
}

std::optional<EventRow> EventRepository::find(std::int64_t caseId, std::int64_t eventId) {
    std::vector<EventRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        out = selectEvents(s, "WHERE case_id = ? AND id = ?", caseId, eventId);
    });
    if (out.empty()) return std::nullopt;
    return out[0];
}

ProtectionLedger EventRepository::protection(std::int64_t caseId) {
    ProtectionLedger ledger;
    db_.withReader([&](Poco::Data::Session& s) { ledger = shared::loadProtection(s, caseId); });
    return ledger;
}

}  // namespace binhan::store
