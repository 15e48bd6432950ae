#include "core/workflow/CaseStatus.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/Error.h"
#include "core/workflow/Text.h"

namespace binhan::core::workflow {
namespace {

using C = CaseStatus;

const std::array<std::pair<CaseStatus, const char*>, 4> kNames = {{
    {C::Open, "open"},
    {C::Active, "active"},
    {C::Closed, "closed"},
    {C::Reopened, "reopened"},
}};

const char* const kClosedMessage =
    "This case is closed and can no longer be changed. To add to it, reopen it first and say why.";

std::string refusal(CaseStatus from, CaseStatus to) {
    if (from == to) return "The case is already " + caseStatusName(to) + ".";
    if (to == C::Reopened) return "Only a closed case can be reopened.";
    if (to == C::Open) return "A case cannot go back to open.";
    return "A case that is " + caseStatusName(from) + " cannot become " + caseStatusName(to) + ".";
}

// open/reopened → active when work is recorded; active stays active.
CaseStatus afterWork(CaseStatus status) {
    checkWritable(status);
    return C::Active;
}

}  // namespace

std::string caseStatusName(CaseStatus status) {
    for (const auto& [s, text] : kNames)
        if (s == status) return text;
    return "unknown";
}

std::optional<CaseStatus> parseCaseStatus(const std::string& name) {
    for (const auto& [s, text] : kNames)
        if (name == text) return s;
    return std::nullopt;
}

const std::vector<CaseStatus>& allCaseStatuses() {
    static const std::vector<CaseStatus> all = {C::Open, C::Active, C::Closed, C::Reopened};
    return all;
}

const std::vector<CaseTransition>& caseTransitions() {
    static const std::vector<CaseTransition> table = {
        {C::Open, C::Active, false, "first work recorded on the case (our choice, see header)"},
        {C::Reopened, C::Active, false, "first work recorded after reopening"},
        {C::Open, C::Closed, true, "DESIGN §2: closing needs a reason, every stage finished"},
        {C::Active, C::Closed, true, "DESIGN §2: closing needs a reason, every stage finished"},
        {C::Reopened, C::Closed, true, "DESIGN §2: closing needs a reason, every stage finished"},
        {C::Closed, C::Reopened, true, "DESIGN §2: read-only until reopened (with a reason)"},
    };
    return table;
}

bool caseTransitionAllowed(CaseStatus from, CaseStatus to) {
    const auto& table = caseTransitions();
    return std::any_of(table.begin(), table.end(),
                       [&](const CaseTransition& row) { return row.from == from && row.to == to; });
}

void checkCaseTransition(CaseStatus from, CaseStatus to) {
    if (caseTransitionAllowed(from, to)) return;
    if (from == C::Closed && to != C::Reopened) throw Conflict("case_closed", kClosedMessage);
    throw Conflict("case_transition", refusal(from, to));
}

void checkWritable(CaseStatus status) {
    if (status == C::Closed) throw Conflict("case_closed", kClosedMessage);
}

std::set<Role> openStageAgencies(const std::map<Role, StageTrack>& stages) {
    std::set<Role> open;
    for (const auto& [agency, track] : stages)
        if (isOpenStage(track.status)) open.insert(agency);
    return open;
}

void checkClose(CaseStatus status, const std::map<Role, StageTrack>& stages,
                const std::string& reason) {
    checkCaseTransition(status, C::Closed);
    const std::set<Role> open = openStageAgencies(stages);
    if (!open.empty()) {
        const bool one = open.size() == 1;
        throw Conflict("stages_open",
                       "The case cannot be closed yet: " + joinLabels(open) +
                           (one ? " still has an open stage" : " still have open stages") +
                           ". Each stage must be completed or declined first.");
    }
    checkText("reason", reason, "reason for closing");
}

const std::vector<std::string>& closureReasonCodes() {
    static const std::vector<std::string> codes = {"resolved", "survivor_request", "moved_away",
                                                   "transferred", "other"};
    return codes;
}

void checkClosureReasonCode(const std::string& code) {
    const auto& codes = closureReasonCodes();
    if (code.empty() || std::find(codes.begin(), codes.end(), code) != codes.end()) return;
    throw Invalid("reason_code",
                  "reason_code must be one of resolved, survivor_request, moved_away, "
                  "transferred, other.");
}

void checkReopen(CaseStatus status, const std::string& reason) {
    checkCaseTransition(status, C::Reopened);
    checkText("reason", reason, "reason for reopening");
}

CaseStatus statusAfterEvent(CaseStatus status, const std::string& eventType) {
    if (eventType == "note") {
        checkWritable(status);
        return status;
    }
    return afterWork(status);
}

CaseStatus statusAfterReferralAccepted(CaseStatus status) {
    return afterWork(status);
}

bool closureNeedsApproval(Risk risk) {
    return risk == Risk::High || risk == Risk::Critical;
}

void checkCloseApproval(Risk risk, ClosureApproval approval) {
    if (!closureNeedsApproval(risk) || approval == ClosureApproval::Approved) return;
    throw Conflict("closure_needs_approval",
                   approval == ClosureApproval::Requested
                       ? "The risk is high: closing waits for the chair's approval."
                       : "The risk is high: ask the chair to approve closing the case first.");
}

void checkClosureRequest(Risk risk, ClosureApproval approval) {
    if (!closureNeedsApproval(risk))
        throw Conflict("closure_not_needed",
                       "The risk is not high: the case can be closed without approval.");
    if (approval == ClosureApproval::Requested)
        throw Conflict("closure_requested", "A request to close waits for the chair's answer.");
}

void checkClosureDecision(bool requestIsLatestAndWaiting) {
    if (!requestIsLatestAndWaiting)
        throw Conflict("already_decided", "This request to close has already been answered.");
}

}  // namespace binhan::core::workflow
