#pragma once
// Plain records of the workflow tables (schema/004_workflow.sql), as the store reads and writes
// them. Free text never appears here in clear: event details, reasons and summaries travel as
// sealed blobs (service/CaseSealer). Times are RFC 3339 UTC strings, dates YYYY-MM-DD.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/CaseRecords.h"

namespace binhan::store {

// What the workflow rules decide on about one case, read inside the write transaction that acts
// on it (so the rules and the change see the same state).
struct CaseState {
    std::int64_t id = 0;
    std::string code;
    std::string status;
    std::string openedAgency;
    bool child = false;
    bool crime = false;
    bool administrativeSanction = false;
    bool consentGiven = false;
    std::string consentGivenBy;
    std::vector<std::string> consentAgencies;
    bool consentStatistics = false;
    std::vector<StageRow> stages;
    std::string risk;  // the case's level: low | medium | high | critical
    // Issue 20: the latest standing closure.request (0: none) and the answer to it:
    // "" while none, "true" approved, "false" sent back.
    std::int64_t closureRequest = 0;
    std::string closureAnswer;
};

struct EventRow {
    std::int64_t id = 0;
    std::int64_t caseId = 0;
    std::string type;
    std::string at;
    std::string recordedAt;
    std::int64_t authorId = 0;
    std::string authorRole;
    std::string due;     // "" when none
    std::string doneAt;  // "" while not done
    std::int64_t doneBy = 0;
    Blob details;  // sealed as "event.<id>.details"
    // Issue 19: a mistaken entry is voided (kept, marked) or corrected by a new entry.
    std::int64_t corrects = 0;      // the entry this one corrects (0: none)
    std::int64_t supersededBy = 0;  // the correction that voided this one (0: none)
    std::string voidedAt;           // "" while it stands
    std::int64_t voidedBy = 0;
    Blob voidReason;  // sealed as "event.<id>.void_reason"; empty while it stands
};

// What voiding an entry writes on it.
struct EventVoid {
    std::string at;
    std::int64_t by = 0;
    Blob reason;                    // sealed
    std::int64_t supersededBy = 0;  // the correction, when the entry is voided by one
};

struct ProtectionRequestRow {
    std::int64_t eventId = 0;
    std::int64_t caseId = 0;
    std::string requestedAt;
    std::string deadline;
    std::int64_t decisionEvent = 0;  // 0 while undecided
};

struct ProtectionDecisionRow {
    std::int64_t eventId = 0;
    std::int64_t caseId = 0;
    std::int64_t requestEvent = 0;
    std::int64_t leaderId = 0;
    std::string decidedAt;
    bool late = false;
    bool granted = false;
    std::string starts;  // "" when refused
    std::string ends;
    std::vector<std::string> notified;
    std::int64_t revokeEvent = 0;  // 0 while not revoked
    std::string revokedAt;
};

// A standing protection.delivery (issue 20; Law 13/2022 art. 25(2)-(3)).
struct DeliveryRow {
    std::int64_t eventId = 0;
    std::int64_t decisionEvent = 0;
    std::string party;
    std::string deliveredAt;
};

// The contact-prohibition history of one case.
struct ProtectionLedger {
    std::vector<ProtectionRequestRow> requests;
    std::vector<ProtectionDecisionRow> decisions;
    std::vector<DeliveryRow> deliveries;  // voided ones left out
};

struct ReferralRow {
    std::int64_t id = 0;
    std::int64_t caseId = 0;
    std::string caseCode;
    std::string fromAgency;
    std::string toAgency;
    std::int64_t referredBy = 0;
    std::string referredAt;
    bool mandatory = false;
    std::optional<bool> survivorInformed;
    bool consentCovered = false;
    std::string status = "waiting";  // waiting | accepted | declined | withdrawn
    std::int64_t decidedBy = 0;
    std::string decidedAt;
    Blob reason;         // sealed as "referral.<id>.reason"
    Blob declineReason;  // sealed as "referral.<id>.decline_reason"; empty unless declined
};

// A waiting referral as the receiving agency's list shows it: what it needs to decide, never a
// name (the referral's own reason is sealed in `referral.reason`).
struct IncomingReferralRow {
    ReferralRow referral;
    std::string risk;
    bool child = false;
    std::string village;             // where the incident happened
    std::vector<std::string> types;  // forms of violence
    std::string caseStatus;
};

struct ConsentRecordRow {
    std::int64_t id = 0;
    std::int64_t caseId = 0;
    bool given = false;
    std::string givenBy;
    std::vector<std::string> agencies;
    bool statistics = false;
    std::string recordedAt;
    std::int64_t recordedBy = 0;
    std::string recordedRole;
    std::vector<std::string> withdrawn;
    Blob reason;  // sealed as "consent.<id>.reason"; empty for the record made at opening
};

struct StageCompletionRow {
    std::int64_t id = 0;
    std::int64_t caseId = 0;
    std::string agency;
    std::string completedAt;
    std::int64_t completedBy = 0;
    Blob summary;  // sealed as "stage_completion.<id>.summary"
};

struct CaseStatusChangeRow {
    std::int64_t id = 0;
    std::int64_t caseId = 0;
    std::string status;  // closed | reopened
    std::string at;
    std::int64_t byUser = 0;
    std::string byRole;
    Blob reason;  // sealed as "case_status.<id>.reason"
};

// What GET /cases/{id} adds to the case: the current consent record and the closure reason.
struct CaseWorkflowSummary {
    std::optional<ConsentRecordRow> consent;
    std::optional<CaseStatusChangeRow> closure;  // the latest close, while the case is closed
};

// Rows of the dashboard (ids and codes only).
struct DueItemRow {
    std::int64_t eventId = 0;
    std::int64_t caseId = 0;
    std::string caseCode;
    std::string type;
    std::string due;
};

struct PendingRequestRow {
    std::int64_t eventId = 0;
    std::int64_t caseId = 0;
    std::string caseCode;
    std::string requestedAt;
};

// A court's no-contact order (issue 20; Law 13/2022 art. 26) from its measures in clear.
struct CourtOrderRow {
    std::int64_t eventId = 0;
    std::int64_t caseId = 0;
    std::string caseCode;
    std::string starts, ends;  // YYYY-MM-DD
};

struct OrderRow {
    ProtectionDecisionRow decision;
    std::string caseCode;
};

// Sealed-field names, one place (the associated data of each ciphertext).
inline std::string sealedFieldName(const char* record, std::int64_t id, const char* field) {
    return std::string(record) + "." + std::to_string(id) + "." + field;
}

}  // namespace binhan::store
