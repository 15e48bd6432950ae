#include "core/workflow/EventCatalogue.h"

#include <algorithm>
#include <utility>

namespace binhan::core::workflow {
namespace {

using K = FieldKind;
using P = Presence;
using R = Role;

const std::set<Role> kAgencies = {R::Police, R::Justice, R::Union, R::School};

DetailField summary() {
    return {"summary", K::Text, P::Required, {}};
}
DetailField text(const char* name) {
    return {name, K::Text, P::Required, {}};
}
DetailField choice(const char* name, std::vector<std::string> choices) {
    return {name, K::Choice, P::Required, std::move(choices)};
}

// One row per type: name, label, roles, needs an active stage, details fields, due, source.
// clang-format off
std::vector<EventType> buildCatalogue() {
    return {
        {"police.report", "a police report", {R::Police}, true,
         {choice("channel", {"in_person", "phone", "hotline", "letter", "other"}), summary()},
         DuePolicy::NotAllowed, "Law 13/2022 (intake of a report); API.md Events"},
        {"police.intervention", "a police intervention", {R::Police}, true,
         {choice("action", {"stopped_violence", "summons", "other"}), summary()},
         DuePolicy::Optional, "Law 13/2022 (order to stop the violence, summons); API.md Events"},
        {"protection.request", "a request for a contact prohibition", kAgencies, true,
         {choice("measure", {"no_contact"}),
          choice("requested_by", {"survivor", "guardian", "agency"}), summary()},
         DuePolicy::NotAllowed, "Law 13/2022 art. 25; Decree 76/2023"},
        {"protection.decision", "a contact-prohibition decision", {R::Leader}, false,
         {{"request_event", K::EventId, P::Required, {}},
          {"granted", K::Flag, P::Required, {}},
          {"starts", K::Time, P::RequiredIfGranted, {}},
          {"ends", K::Time, P::RequiredIfGranted, {}},
          text("reason"),
          {"notified", K::Choices, P::Required,
           {"perpetrator", "survivor", "police_head", "village_head"}}},
         DuePolicy::NotAllowed, "Law 13/2022 art. 25; Decree 76/2023"},
        {"protection.revoke", "a revocation of a contact prohibition", {R::Leader}, false,
         {{"decision_event", K::EventId, P::Required, {}}, text("reason")},
         DuePolicy::NotAllowed, "Law 13/2022 art. 25; Decree 76/2023"},
        {"justice.legal_aid", "legal aid", {R::Justice}, true,
         {choice("kind", {"representation", "advice", "other"}),
          choice("eligibility", {"financial_hardship", "child", "trafficking", "other"}),
          summary()},
         DuePolicy::Optional, "Law on Legal Aid 2017 art. 7 (who is eligible)"},
        {"justice.counselling", "legal counselling", {R::Justice}, true, {summary()},
         DuePolicy::Optional, "API.md Events (tư vấn pháp luật)"},
        {"justice.mediation", "a mediation session", {R::Justice}, true,
         {{"session_date", K::Date, P::Required, {}},
          {"mediators", K::Names, P::Required, {}},
          choice("outcome", {"agreed", "not_agreed", "postponed"}), summary()},
         DuePolicy::Optional, "Law on Grassroots Mediation 2013 art. 3"},
        {"union.follow_up", "a follow-up visit", {R::Union}, true, {summary()},
         DuePolicy::Required, "DESIGN §2: follow-ups have due dates"},
        {"union.support", "support given to the survivor", {R::Union}, true,
         {choice("kind", {"shelter", "essential_needs", "health_care", "counselling",
                          "behaviour_change", "livelihood", "other"}),
          summary()},
         DuePolicy::Optional, "Law 13/2022 (support to survivors); API.md Events"},
        {"school.action", "a school action", {R::School}, true, {summary()},
         DuePolicy::Optional, "DESIGN §1: school acts on cases involving a pupil"},
        {"note", "a note", {R::Police, R::Justice, R::Union, R::School, R::Leader}, false,
         {text("text")},
         DuePolicy::NotAllowed, "API.md Events: note by anyone who sees the case"},
    };
}
// clang-format on

}  // namespace

const std::vector<EventType>& eventCatalogue() {
    static const std::vector<EventType> catalogue = buildCatalogue();
    return catalogue;
}

const EventType* findEventType(const std::string& name) {
    const auto& catalogue = eventCatalogue();
    const auto it = std::find_if(catalogue.begin(), catalogue.end(),
                                 [&](const EventType& type) { return type.name == name; });
    return it == catalogue.end() ? nullptr : &*it;
}

}  // namespace binhan::core::workflow
