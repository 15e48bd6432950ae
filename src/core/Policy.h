#pragma once
// THE access authority (DESIGN.md §3 "Access", "One access table"): tables, not code, decide
// every action and every field for every path — the route check of the dispatcher, the case
// services, the SQL visibility fragment and the search (store::CaseVisibility), the timeline,
// and what the browser is offered (allowed_actions). docs/decisions.md says how to add a role,
// a field or an action: a row here, and nowhere else.
//
// A decision is asked of (role, the caller's relation to the case, action or field):
//   - actionTable(): (action [, event type], roles, relations) → allow;
//   - fieldTable():  (field path, roles, relations) → visible;
//   - eventViewTable(): which timeline entries a (role, relation) reads.
// Deny by default: an action, field or event not granted by a row is refused.
//
// Case-level answers are three-valued: Allow; Forbidden (403: the caller may see the case but
// not do this); Hidden (404: the caller may not know the case exists — need to know, a pending
// referral, recusal). Pure; thread-safe (static tables).
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
    SelfPassword,
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
    RecuseOthers,
    Export,
    Erase,
    EventAdd,  // one row per event type (ActionRule::eventType)
    EventList,
    EventDone,
    EventCorrect,
    ReferralCreate,
    ReferralIncoming,
    ReferralDecide,
    // overview
    Dashboard,
    ReportRead,
    AuditRead,
    // evidence files (issue 21): each kind is a field row "attachments.<kind>"
    AttachmentList,
    AttachmentAdd,
    AttachmentRemove,
    // a possible earlier case of the same survivor (issue 21)
    EarlierCheck,
    EarlierRequest,
    EarlierIncoming,
    EarlierAnswer,
    CaseLink,
    // notifications (issue 22): one's own bell and choices; the admin's list of failed sends
    NotificationRead,
    NotificationDeliveries,
};

// The caller's agency's stage on the case (for agency roles).
enum class StageView { None, Referred, Active, Completed, Declined };

// What the caller has to do with one case, as the store finds it.
struct CaseAccess {
    StageView ownStage = StageView::None;
    bool protectionRequest = false;  // the case has a protection request (the chair's view)
    bool breakGlass = false;         // the chair has unexpired emergency access (full view)
    bool recused = false;            // this user is recused: the case does not exist for them
};

// The caller's one relation to a case, which every table row is written against.
enum class Relation {
    None,               // no involvement (also: an agency whose stage was declined or ended)
    ReferredStage,      // a referral to the caller's agency waits for its answer
    ActiveStage,        // the caller's agency works the case
    CompletedStage,     // the caller's agency worked it and completed its stage
    ProtectionRequest,  // chair: the case was put before him — a protection request (Law
                        // 13/2022 art. 25) or a closure to approve (issue 20)
    BreakGlass,         // chair: emergency access with a reason, unexpired
    Recused,            // the user is recused: nothing, whatever the role
};

// The relation of `role` given `access`: recusal first; an agency by its stage; the chair by
// break-glass, then a protection request; other roles have none.
Relation relationOf(Role role, const CaseAccess& access);
const std::vector<Relation>& allRelations();
std::string relationName(Relation relation);

struct ActionRule {
    Action action;
    std::string eventType;  // EventAdd only: the event type this row grants
    std::set<Role> roles;
    std::set<Relation> relations;  // empty: a role-level action, no case involved
    const char* why;               // the duty, law or design line it comes from
};

struct FieldRule {
    std::string field;  // a dotted path of the case JSON (core::caseFieldPaths() and the rest)
    std::set<Role> roles;
    std::set<Relation> relations;
    const char* why;
};

// Which timeline entries a (role, relation) reads.
enum class EventScope {
    All,               // every entry
    Protection,        // the chair's matters only: protection.* and closure.* entries
    ProtectionAndOwn,  // the chair's matters and entries its own role wrote
};
struct EventViewRule {
    std::set<Role> roles;
    std::set<Relation> relations;
    EventScope scope;
    const char* why;
};

// A field of an entry's details shown only to the role (the agency) that wrote the entry; for
// every other reader it is withheld from the details (issue 20: the shelter's location).
struct EventFieldRule {
    std::string eventType;
    std::string field;
    const char* why;
};

enum class Decision { Allow, Forbidden, Hidden };

// The tables themselves (for review, the exhaustive tests and the catalogue).
const std::vector<ActionRule>& actionTable();
const std::vector<FieldRule>& fieldTable();
const std::vector<EventViewRule>& eventViewTable();
const std::vector<EventFieldRule>& eventFieldTable();
// Every field path the field table speaks of, in table order.
const std::vector<std::string>& policyFieldPaths();

// Whether the role has any row for the action (the dispatcher's route check: the case-level
// answer follows from the case).
bool roleMay(Role role, Action action);
// Role-only decision (actions without a case). Allow or Forbidden.
Decision decide(Role role, Action action);
// Decision for an action on one existing case. For EventAdd: whether any event type is allowed.
// A role with no row for the action at all gets Forbidden whatever the case (the route refuses
// it before any case is looked at, so the 403 reveals nothing); otherwise an action not granted
// is Forbidden on a case the caller sees and Hidden on any other (need to know, recusal).
Decision decide(Role role, Action action, const CaseAccess& access);
// Decision for adding an event of `eventType` (unknown types: as for a type with no row).
Decision decideEvent(Role role, const std::string& eventType, const CaseAccess& access);
// The roles having an EventAdd row for `eventType` (who may record it, in some relation).
std::set<Role> rolesAllowedEvent(const std::string& eventType);
// The relations under which `role` may do `action` (the SQL fragment is built from these).
std::set<Relation> relationsAllowing(Role role, Action action);
// The relations under which `role` may add an event of `eventType`.
std::set<Relation> relationsAllowingEvent(Role role, const std::string& eventType);
// The roles having a row for the action (the OpenAPI document's "who").
std::set<Role> rolesAllowed(Action action);
// Whether the case is visible at all (CaseRead) for this role and involvement.
bool seesCase(Role role, const CaseAccess& access);

// Whether `field` (a dotted path: "survivor.full_name", "perpetrators.id_number",
// "incident.description", …) may be shown to the caller. A path with no row is refused.
bool mayReadField(Role role, const CaseAccess& access, const std::string& field);
bool mayReadField(Role role, Relation relation, const std::string& field);
// Whether an event of `eventType` written by `authorRole` appears in the caller's timeline.
bool mayReadEvent(Role role, const CaseAccess& access, const std::string& eventType,
                  Role authorRole);

// Whether details.<field> of an entry of `eventType` written by `authorRole` is shown to `role`
// (eventFieldTable: a restricted field only to the author's role; every other field: yes).
bool mayReadEventField(Role role, const std::string& eventType, const std::string& field,
                       Role authorRole);

std::string actionName(Action action);
// Every action, in enum order.
const std::vector<Action>& allActions();

}  // namespace binhan::core
