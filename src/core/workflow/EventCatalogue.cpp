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
DetailField optional(DetailField field) {
    field.presence = P::Optional;
    return field;
}
DetailField optionalText(const char* name) {
    return optional(text(name));
}
DetailField of(const char* name, FieldKind kind) {
    return {name, kind, P::Required, {}};
}
DetailField pastDate(const char* name) {
    return {name, K::Date, P::Required, {}, "", DateBound::NotFuture};
}
// Required only when details.<field> holds <value>.
DetailField requiredIf(DetailField field, const char* whenField, const char* whenValue) {
    field.presence = P::RequiredIf;
    field.whenField = whenField;
    field.whenValue = whenValue;
    return field;
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
        // Law 13/2022 art. 25(1)(a): the survivor, her guardian, or an agency with her (or the
        // guardian's) consent requests; art. 25(1)(b): the chair acts on his own initiative when
        // the violence threatens her life. Its `at` is its receipt: the 12 hours run from it.
        {"protection.request", "a request for a contact prohibition", {choice("measure", {"no_contact"}),
          choice("requested_by", {"survivor", "guardian", "agency", "chair_initiative"}),
          requiredIf(choice("consent_by", {"survivor", "guardian"}, "given_by"), "requested_by", "agency"),
          requiredIf(of("survivor_objects", K::Flag), "requested_by", "chair_initiative"),
          summary()},
         DuePolicy::NotAllowed, "Law 13/2022 art. 25(1)-(2); Decree 76/2023"},
        {"protection.decision", "a contact-prohibition decision", {{"request_event", K::EventId, P::Required, {}},
          {"granted", K::Flag, P::Required, {}},
          {"starts", K::Time, P::RequiredIfGranted, {}},
          {"ends", K::Time, P::RequiredIfGranted, {}},
          text("reason"),
          {"notified", K::Choices, P::Optional,
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
        // Issue 20. The level the answers suggest is computed (core/workflow/RiskScreen.h).
        {"risk.screen", "a risk screen", {of("answers", K::Answers),
          choice("level", {"low", "medium", "high", "critical"}, "risk"),
          {"suggested", K::Choice, P::Computed, {"low", "medium", "high", "critical"}, "risk"},
          optionalText("override_reason")},
         DuePolicy::NotAllowed, "issue 20: risk screen; Law 13/2022 art. 25(1) (threat to health or life)"},
        {"safety.plan", "a safety plan", {text("contact_way"), optionalText("contact_time"), text("safe_place"),
          of("trusted_people", K::Names), optionalText("code_word"), optionalText("children"),
          optional(of("emergency_numbers", K::Names))},
         DuePolicy::Required, "issue 20: safety plan, reviewed by its due date"},
        // Law 13/2022 art. 25(3): the decision is sent to the perpetrator, the survivor, the head
        // of the commune police and the village head; art. 25(2): a refusal is told in writing,
        // with its reasons, to whoever requested.
        {"protection.delivery", "the delivery of a contact-prohibition decision", {{"decision_event", K::EventId, P::Required, {}},
          choice("party", {"perpetrator", "survivor", "police_head", "village_head", "requester"}),
          choice("method", {"in_person", "post", "electronic", "other"}, "delivery_method"),
          of("delivered_at", K::Time), optional(summary())},
         DuePolicy::NotAllowed, "Law 13/2022 art. 25(2)-(3)"},
        // Law 13/2022 art. 26: a court hearing a civil case between them orders no contact for
        // at most 4 months; the commune records it as an external measure.
        {"protection.court_order", "a court's no-contact order", {text("court"), optionalText("order_number"),
          pastDate("issued"), of("starts", K::Date), of("ends", K::Date), optional(summary())},
         DuePolicy::NotAllowed, "Law 13/2022 art. 26"},
        // Law 13/2022 art. 2(3), art. 22(1): a safe place to stay (nơi tạm lánh).
        {"shelter.placement", "a placement in a temporary shelter", {text("location"), of("starts", K::Date),
          optional(of("ends", K::Date)), optional(summary())},
         DuePolicy::NotAllowed, "Law 13/2022 art. 2(3), art. 22(1)"},
        // Law 13/2022 art. 2(4), art. 22(1): education and support for changing the behaviour.
        {"behaviour_change.session", "a behaviour-change session", {pastDate("held_on"),
          of("attended", K::Flag), optionalText("provider"), optional(summary())},
         DuePolicy::NotAllowed, "Law 13/2022 art. 2(4), art. 22(1)"},
        {"closure.request", "a request to approve closing the case", {text("reason")},
         DuePolicy::NotAllowed, "issue 20: a high or critical case closes with the chair's approval"},
        {"closure.decision", "the chair's answer on closing the case", {{"request_event", K::EventId, P::Required, {}},
          of("approved", K::Flag), requiredIf(text("reason"), "approved", "false")},
         DuePolicy::NotAllowed, "issue 20: the chair approves or sends back, with a reason"},
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
