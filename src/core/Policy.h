#pragma once
// THE access policy (DESIGN.md §3 "Access"): one table, reviewable against DESIGN.md §1–2,
// decides every access from (role, the caller's involvement in the case, action, field).
// Deny by default: an action or field not granted by a row is refused. Every handler asks it.
//
// Case-level answers are three-valued: Allow; Forbidden (403: the caller may see the case but
// not do this); Hidden (404: the caller may not even know the case exists — need to know,
// recusal). Pure; thread-safe.
#include <set>
#include <string>
#include <vector>

#include "core/Role.h"

namespace binhan::core {

enum class Action {
    // signed-in user, about themself
    SelfRead,
    SelfSignOut,
    SelfEnrolTotp,
    // administration
    UserAdmin,
    MetricsRead,
    // cases
    CaseCreate,
    CaseList,
    CaseRead,
    CaseUpdate,
    StageComplete,
    CaseClose,
    CaseReopen,
    BreakGlass,
    ConsentUpdate,
    Recuse,
    Export,
    Erase,
    EventAdd,
    EventList,
    EventDone,
    ReferralCreate,
    ReferralIncoming,
    ReferralDecide,
    // overview
    Dashboard,
    ReportRead,
    AuditRead,
};

// The caller's agency's stage on the case (for agency roles).
enum class StageView { None, Referred, Active, Completed, Declined };

// What the caller has to do with one case.
struct CaseAccess {
    StageView ownStage = StageView::None;
    bool protectionRequest = false;  // leader: the case has a protection request (limited view)
    bool breakGlass = false;         // leader: unexpired emergency access (full view)
    bool recused = false;            // this user is recused: the case does not exist for them
};

// What a rule requires of the caller's involvement.
enum class Need {
    Nothing,        // role alone decides (no case, or the case need not be visible)
    SeesCase,       // the case is visible to the caller
    ActiveStage,    // the caller's agency has an active stage on the case
    ReferredStage,  // a referral to the caller's agency is waiting for an answer
};

struct PolicyRule {
    Action action;
    std::set<Role> roles;
    Need need;
    const char* why;  // the duty or rule it comes from
};

enum class Decision { Allow, Forbidden, Hidden };

// The table itself (for review and the exhaustive test).
const std::vector<PolicyRule>& policyTable();

// Role-only decision for actions without a case (Need::Nothing rows). Allow or Forbidden.
Decision decide(Role role, Action action);
// Decision for an action on one existing case.
Decision decide(Role role, Action action, const CaseAccess& access);
// Whether the case is visible at all (read access) for this role and involvement.
bool seesCase(Role role, const CaseAccess& access);

// Whether `field` (a dotted path of the case JSON: "survivor.full_name",
// "perpetrators.id_number", "incident.description", …) may be shown to the caller.
bool mayReadField(Role role, const CaseAccess& access, const std::string& field);
// Whether an event of `eventType` written by `authorRole` appears in the caller's timeline.
bool mayReadEvent(Role role, const CaseAccess& access, const std::string& eventType,
                  Role authorRole);

std::string actionName(Action action);

}  // namespace binhan::core
