#include "core/Policy.h"

#include <algorithm>

namespace binhan::core {
namespace {

using R = Role;
using Rel = Relation;

const std::set<Role> kAgencies = {R::Police, R::Justice, R::Union, R::School};
const std::set<Role> kAll = {R::Police, R::Justice, R::Union,     R::School,
                             R::Social, R::Leader,  R::Oversight, R::Admin};
const std::set<Role> kChair = {R::Leader};

// The relations under which an agency or the chair sees a case (DESIGN.md §2 need to know:
// an agency that opened it or accepted a referral, while its stage is active or completed; the
// chair on a protection request or with emergency access).
const std::set<Relation> kWorking = {Rel::ActiveStage};
const std::set<Relation> kWorked = {Rel::ActiveStage, Rel::CompletedStage};
const std::set<Relation> kChairSees = {Rel::ProtectionRequest, Rel::BreakGlass};
const std::set<Relation> kRoleLevel = {};

std::set<Role> agenciesAnd(Role extra) {
    auto roles = kAgencies;
    roles.insert(extra);
    return roles;
}

// clang-format off
std::vector<ActionRule> buildActionTable() {
    return {
        {Action::SelfRead, "", kAll, kRoleLevel, "every user sees who they are"},
        {Action::SelfSignOut, "", kAll, kRoleLevel, "every user can end their session"},
        {Action::SelfEnrolTotp, "", kAll, kRoleLevel, "every user may add a second factor (DESIGN §3)"},
        {Action::SelfPassword, "", kAll, kRoleLevel, "every user may change their own password (ASVS 2.1.6)"},
        {Action::UserAdmin, "", {R::Admin}, kRoleLevel, "admin runs the system (DESIGN §1)"},
        {Action::MetricsRead, "", {R::Admin}, kRoleLevel, "admin runs the system (DESIGN §1)"},
        {Action::CaseCreate, "", kAgencies, kRoleLevel, "agencies that carry cases open them (DESIGN §1)"},
        {Action::CaseList, "", agenciesAnd(R::Leader), kRoleLevel, "the list holds visible cases only (DESIGN §2)"},
        {Action::CaseRead, "", kAgencies, kWorked, "need to know: opened it or accepted a referral (DESIGN §2)"},
        {Action::CaseRead, "", kChair, kChairSees, "Law 13/2022 art. 25: the chair decides a protection request; break-glass (DESIGN §1)"},
        {Action::EventList, "", kAgencies, kWorked, "need to know (DESIGN §2)"},
        {Action::EventList, "", kChair, kChairSees, "the protection history (DESIGN §2)"},
        {Action::CaseUpdate, "", kAgencies, kWorking, "only an agency working the case corrects it (API.md PATCH)"},
        {Action::StageComplete, "", kAgencies, kWorking, "an agency completes its own active stage"},
        {Action::CaseClose, "", kAgencies, kWorked,
         "DESIGN §2: a case closes once every stage is completed or declined, so an agency that "
         "worked it (active or completed stage) closes it"},
        {Action::CaseClose, "", kChair, kChairSees, "the chair directs all bodies (DESIGN §1)"},
        {Action::CaseReopen, "", kAgencies, kWorked, "after closing no stage is active: those who worked it reopen"},
        {Action::CaseReopen, "", kChair, kChairSees, "the chair directs all bodies (DESIGN §1)"},
        {Action::BreakGlass, "", kChair, kRoleLevel, "emergency access with a reason, audited (DESIGN §1)"},
        {Action::ConsentUpdate, "", kAgencies, kWorking, "consent is recorded by a working agency (PDPL 91/2025)"},
        {Action::Recuse, "", kAgencies, kWorked, "a user recuses themself from a case they see (DESIGN §2)"},
        {Action::Recuse, "", kChair, kRoleLevel, "the chair recuses anyone (DESIGN §2)"},
        {Action::RecuseOthers, "", kChair, kRoleLevel, "only the chair recuses another user (DESIGN §2)"},
        {Action::Export, "", kAgencies, kWorking, "the survivor's copy of their data (PDPL 91/2025 art. 14)"},
        {Action::Erase, "", kChair, kChairSees, "erasure on request, decided by the chair (PDPL 91/2025)"},
        {Action::EventAdd, "police.report", {R::Police}, kWorking, "Law 13/2022 ch. III: receiving a report (tiếp nhận tin báo)"},
        {Action::EventAdd, "police.intervention", {R::Police}, kWorking, "Law 13/2022 art. 22 (1)-(2): stopping the violence, summons to the commune police"},
        {Action::EventAdd, "protection.request", kAgencies, kWorking, "Law 13/2022 art. 25: an agency requests a contact prohibition"},
        {Action::EventAdd, "protection.decision", kChair, kChairSees, "Law 13/2022 art. 25: the commune chair decides"},
        {Action::EventAdd, "protection.revoke", kChair, kChairSees, "Law 13/2022 art. 25: the chair who issued it revokes it"},
        {Action::EventAdd, "justice.legal_aid", {R::Justice}, kWorking, "Law on Legal Aid 2017 art. 7"},
        {Action::EventAdd, "justice.counselling", {R::Justice}, kWorking, "DESIGN §1: legal counselling for women"},
        {Action::EventAdd, "justice.mediation", {R::Justice}, kWorking, "Law on Grassroots Mediation 2013"},
        {Action::EventAdd, "union.follow_up", {R::Union}, kWorking, "DESIGN §1: the Union follows up with survivors"},
        {Action::EventAdd, "union.support", {R::Union}, kWorking, "Law 13/2022 art. 22 (4)-(7): shelter, essential needs, care, counselling, behaviour change"},
        {Action::EventAdd, "school.action", {R::School}, kWorking, "DESIGN §1: school acts on cases involving a pupil"},
        {Action::EventAdd, "protection.request", kChair, {Rel::BreakGlass}, "Law 13/2022 art. 25(1)(b): the chair acts on his own initiative when her life is threatened"},
        {Action::EventAdd, "protection.delivery", kChair, kChairSees, "Law 13/2022 art. 25(2)-(3): the chair's office sends the decision or the refusal"},
        {Action::EventAdd, "protection.delivery", {R::Police}, kWorking, "Law 13/2022 art. 25(3): the commune police hand the decision to the parties"},
        {Action::EventAdd, "protection.court_order", {R::Police, R::Justice}, kWorking, "Law 13/2022 art. 26: a court's order, recorded as an external measure"},
        {Action::EventAdd, "risk.screen", {R::Police, R::Justice, R::Union}, kWorking, "issue 20: the agencies working with the survivor screen and reassess the risk"},
        {Action::EventAdd, "safety.plan", {R::Police, R::Justice, R::Union}, kWorking, "issue 20: the agencies working with the survivor plan her safety"},
        {Action::EventAdd, "shelter.placement", {R::Police, R::Union}, kWorking, "Law 13/2022 art. 22(1): arranging a temporary shelter (bố trí nơi tạm lánh)"},
        {Action::EventAdd, "behaviour_change.session", {R::Police, R::Justice, R::Union}, kWorking, "Law 13/2022 art. 2(4), 22(1): education and support for behaviour change"},
        {Action::EventAdd, "closure.request", kAgencies, kWorked, "issue 20: an agency that may close asks the chair to approve closing a high-risk case"},
        {Action::EventAdd, "closure.decision", kChair, kChairSees, "issue 20: the chair approves closing a high-risk case or sends it back"},
        {Action::EventAdd, "note", kAgencies, kWorked, "API.md Events: a note by anyone who sees the case"},
        {Action::EventAdd, "note", kChair, kChairSees, "API.md Events: a note by anyone who sees the case"},
        {Action::EventDone, "", kAgencies, kWorking, "the owning agency closes its due items"},
        {Action::EventCorrect, "", kAgencies, kWorking, "the agency that wrote an entry corrects or voids it; both stay on the record (issue 19)"},
        {Action::ReferralCreate, "", kAgencies, kWorking, "a working agency refers on (DESIGN §2)"},
        {Action::ReferralIncoming, "", kAgencies, kRoleLevel, "agencies see the referrals to them"},
        {Action::ReferralDecide, "", kAgencies, {Rel::ReferredStage}, "the receiving agency answers a referral"},
        {Action::AttachmentList, "", kAgencies, kWorked, "the case's papers, each kind by its field row (issue 21)"},
        {Action::AttachmentList, "", kChair, kChairSees, "the papers a protection decision rests on (Law 13/2022 art. 25)"},
        {Action::AttachmentAdd, "", kAgencies, kWorking, "a working agency files its papers: minutes, photos, certificates (issue 21)"},
        {Action::AttachmentAdd, "", kChair, kChairSees, "the chair files the signed decision (Law 13/2022 art. 25(3))"},
        {Action::AttachmentRemove, "", kAgencies, kWorking, "the role that filed a paper removes it, with a reason; it stays until erasure"},
        {Action::AttachmentRemove, "", kChair, kChairSees, "the role that filed a paper removes it, with a reason; it stays until erasure"},
        {Action::EarlierCheck, "", kAgencies, kRoleLevel, "at intake: whether the survivor may have an earlier case, never which (issue 21)"},
        {Action::EarlierRequest, "", kAgencies, kWorking, "a working agency asks the holder of an earlier case to refer it (issue 21)"},
        {Action::EarlierIncoming, "", kAgencies, kRoleLevel, "agencies see the requests to refer their cases"},
        {Action::EarlierAnswer, "", kAgencies, kWorking, "the agency working the earlier case refers it, with consent, or declines"},
        {Action::CaseLink, "", kChair, kChairSees, "the chair links two cases of one survivor, seeing both (issue 21)"},
        {Action::NotificationRead, "", kAll, kRoleLevel, "every user reads what they were told, and chooses how (issue 22)"},
        {Action::NotificationDeliveries, "", {R::Admin}, kRoleLevel, "admin sees the sends that failed (issue 22)"},
        {Action::Dashboard, "", agenciesAnd(R::Leader), kRoleLevel, "the caller's open work"},
        {Action::ReportRead, "", {R::Social, R::Leader, R::Oversight}, kRoleLevel, "statistics without identities (DESIGN §1)"},
        {Action::AuditRead, "", {R::Oversight, R::Admin}, kRoleLevel, "oversight checks how the law is carried out (DESIGN §1)"},
    };
}

// Every path of the case JSON (core/CaseJson.h) and the closure reason. Agencies that work or
// worked the case see what their duty needs (DESIGN §2); the chair on a protection request sees
// the incident, the risk and the protection history, not who (DESIGN §2, Law 13/2022 art. 25);
// with break-glass the whole case (DESIGN §1).
std::vector<FieldRule> buildFieldTable() {
    const std::set<Role> notSchool = {R::Police, R::Justice, R::Union};
    const std::set<Relation> fullChair = {Rel::BreakGlass};
    std::vector<FieldRule> table;
    const auto everyWorker = [&](const char* field, const char* why) {
        table.push_back({field, kAgencies, kWorked, why});
        table.push_back({field, kChair, fullChair, "break-glass: the whole case (DESIGN §1)"});
    };
    const auto workersAndChair = [&](const char* field, const char* why) {
        table.push_back({field, kAgencies, kWorked, why});
        table.push_back({field, kChair, kChairSees, "Law 13/2022 art. 25: what the decision needs (DESIGN §2)"});
    };
    const auto notForSchool = [&](const char* field, const char* why) {
        table.push_back({field, notSchool, kWorked, why});
        table.push_back({field, kChair, fullChair, "break-glass: the whole case (DESIGN §1)"});
    };
    everyWorker("survivor.full_name", "who the survivor is: the agencies working with her");
    everyWorker("survivor.sex", "the agencies working with the survivor");
    everyWorker("survivor.birth_year", "the agencies working with the survivor");
    workersAndChair("survivor.village", "where to reach the survivor; the chair's decision names the village");
    everyWorker("survivor.phone", "how to reach the survivor");
    everyWorker("survivor.id_number", "identifying the survivor in papers");
    everyWorker("survivor.disability", "support the survivor needs");
    workersAndChair("survivor.child", "a child case is a mandatory report (DESIGN §2)");
    everyWorker("perpetrators.full_name", "who the perpetrator is");
    everyWorker("perpetrators.sex", "who the perpetrator is");
    everyWorker("perpetrators.birth_year", "who the perpetrator is");
    everyWorker("perpetrators.relationship", "the relationship to the survivor");
    notForSchool("perpetrators.phone", "DESIGN §2: school sees no perpetrator phone");
    notForSchool("perpetrators.id_number", "DESIGN §2: school sees no perpetrator ID number");
    for (const char* field : {"incident.date", "incident.village", "incident.place", "incident.types",
                              "incident.description", "incident.injuries"})
        workersAndChair(field, "what happened: the agencies and the chair deciding protection");
    workersAndChair("risk", "the risk level decides protection (Law 13/2022 art. 25)");
    workersAndChair("flags", "a crime or administrative sanction bars mediation (Law on Grassroots Mediation art. 3)");
    everyWorker("consent", "consent is checked on every share (DESIGN §2)");
    notForSchool("safety_plan", "the safety plan: agencies working with the survivor, never school (issue 20)");
    everyWorker("closure_reason", "why the case was closed");
    everyWorker("intake", "how and when the report arrived (Law 13/2022 art. 19)");
    // Evidence files, by kind (issue 21): injuries and health are not the school's to see; the
    // police minutes are for the police, justice and the chair deciding protection.
    notForSchool("attachments.injury_photo", "injuries: the agencies that protect and support her, not the school");
    notForSchool("attachments.medical", "health: the agencies that protect and support her, not the school");
    table.push_back({"attachments.police_record", {R::Police, R::Justice}, kWorked, "police minutes (biên bản): police and legal aid"});
    table.push_back({"attachments.police_record", kChair, kChairSees, "Law 13/2022 art. 25: the minutes a protection decision rests on"});
    workersAndChair("attachments.decision", "the signed decision is carried out by every body (Law 13/2022 art. 25(3))");
    workersAndChair("attachments.consent", "consent is checked on every share (DESIGN §2)");
    everyWorker("attachments.other", "the agencies working with the survivor");
    everyWorker("timeline.author_id", "who did what: the agencies; the chair on a request sees the history, not who (DESIGN §2)");
    return table;
}

std::vector<EventViewRule> buildEventViewTable() {
    return {
        {{R::Police, R::Justice, R::Union}, kWorked, EventScope::All, "the shared record of the case (DESIGN §2)"},
        {{R::School}, kWorked, EventScope::ProtectionAndOwn, "DESIGN §2: school sees no other agency's notes"},
        {kChair, {Rel::ProtectionRequest}, EventScope::Protection, "DESIGN §2: the chair sees the protection history and the closures put to him (issue 20)"},
        {kChair, {Rel::BreakGlass}, EventScope::All, "break-glass: the whole case (DESIGN §1)"},
    };
}
std::vector<EventFieldRule> buildEventFieldTable() {
    return {
        {"shelter.placement", "location", "issue 20: where she shelters, only the agency that arranged it"},
    };
}
// clang-format on

bool grants(const std::set<Role>& roles, const std::set<Relation>& relations, Role role,
            Relation relation) {
    if (relation == Relation::Recused || !roles.count(role)) return false;
    return relations.empty() || relations.count(relation) > 0;
}

// The answer when no row allows: the case stays hidden unless the caller may see it.
Decision refusal(Role role, Relation relation) {
    if (relation == Relation::Recused) return Decision::Hidden;
    for (const auto& rule : actionTable())
        if (rule.action == Action::CaseRead && grants(rule.roles, rule.relations, role, relation))
            return Decision::Forbidden;
    return Decision::Hidden;
}

bool startsWith(const std::string& s, const char* prefix) {
    return s.rfind(prefix, 0) == 0;
}

// The entries the chair decides on: the contact prohibition (Law 13/2022 art. 25) and the
// closing of a high-risk case (issue 20).
bool chairMatter(const std::string& eventType) {
    return startsWith(eventType, "protection.") || startsWith(eventType, "closure.");
}

}  // namespace

Relation relationOf(Role role, const CaseAccess& access) {
    if (access.recused) return Relation::Recused;
    if (isCaseAgency(role)) {
        switch (access.ownStage) {
            case StageView::Referred:
                return Relation::ReferredStage;
            case StageView::Active:
                return Relation::ActiveStage;
            case StageView::Completed:
                return Relation::CompletedStage;
            case StageView::None:
            case StageView::Declined:
                return Relation::None;
        }
    }
    if (role == Role::Leader) {
        if (access.breakGlass) return Relation::BreakGlass;
        if (access.protectionRequest) return Relation::ProtectionRequest;
    }
    return Relation::None;
}

const std::vector<Relation>& allRelations() {
    static const std::vector<Relation> all = {
        Relation::None,           Relation::ReferredStage,     Relation::ActiveStage,
        Relation::CompletedStage, Relation::ProtectionRequest, Relation::BreakGlass,
        Relation::Recused};
    return all;
}

std::string relationName(Relation relation) {
    switch (relation) {
        case Relation::None:
            return "none";
        case Relation::ReferredStage:
            return "referred";
        case Relation::ActiveStage:
            return "active";
        case Relation::CompletedStage:
            return "completed";
        case Relation::ProtectionRequest:
            return "protection";
        case Relation::BreakGlass:
            return "breakglass";
        case Relation::Recused:
            return "recused";
    }
    return "none";
}

const std::vector<ActionRule>& actionTable() {
    static const std::vector<ActionRule> table = buildActionTable();
    return table;
}

const std::vector<FieldRule>& fieldTable() {
    static const std::vector<FieldRule> table = buildFieldTable();
    return table;
}

const std::vector<EventViewRule>& eventViewTable() {
    static const std::vector<EventViewRule> table = buildEventViewTable();
    return table;
}

const std::vector<std::string>& policyFieldPaths() {
    static const std::vector<std::string> paths = [] {  // asked on every case read: once
        std::vector<std::string> out;
        for (const auto& rule : fieldTable())
            if (std::find(out.begin(), out.end(), rule.field) == out.end())
                out.push_back(rule.field);
        return out;
    }();
    return paths;
}

bool roleMay(Role role, Action action) {
    for (const auto& rule : actionTable())
        if (rule.action == action && rule.roles.count(role)) return true;
    return false;
}

Decision decide(Role role, Action action) {
    for (const auto& rule : actionTable())
        if (rule.action == action && rule.relations.empty() && rule.roles.count(role))
            return Decision::Allow;
    return Decision::Forbidden;
}

Decision decide(Role role, Action action, const CaseAccess& access) {
    // A role with no row for the action is refused at the route, the same for every case (and
    // for none), so the answer tells nothing about the case: 403 (the dispatcher's check).
    if (!roleMay(role, action)) return Decision::Forbidden;
    const Relation relation = relationOf(role, access);
    for (const auto& rule : actionTable())
        if (rule.action == action && grants(rule.roles, rule.relations, role, relation))
            return Decision::Allow;
    return refusal(role, relation);
}

Decision decideEvent(Role role, const std::string& eventType, const CaseAccess& access) {
    if (!roleMay(role, Action::EventAdd)) return Decision::Forbidden;
    const Relation relation = relationOf(role, access);
    for (const auto& rule : actionTable())
        if (rule.action == Action::EventAdd && rule.eventType == eventType &&
            grants(rule.roles, rule.relations, role, relation))
            return Decision::Allow;
    return refusal(role, relation);
}

std::set<Relation> relationsAllowing(Role role, Action action) {
    std::set<Relation> out;
    for (const auto& rule : actionTable()) {
        if (rule.action != action || !rule.roles.count(role)) continue;
        if (rule.relations.empty()) {
            for (Relation r : allRelations())
                if (r != Relation::Recused) out.insert(r);
        } else {
            out.insert(rule.relations.begin(), rule.relations.end());
        }
    }
    return out;
}

std::set<Relation> relationsAllowingEvent(Role role, const std::string& eventType) {
    std::set<Relation> out;
    for (const auto& rule : actionTable())
        if (rule.action == Action::EventAdd && rule.eventType == eventType &&
            rule.roles.count(role))
            out.insert(rule.relations.begin(), rule.relations.end());
    return out;
}

std::set<Role> rolesAllowed(Action action) {
    std::set<Role> out;
    for (const auto& rule : actionTable())
        if (rule.action == action) out.insert(rule.roles.begin(), rule.roles.end());
    return out;
}

std::set<Role> rolesAllowedEvent(const std::string& eventType) {
    std::set<Role> out;
    for (const auto& rule : actionTable())
        if (rule.action == Action::EventAdd && rule.eventType == eventType)
            out.insert(rule.roles.begin(), rule.roles.end());
    return out;
}

bool seesCase(Role role, const CaseAccess& access) {
    return decide(role, Action::CaseRead, access) == Decision::Allow;
}

// Whether `path` lies under `parent`: "flags.crime" under "flags" (no string is built: this runs
// for every field of every case answer, issue 18).
static bool isUnder(const std::string& path, const std::string& parent) {
    return path.size() > parent.size() && path[parent.size()] == '.' &&
           path.compare(0, parent.size(), parent) == 0;
}

bool mayReadField(Role role, Relation relation, const std::string& field) {
    // "flags.crime" is read under the row of "flags", "incident" under any "incident." row.
    for (const auto& rule : fieldTable()) {
        const bool covers =
            rule.field == field || isUnder(field, rule.field) || isUnder(rule.field, field);
        if (covers && grants(rule.roles, rule.relations, role, relation)) return true;
    }
    return false;
}

bool mayReadField(Role role, const CaseAccess& access, const std::string& field) {
    return mayReadField(role, relationOf(role, access), field);
}

bool mayReadEvent(Role role, const CaseAccess& access, const std::string& eventType,
                  Role authorRole) {
    const Relation relation = relationOf(role, access);
    const bool protection = chairMatter(eventType);
    for (const auto& rule : eventViewTable()) {
        if (!grants(rule.roles, rule.relations, role, relation)) continue;
        switch (rule.scope) {
            case EventScope::All:
                return true;
            case EventScope::Protection:
                return protection;
            case EventScope::ProtectionAndOwn:
                return protection || authorRole == role;
        }
    }
    return false;
}

const std::vector<EventFieldRule>& eventFieldTable() {
    static const std::vector<EventFieldRule> table = buildEventFieldTable();
    return table;
}

bool mayReadEventField(Role role, const std::string& eventType, const std::string& field,
                       Role authorRole) {
    for (const auto& rule : eventFieldTable())
        if (rule.eventType == eventType && rule.field == field) return role == authorRole;
    return true;
}

std::string actionName(Action action) {
    static const char* names[] = {
        "self.read",         "self.sign_out",      "self.enrol_totp",
        "self.password",     "user.admin",         "metrics.read",
        "case.create",       "case.list",          "case.read",
        "case.update",       "stage.complete",     "case.close",
        "case.reopen",       "case.break_glass",   "consent.update",
        "case.recuse",       "case.recuse_others", "case.export",
        "case.erase",        "event.add",          "event.list",
        "event.done",        "event.correct",      "referral.create",
        "referral.incoming", "referral.decide",    "dashboard.read",
        "report.read",       "audit.read",         "attachment.list",
        "attachment.add",    "attachment.remove",  "earlier.check",
        "earlier.request",   "earlier.incoming",   "earlier.answer",
        "case.link",         "notification.read",  "notification.deliveries",
    };
    return names[static_cast<int>(action)];
}

const std::vector<Action>& allActions() {
    static std::vector<Action> actions;
    static const bool filled = [] {
        for (int a = 0; a <= static_cast<int>(Action::NotificationDeliveries); ++a)
            actions.push_back(static_cast<Action>(a));
        return true;
    }();
    (void)filled;
    return actions;
}

}  // namespace binhan::core
