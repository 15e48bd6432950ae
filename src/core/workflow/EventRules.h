#pragma once
// Whether an event may be added to a case's timeline (API.md "Events"; DESIGN.md §2), checked
// against the catalogue of EventCatalogue.h. One function, checkEvent, throws the first rule
// broken, in this order:
//
//   Invalid("type")                     no such event type;
//   Conflict("case_closed")             the case is closed (read-only until reopened);
//   Forbidden                           core/Policy's action table has no EventAdd row for this
//                                       type, role and relation to the case;
//   Conflict("mediation_refused")       justice.mediation on a case flagged as a crime or as
//                                       subject to an administrative sanction, or whose consent
//                                       does not cover justice (Law on Grassroots Mediation
//                                       2013 art. 3);
//   Invalid("details.<name>")           a required field missing, a value of the wrong kind or
//                                       not among the allowed values, or a field the type does
//                                       not have (unknown fields are refused: deny by default;
//                                       a key that is not a short snake_case name is reported
//                                       as field "details", so client text is never echoed);
//   Invalid("details.<date>")           a date after `entryDate` where the field records what
//                                       has happened (DateBound::NotFuture: a mediation
//                                       session is recorded once it was held);
//   Invalid("due")                      `due` missing where required (union.follow_up), given
//                                       where the type takes none, not a YYYY-MM-DD date, or
//                                       before `entryDate` (an item due before it was written
//                                       down would be overdue the moment it is saved).
//
// `entryDate` is the date "YYYY-MM-DD", in Vietnam time (vietnamDate in FollowUp.h), of the
// entry's `at`: today, or the day a paper record being entered late was made.
//
// A `note` is open to every role that can see a case (case agencies, leader); whether this
// caller sees this case is the access policy's answer, asked before (a hidden case is a 404).
// Time rules that need the request and the clock (12 hours, 3 days) are in Protection.h.
// Pure; thread-safe.
#include <optional>
#include <string>

#include <Poco/JSON/Object.h>

#include "core/CaseModel.h"
#include "core/Policy.h"
#include "core/Role.h"
#include "core/workflow/CaseFacts.h"
#include "core/workflow/EventCatalogue.h"

namespace binhan::core::workflow {

// Throws as described above; returns normally when the event may be recorded.
void checkEvent(const CaseFacts& facts, Role actorRole, const CaseAccess& actorAccess,
                const std::string& type, const Poco::JSON::Object& details,
                const std::optional<std::string>& due, const std::string& entryDate);

// Who may record `type`, as core/Policy's action table says for the actor's relation to the case
// (Forbidden with a message naming the roles that may).
void checkEventAuthor(const EventType& type, Role actorRole, const CaseAccess& actorAccess);
// Mediation refusals alone (Law on Grassroots Mediation 2013 art. 3): Conflict
// ("mediation_refused") for a crime, an administrative sanction, or consent not covering justice.
void checkMediationAllowed(const CaseFacts& facts);
// A correction (issue 19) restates an entry that was allowed when it was written: its details
// and due date are checked as a new entry's, not whether it could be recorded today (a
// mediation held before the case was flagged a crime is still corrected, never held anew).
void checkCorrection(const EventType& type, const Poco::JSON::Object& details,
                     const std::optional<std::string>& due, const std::string& entryDate);
// risk.screen (issue 20): the level its answers suggest (RiskScreen.h); Invalid
// ("details.override_reason") when the level chosen differs and no reason is given. `details`
// must have passed checkEventDetails' field checks.
Risk checkRiskScreen(const Poco::JSON::Object& details);
// The `details` object alone against the type's fields (Invalid "details.<name>").
void checkEventDetails(const EventType& type, const Poco::JSON::Object& details,
                       const std::string& entryDate);

}  // namespace binhan::core::workflow
