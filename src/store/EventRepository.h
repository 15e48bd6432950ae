#pragma once
// The timeline of a case (schema/004_workflow.sql: events, event_measures and the
// contact-prohibition tables). SQL only; no crypto, no policy: the rules run in the `decide`
// callbacks the service passes, inside the same write transaction as the change they allow, so
// a use case is one transaction (and carries its one audit entry). Thread-safe.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/Database.h"
#include "store/NotificationRepository.h"
#include "store/WorkflowRecords.h"

namespace binhan::store {

// Everything one new event writes.
struct EventWrite {
    EventRow event;  // `id` and `caseId` are set by the repository
    std::vector<std::pair<std::string, std::string>> measures;  // name, value (plaintext)
    std::string caseStatus;                                     // the case's status after the event
    std::optional<ProtectionRequestRow> request;    // protection.request: opens the window
    std::optional<ProtectionDecisionRow> decision;  // protection.decision: closes it
    std::int64_t revokes = 0;                       // protection.revoke: the decision revoked
    std::string caseRisk;            // risk.screen (issue 20): the case's new level; "" unchanged
    bool beforeChair = false;        // closure.request (issue 20): puts the case before the chair
    std::vector<NoticeRow> notices;  // issue 22: told in the same transaction
};

// The callback that decides a new event: given the case's state and protection history as they
// are in this transaction and the id the event will get, returns what to write, or throws (and
// nothing is written).
using DecideEvent =
    std::function<EventWrite(const CaseState&, const ProtectionLedger&, std::int64_t eventId)>;
// The callback that marks a due item done: returns the updated row, or throws.
using DecideDone = std::function<EventRow(const CaseState&, const EventRow&)>;
// The callback that voids an entry (issue 19): given the case and the entry as they are in the
// transaction, returns what to write on it, or throws.
using DecideVoid = std::function<EventVoid(const CaseState&, const EventRow&)>;
// The callback that corrects an entry: the new entry (its id `newId`) and the void of the old.
using DecideCorrection = std::function<std::pair<EventWrite, EventVoid>(
    const CaseState&, const EventRow& old, std::int64_t newId)>;

class EventRepository {
  public:
    explicit EventRepository(Database& db) : db_(db) {}

    // Adds one event in one transaction: the event, its measures, the case status, and the
    // protection rows (a request also shows the case to the leader: case_protection_requests).
    // Throws NotFound for an absent or erased case, and whatever `decide` throws.
    EventRow add(std::int64_t caseId, const DecideEvent& decide);
    // Marks event `eventId` of the case done in one transaction. NotFound when the case or the
    // event on it does not exist.
    EventRow markDone(std::int64_t caseId, std::int64_t eventId, const DecideDone& decide);
    // Voids entry `eventId` of the case in one transaction; the report counts drop what it
    // counted. NotFound when the case or the entry on it does not exist.
    EventRow voidEvent(std::int64_t caseId, std::int64_t eventId, const DecideVoid& decide);
    // Adds the correction of entry `eventId` and voids the old one, in one transaction; returns
    // the new entry. NotFound as voidEvent.
    EventRow correct(std::int64_t caseId, std::int64_t eventId, const DecideCorrection& decide);

    // Every event of the case, oldest first.
    std::vector<EventRow> list(std::int64_t caseId);
    std::optional<EventRow> find(std::int64_t caseId, std::int64_t eventId);
    // The case's contact-prohibition history (read outside a transaction, for views).
    ProtectionLedger protection(std::int64_t caseId);

  private:
    Database& db_;
};

}  // namespace binhan::store
