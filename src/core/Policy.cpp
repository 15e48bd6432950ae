#include "core/Policy.h"

#include <algorithm>

namespace binhan::core {
namespace {

const std::set<Role> kAgencies = {Role::Police, Role::Justice, Role::Union, Role::School};
const std::set<Role> kAll = {Role::Police, Role::Justice, Role::Union,     Role::School,
                             Role::Social, Role::Leader,  Role::Oversight, Role::Admin};

std::set<Role> agenciesAnd(Role extra) {
    auto roles = kAgencies;
    roles.insert(extra);
    return roles;
}

bool startsWith(const std::string& s, const char* prefix) {
    return s.rfind(prefix, 0) == 0;
}

bool meets(Role role, Need need, const CaseAccess& access) {
    switch (need) {
        case Need::Nothing:
            return true;
        case Need::SeesCase:
            return seesCase(role, access);
        case Need::ActiveStage:
            return isCaseAgency(role) && access.ownStage == StageView::Active;
        case Need::ReferredStage:
            return isCaseAgency(role) && access.ownStage == StageView::Referred;
    }
    return false;
}

}  // namespace

const std::vector<PolicyRule>& policyTable() {
    static const std::vector<PolicyRule> table = {
        {Action::SelfRead, kAll, Need::Nothing, "every user sees who they are"},
        {Action::SelfSignOut, kAll, Need::Nothing, "every user can end their session"},
        {Action::SelfEnrolTotp, kAll, Need::Nothing, "every user may add a second factor"},
        {Action::UserAdmin, {Role::Admin}, Need::Nothing, "admin runs the system (§1)"},
        {Action::MetricsRead, {Role::Admin}, Need::Nothing, "admin runs the system (§1)"},
        {Action::CaseCreate, kAgencies, Need::Nothing, "agencies that carry cases open them (§1)"},
        {Action::CaseList, agenciesAnd(Role::Leader), Need::Nothing,
         "list shows visible cases only"},
        {Action::CaseRead, agenciesAnd(Role::Leader), Need::SeesCase, "need to know (§2)"},
        {Action::EventList, agenciesAnd(Role::Leader), Need::SeesCase, "need to know (§2)"},
        {Action::CaseUpdate, kAgencies, Need::ActiveStage,
         "only an agency working the case edits it"},
        {Action::StageComplete, kAgencies, Need::ActiveStage, "an agency completes its own stage"},
        {Action::CaseClose, kAgencies, Need::SeesCase,
         "API.md says an agency with an active stage, but DESIGN §2 lets a case close only once "
         "every stage is completed or declined: so an agency that worked it (active or "
         "completed stage) closes it"},
        {Action::CaseClose, {Role::Leader}, Need::SeesCase, "the chair directs all bodies (§1)"},
        {Action::CaseReopen, agenciesAnd(Role::Leader), Need::SeesCase,
         "after closing no stage is active: those who worked it, or the chair, reopen"},
        {Action::BreakGlass,
         {Role::Leader},
         Need::Nothing,
         "emergency access, reason audited (§1)"},
        {Action::ConsentUpdate, kAgencies, Need::ActiveStage,
         "consent is recorded by a working agency"},
        {Action::Recuse, kAgencies, Need::SeesCase, "a user recuses themself from a case they see"},
        {Action::Recuse, {Role::Leader}, Need::Nothing, "the chair recuses anyone"},
        {Action::Export, kAgencies, Need::ActiveStage, "survivor's copy of their data (PDPL)"},
        {Action::Erase, {Role::Leader}, Need::SeesCase, "erasure on request, decided by the chair"},
        {Action::EventAdd, kAgencies, Need::ActiveStage, "each agency logs its own actions"},
        {Action::EventAdd, {Role::Leader}, Need::SeesCase, "the chair decides protection requests"},
        {Action::EventDone, kAgencies, Need::ActiveStage, "the owning agency closes its due items"},
        {Action::ReferralCreate, kAgencies, Need::ActiveStage, "a working agency refers on"},
        {Action::ReferralIncoming, kAgencies, Need::Nothing, "agencies see referrals to them"},
        {Action::ReferralDecide, kAgencies, Need::ReferredStage, "the receiving agency answers"},
        {Action::Dashboard, agenciesAnd(Role::Leader), Need::Nothing, "open work of the caller"},
        {Action::ReportRead,
         {Role::Social, Role::Leader, Role::Oversight},
         Need::Nothing,
         "statistics without identities (§1)"},
        {Action::AuditRead,
         {Role::Oversight, Role::Admin},
         Need::Nothing,
         "oversight checks how the law is carried out (§1)"},
    };
    return table;
}

bool seesCase(Role role, const CaseAccess& access) {
    if (access.recused) return false;
    if (isCaseAgency(role))
        return access.ownStage == StageView::Active || access.ownStage == StageView::Completed;
    if (role == Role::Leader) return access.protectionRequest || access.breakGlass;
    return false;
}

Decision decide(Role role, Action action) {
    for (const auto& rule : policyTable())
        if (rule.action == action && rule.need == Need::Nothing && rule.roles.count(role))
            return Decision::Allow;
    return Decision::Forbidden;
}

Decision decide(Role role, Action action, const CaseAccess& access) {
    if (access.recused) return Decision::Hidden;
    bool roleHasRule = false;
    for (const auto& rule : policyTable()) {
        if (rule.action != action || !rule.roles.count(role)) continue;
        roleHasRule = true;
        if (meets(role, rule.need, access)) return Decision::Allow;
    }
    if (!roleHasRule) return seesCase(role, access) ? Decision::Forbidden : Decision::Hidden;
    // The role could do this with another involvement: reveal the case only if it is visible.
    const bool knowsOfIt = isCaseAgency(role) && access.ownStage == StageView::Referred;
    return seesCase(role, access) || knowsOfIt ? Decision::Forbidden : Decision::Hidden;
}

bool mayReadField(Role role, const CaseAccess& access, const std::string& field) {
    if (!seesCase(role, access)) return false;
    if (role == Role::Leader && !access.breakGlass) {
        // On a protection request: the incident, risk and protection history (§2), not who.
        return startsWith(field, "incident.") || field == "incident" || field == "risk" ||
               field == "flags" || startsWith(field, "flags.") || field == "survivor.village" ||
               field == "survivor.child";
    }
    if (role == Role::School)
        return field != "perpetrators.id_number" && field != "perpetrators.phone";
    return true;
}

bool mayReadEvent(Role role, const CaseAccess& access, const std::string& eventType,
                  Role authorRole) {
    if (!seesCase(role, access)) return false;
    const bool protection = startsWith(eventType, "protection.");
    if (role == Role::Leader && !access.breakGlass) return protection;
    if (role == Role::School) return protection || authorRole == Role::School;
    return true;
}

std::string actionName(Action action) {
    static const char* names[] = {
        "self.read",        "self.sign_out",     "self.enrol_totp", "user.admin",
        "metrics.read",     "case.create",       "case.list",       "case.read",
        "case.update",      "stage.complete",    "case.close",      "case.reopen",
        "case.break_glass", "consent.update",    "case.recuse",     "case.export",
        "case.erase",       "event.add",         "event.list",      "event.done",
        "referral.create",  "referral.incoming", "referral.decide", "dashboard.read",
        "report.read",      "audit.read",
    };
    return names[static_cast<int>(action)];
}

}  // namespace binhan::core
