#pragma once
// A case's status (DESIGN.md §2 "status: open → active → closed (closure reason), and
// reopened"), moved only along the rows of one transition table:
//
//   open | reopened → active             the first work recorded on the case (see below)
//   open | active | reopened → closed    with a reason, once every stage is completed or declined
//   closed → reopened                    with a reason
//
// When a case becomes active — DESIGN and API are silent; our choice: at the first work
// recorded on it, that is any event other than a `note` (the opener's own `police.report`
// counts), or a referral accepted by another agency. A `note` is a remark, not work. A reopened
// case becomes active again the same way.
//
// A closed case is read-only until reopened (DESIGN §2): every write first asks checkWritable.
// Refusals are Conflict (409) with a code: "case_transition", "case_closed", "stages_open";
// a missing reason is Invalid("reason"). Pure; thread-safe.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/CaseModel.h"
#include "core/Role.h"
#include "core/workflow/Stage.h"

namespace binhan::core::workflow {

enum class CaseStatus {
    Open,      // Đang mở: reported, no work recorded yet
    Active,    // Đang xử lý: work recorded
    Closed,    // Đã đóng: read-only, with a closure reason
    Reopened,  // Mở lại: closed once, reopened with a reason
};

// API spelling: "open", "active", "closed", "reopened".
std::string caseStatusName(CaseStatus status);
std::optional<CaseStatus> parseCaseStatus(const std::string& name);
const std::vector<CaseStatus>& allCaseStatuses();

struct CaseTransition {
    CaseStatus from;
    CaseStatus to;
    bool needsReason;
    const char* why;
};

// The table itself (for review and the exhaustive test).
const std::vector<CaseTransition>& caseTransitions();
bool caseTransitionAllowed(CaseStatus from, CaseStatus to);
// Throws Conflict("case_closed") when `from` is closed and `to` is not reopened, otherwise
// Conflict("case_transition") unless from → to is a row of the table.
void checkCaseTransition(CaseStatus from, CaseStatus to);

// Throws Conflict("case_closed", …) for a closed case (DESIGN §2: read-only until reopened).
void checkWritable(CaseStatus status);

// The agencies whose stage is still open (referred, accepted or active).
std::set<Role> openStageAgencies(const std::map<Role, StageTrack>& stages);
// Closing (DESIGN §2): throws as checkCaseTransition(status, closed); Conflict("stages_open")
// naming every agency whose stage is still open; then Invalid("reason") for a blank or too long
// reason.
void checkClose(CaseStatus status, const std::map<Role, StageTrack>& stages,
                const std::string& reason);
// Issue 20: closing a case whose risk is high or critical needs the chair's approval — an
// agency asks (closure.request), the chair approves or sends it back with a reason
// (closure.decision). The state of the latest request on the case:
enum class ClosureApproval { None, Requested, Approved, Returned };
bool closureNeedsApproval(Risk risk);
// Conflict("closure_needs_approval") for a high or critical case whose latest closure request
// is not approved (none, waiting, or sent back).
void checkCloseApproval(Risk risk, ClosureApproval approval);
// A closure.request: Conflict("closure_requested") while one waits, Conflict
// ("closure_not_needed") when the risk does not need approval. A closure.decision:
// Conflict("already_decided") for a request already answered or superseded.
void checkClosureRequest(Risk risk, ClosureApproval approval);
void checkClosureDecision(bool requestIsLatestAndWaiting);

// Reopening: throws Conflict("case_transition") unless closed; Invalid("reason") when blank.
void checkReopen(CaseStatus status, const std::string& reason);

// The coded reasons for closing a case (GLOSSARY "Đã đóng"; counted by the statistical report,
// core/report): resolved (the violence stopped, the survivor is safe), survivor_request (the
// survivor declined further support), moved_away, transferred (to a body outside the commune),
// other. The free-text reason stays as well, sealed.
const std::vector<std::string>& closureReasonCodes();
// Invalid("reason_code") unless `code` is one of closureReasonCodes() or empty (none given:
// counted as "unspecified").
void checkClosureReasonCode(const std::string& code);

// The status after an event of `eventType` is recorded: open/reopened → active unless the
// event is a `note`. Throws Conflict("case_closed") on a closed case.
CaseStatus statusAfterEvent(CaseStatus status, const std::string& eventType);
// The status after another agency accepts a referral: open/reopened → active. Throws
// Conflict("case_closed") on a closed case.
CaseStatus statusAfterReferralAccepted(CaseStatus status);

}  // namespace binhan::core::workflow
