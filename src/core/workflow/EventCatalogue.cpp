#include "core/workflow/EventCatalogue.h"

#include <algorithm>
#include <utility>

namespace binhan::core::workflow {
namespace {

using K = FieldKind;
using P = Presence;
using R = Role;

DetailField summary() {
    return {"summary", K::Text, P::Required, {}};
}
DetailField text(const char* name) {
    return {name, K::Text, P::Required, {}};
}
DetailField choice(const char* name, std::vector<std::string> choices, const char* group = "") {
    return {name, K::Choice, P::Required, std::move(choices), group};
}

// One row per type: name, label, details fields, due, source. Who may record each type is
// core/Policy's action table (EventAdd rows), nowhere else.
// clang-format off
std::vector<EventType> buildCatalogue() {
    return {
        {"police.report", "a police report", {choice("channel", {"in_person", "phone", "hotline", "letter", "other"}), summary()},
         DuePolicy::NotAllowed, "Law 13/2022 (intake of a report); API.md Events"},
        {"police.intervention", "a police intervention", {choice("action", {"stopped_violence", "summons", "other"}), summary()},
         DuePolicy::Optional, "Law 13/2022 (order to stop the violence, summons); API.md Events"},
        {"protection.request", "a request for a contact prohibition", {choice("measure", {"no_contact"}),
          choice("requested_by", {"survivor", "guardian", "agency"}), summary()},
         DuePolicy::NotAllowed, "Law 13/2022 art. 25; Decree 76/2023"},
        {"protection.decision", "a contact-prohibition decision", {{"request_event", K::EventId, P::Required, {}},
          {"granted", K::Flag, P::Required, {}},
          {"starts", K::Time, P::RequiredIfGranted, {}},
          {"ends", K::Time, P::RequiredIfGranted, {}},
          text("reason"),
          {"notified", K::Choices, P::Required,
           {"perpetrator", "survivor", "police_head", "village_head"}}},
         DuePolicy::NotAllowed, "Law 13/2022 art. 25; Decree 76/2023"},
        {"protection.revoke", "a revocation of a contact prohibition", {{"decision_event", K::EventId, P::Required, {}}, text("reason")},
         DuePolicy::NotAllowed, "Law 13/2022 art. 25; Decree 76/2023"},
        {"justice.legal_aid", "legal aid", {choice("kind", {"representation", "advice", "other"}, "legal_aid_kind"),
          choice("eligibility", {"financial_hardship", "child", "trafficking", "other"}),
          summary()},
         DuePolicy::Optional, "Law on Legal Aid 2017 art. 7 (who is eligible)"},
        {"justice.counselling", "legal counselling", {summary()},
         DuePolicy::Optional, "API.md Events (tư vấn pháp luật)"},
        {"justice.mediation", "a mediation session", {{"session_date", K::Date, P::Required, {}, "", DateBound::NotFuture},
          {"mediators", K::Names, P::Required, {}},
          choice("outcome", {"agreed", "not_agreed", "postponed"}), summary()},
         DuePolicy::Optional, "Law on Grassroots Mediation 2013 art. 3"},
        {"union.follow_up", "a follow-up visit", {summary()},
         DuePolicy::Required, "DESIGN §2: follow-ups have due dates"},
        {"union.support", "support given to the survivor", {choice("kind", {"shelter", "essential_needs", "health_care", "counselling",
                          "behaviour_change", "livelihood", "other"}, "support_kind"),
          summary()},
         DuePolicy::Optional, "Law 13/2022 (support to survivors); API.md Events"},
        {"school.action", "a school action", {summary()},
         DuePolicy::Optional, "DESIGN §1: school acts on cases involving a pupil"},
        {"note", "a note", {text("text")},
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
