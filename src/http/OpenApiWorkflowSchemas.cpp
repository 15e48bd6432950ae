// The coordination workflow's schemas (see OpenApiSchemas.h): events with the details of each
// type from core/workflow/EventCatalogue, referrals, consent, stages, closing, the dashboard.
#include <Poco/JSON/Array.h>

#include <algorithm>

#include "core/CaseModel.h"
#include "core/Policy.h"
#include "core/attachment/AttachmentKind.h"
#include "core/notify/Notice.h"
#include "core/workflow/CaseStatus.h"
#include "core/workflow/EventCatalogue.h"
#include "core/workflow/FollowUp.h"
#include "core/workflow/Protection.h"
#include "core/workflow/RiskScreen.h"
#include "core/workflow/SurvivorFeedback.h"
#include "core/workflow/Text.h"
#include "http/JsonSchema.h"
#include "http/OpenApiSchemas.h"

namespace binhan::http {
namespace {

using namespace schema;
namespace wf = core::workflow;

Schema workflowText() {
    return text(wf::kMaxTextChars);
}

// One field of an event's details, as core/workflow/EventRules checks it.
Schema detailField(const wf::DetailField& field) {
    switch (field.kind) {
        case wf::FieldKind::Text:
            return workflowText();
        case wf::FieldKind::Choice:
            return oneOf(field.choices);
        case wf::FieldKind::Date:
            return date();
        case wf::FieldKind::Time:
            return time();
        case wf::FieldKind::EventId:
            return anyOf({id(), with(string(), "pattern", "^(?=[0-9]*[1-9])[0-9]{1,18}$")});
        case wf::FieldKind::Flag:
            return boolean();
        case wf::FieldKind::Names:
            return anyOf({workflowText(), with(arrayOf(workflowText()), "minItems", 1)});
        case wf::FieldKind::Choices:
            return with(arrayOf(oneOf(field.choices)), "uniqueItems", true);
        case wf::FieldKind::Answers: {
            std::vector<Field> answers;
            for (const auto& question : wf::riskQuestions())
                answers.push_back(req(question.id, oneOf({"yes", "no", "unknown"})));
            return described(closed(answers),
                             "Every question of the risk screen (GET /api/v1/catalogue "
                             "risk_questions) answered yes, no or unknown.");
        }
    }
    return string();
}

// A field required only when another holds a value, as JSON Schema's if/then.
Schema requiredWhen(const wf::DetailField& field) {
    Schema rule = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    const Schema value = field.whenValue == "true"    ? constant(true)
                         : field.whenValue == "false" ? constant(false)
                                                      : constant(field.whenValue);
    rule->set("if", object({req(field.whenField, value)}));
    rule->set("then", object({req(field.name, detailField(field))}));
    return rule;
}

std::string detailsName(const wf::EventType& type) {
    return "EventDetails." + type.name;
}

// The details of one event type: its fields and no others; a field required only when the
// decision grants the order (protection.decision's starts and ends) says so with if/then.
Schema detailsOf(const wf::EventType& type) {
    std::vector<Field> fields, ifGranted;
    for (const auto& field : type.fields) {
        // A field the access table shows only to its author's agency (the shelter's location)
        // is absent from other readers' answers: required by the server on input, optional here.
        const bool withheldFromSome = std::any_of(
            core::eventFieldTable().begin(), core::eventFieldTable().end(), [&](const auto& rule) {
                return rule.eventType == type.name && rule.field == field.name;
            });
        const bool required = field.presence == wf::Presence::Required && !withheldFromSome;
        fields.push_back({field.name,
                          withheldFromSome
                              ? described(detailField(field),
                                          "Required when recorded; withheld from the agencies "
                                          "that did not record it (see the event's withheld).")
                              : detailField(field),
                          required});
        if (field.presence == wf::Presence::RequiredIfGranted)
            ifGranted.push_back(req(field.name, detailField(field)));
    }
    Schema out =
        described(closed(fields), "The details of " + type.label + " (" + type.source + ").");
    if (!ifGranted.empty()) {
        out->set("if", object({req("granted", constant(true))}));
        out->set("then", object(ifGranted));
    }
    Poco::JSON::Array::Ptr conditions = new Poco::JSON::Array;
    for (const auto& field : type.fields)
        if (field.presence == wf::Presence::RequiredIf) conditions->add(requiredWhen(field));
    if (conditions->size() > 0) out->set("allOf", conditions);
    return out;
}

// allOf: for each event type, "when type is T, details are T's" (plus, for a request, its rule
// on `due`).
Poco::JSON::Array::Ptr detailsByType(bool request) {
    Poco::JSON::Array::Ptr all = new Poco::JSON::Array;
    for (const auto& type : wf::eventCatalogue()) {
        std::vector<Field> then = {opt("details", named(detailsName(type)))};
        if (request && type.due == wf::DuePolicy::Required) then.push_back(req("due", date()));
        if (request && type.due == wf::DuePolicy::NotAllowed) then.push_back(opt("due", null()));
        Schema rule = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        rule->set("if", object({req("type", constant(type.name))}));
        rule->set("then", object(then));
        all->add(rule);
    }
    return all;
}

void addEvents(Poco::JSON::Object& s) {
    for (const auto& type : wf::eventCatalogue()) s.set(detailsName(type), detailsOf(type));
    s.set(
        "EventInput",
        described(with(closed({req("type", named("EventType")),
                               opt("at", described(nullable(time()),
                                                   "When it happened (default: now; not in "
                                                   "the future).")),
                               opt("details", nullable(object({}))), opt("due", nullable(date()))}),
                       "allOf", detailsByType(true)),
                  "A timeline entry (API.md \"Events\"); its details as its type requires."));
    const std::vector<wf::DueState> dueStates = {wf::DueState::Done, wf::DueState::Upcoming,
                                                 wf::DueState::DueToday, wf::DueState::Overdue};
    s.set("DueState", names(dueStates, wf::dueStateName));
    s.set(
        "Event",
        with(object({req("id", id()), req("type", named("EventType")), req("at", time()),
                     opt("due", date()), opt("due_state", named("DueState")),
                     opt("done_at", time()), req("author", named("Person")),
                     req("recorded_at", time()), req("details", object({})),
                     opt("protection",
                         described(
                             object({opt("deadline", time()), opt("decision_event", nullable(id())),
                                     opt("late", boolean()), opt("revoke_event", nullable(id())),
                                     opt("deliveries",
                                         arrayOf(object({req("party", string()), req("event", id()),
                                                         req("at", time())}))),
                                     opt("awaiting", arrayOf(string()))}),
                             "A contact-prohibition request's deadline and decision, "
                             "a decision's lateness and revocation, and to whom it was "
                             "delivered and who still waits for it (Law 13/2022 art. 25(2)-(3)).")),
                     opt("prompt", described(constant(std::string("protection.request")),
                                             "A risk screen suggesting high or critical: offer "
                                             "a protection request next.")),
                     opt("withheld", described(arrayOf(string()),
                                               "Detail fields left out for this reader (the "
                                               "shelter's location: only the agency that "
                                               "arranged it).")),
                     opt("corrects", id()), opt("superseded_by", id()),
                     opt("voided", described(object({req("at", time()), req("by", named("Person")),
                                                     req("reason", string())}),
                                             "A mistaken entry, voided (or corrected) with a "
                                             "reason; it stays and no longer counts.")),
                     opt("allowed_actions", arrayOf(oneOf({"done", "correct", "void"})))}),
             "allOf", detailsByType(false)));
    s.set("EventVoidRequest", closed({req("reason", workflowText())}));
    s.set("EventCorrection",
          described(closed({req("details", object({})), opt("due", nullable(date())),
                            req("reason", workflowText())}),
                    "The entry's details as its type requires, and why it is corrected."));
    s.set("EventPage", page("Event"));
}

void addReferrals(Poco::JSON::Object& s) {
    s.set("ReferralRequest",
          closed({req("to", named("Agency")), req("reason", workflowText()),
                  opt("mandatory", described(nullable(boolean()),
                                             "A mandatory report to the police (a child, a "
                                             "crime), whatever the consent.")),
                  opt("survivor_informed", described(nullable(boolean()),
                                                     "Required on a mandatory report: whether "
                                                     "the survivor was told first."))}));
    s.set("Referral",
          object({req("id", id()), req("case_id", id()), req("case_code", string()),
                  req("from", named("Agency")), req("to", named("Agency")),
                  req("status", oneOf({"waiting", "accepted", "declined"})),
                  req("mandatory", boolean()), req("survivor_informed", nullable(boolean())),
                  req("consent_covered", boolean()), req("referred_at", time()),
                  req("referred_by", named("Person")), opt("decided_at", time()),
                  opt("reason", string()), opt("decline_reason", string())}));
    s.set("IncomingReferral",
          described(
              allOf({named("Referral"),
                     object({req("reason", string()), req("risk", named("Risk")),
                             req("child", boolean()),
                             req("case_summary",
                                 object({req("village", string()), req("types", arrayOf(string())),
                                         req("risk", named("Risk")), req("child", boolean()),
                                         req("case_status", named("CaseStatus"))}))})}),
              "A referral waiting for the caller's agency, with what it needs to decide "
              "and no name."));
    s.set("IncomingReferralPage", page("IncomingReferral"));
}

void addCaseWork(Poco::JSON::Object& s) {
    s.set("ConsentRequest",
          closed({req("given", boolean()),
                  req("given_by", oneOf({core::kGivenBySurvivor, core::kGivenByGuardian})),
                  opt("agencies", nullable(arrayOf(named("Agency")))),
                  opt("statistics", nullable(boolean())), req("reason", workflowText())}));
    s.set("ConsentChange",
          object({req("given", boolean()), req("given_by", string()),
                  req("agencies", arrayOf(named("Agency"))), req("statistics", boolean()),
                  req("recorded_at", time()), req("recorded_by", named("Person")),
                  req("reason", string()), req("withdrawn", arrayOf(named("Agency"))),
                  req("ended", arrayOf(named("Agency"))),
                  req("kept_by_law", arrayOf(named("Agency"))), req("stages", named("Stages"))}));
    s.set("SummaryRequest", closed({req("summary", workflowText())}));
    s.set("StageCompletion",
          object({req("case_id", id()), req("agency", named("Agency")), req("status", string()),
                  req("since", time()), req("summary", string())}));
    std::vector<Field> feedback;
    for (const auto& q : wf::feedbackQuestions()) feedback.push_back(opt(q.id, oneOf(q.answers)));
    feedback.push_back(opt("declined", constant(true)));
    s.set("CloseRequest",
          closed({req("reason", workflowText()),
                  opt("reason_code", nullable(oneOf(wf::closureReasonCodes()))),
                  opt("survivor_feedback",
                      nullable(described(closed(feedback),
                                         "The survivor's anonymous answers (or declined: "
                                         "true), counted per commune and month only, never "
                                         "kept with the case.")))}));
    s.set("CaseClosure",
          object({req("id", id()), req("code", string()), req("status", named("CaseStatus")),
                  req("closed_at", time()), req("closure_reason", string()),
                  opt("closure_reason_code", oneOf(wf::closureReasonCodes()))}));
    s.set("CaseReopening",
          object({req("id", id()), req("code", string()), req("status", named("CaseStatus")),
                  req("reopened_at", time()), req("stages", named("Stages"))}));
}

void addDashboard(Poco::JSON::Object& s) {
    const auto onCase = [](std::vector<Field> fields) {
        fields.insert(fields.begin(), {req("case_id", id()), req("case_code", string())});
        return object(fields);
    };
    const std::vector<wf::OrderState> shown = {wf::OrderState::EndingSoon, wf::OrderState::Lapsed};
    const auto count = with(integer(), "minimum", 0);
    s.set("Dashboard",
          described(
              object({req("as_of", time()),
                      req("referrals",
                          arrayOf(onCase({req("id", id()), req("from", named("Agency")),
                                          req("mandatory", boolean()), req("risk", named("Risk")),
                                          req("referred_at", time())}))),
                      req("due_items",
                          arrayOf(onCase({req("event_id", id()), req("type", named("EventType")),
                                          req("due", date()), req("state", named("DueState"))}))),
                      req("protection_requests",
                          arrayOf(onCase({req("event_id", id()), req("requested_at", time()),
                                          req("deadline", time()), req("hours_left", number()),
                                          req("late", boolean())}))),
                      req("protection_orders",
                          arrayOf(onCase({req("event_id", id()), req("starts", time()),
                                          req("ends", time()),
                                          req("state", names(shown, wf::orderStateName)),
                                          req("hours_left", number())}))),
                      req("court_orders",
                          arrayOf(onCase({req("event_id", id()), req("starts", date()),
                                          req("ends", date()),
                                          req("state", oneOf({"active", "ending_soon"}))}))),
                      req("closure_requests",
                          arrayOf(onCase({req("event_id", id()), req("requested_at", time())}))),
                      req("counts",
                          object({req("referrals", count), req("overdue", count),
                                  req("due_today", count), req("protection_requests", count),
                                  req("orders_ending_soon", count), req("orders_lapsed", count),
                                  req("closure_requests", count), req("court_orders", count)}))}),
              "The caller's open work: referrals waiting, due and overdue items, protection "
              "requests awaiting a decision (hours left of 12), orders ending or lapsed, courts' "
              "no-contact orders in force (Law 13/2022 art. 26), closures waiting for the chair."));
}

}  // namespace

// Evidence files (issue 21).
void addAttachments(Poco::JSON::Object& s) {
    const auto kind = oneOf(core::attachmentKinds());
    s.set("AttachmentKind", kind);
    s.set("AttachmentFile",
          described(with(string(), "format", "binary"),
                    "The file's bytes as the body (not multipart): JPEG, PNG or PDF, checked by "
                    "its first bytes against Content-Type."));
    s.set("Attachment",
          object({req("id", id()), req("kind", named("AttachmentKind")), req("filename", string()),
                  req("type", oneOf({"image/jpeg", "image/png", "application/pdf"})),
                  req("size", integer()), req("added_by", named("Person")), req("added_at", time()),
                  req("metadata_removed",
                      described(boolean(), "Image metadata (EXIF, GPS, XMP, text) was removed.")),
                  req("removable", boolean()),
                  opt("removed", object({req("at", time()), req("by", named("Person")),
                                         req("reason", string())}))}));
    s.set("AttachmentList", object({req("items", arrayOf(named("Attachment"))),
                                    req("addable_kinds", arrayOf(named("AttachmentKind"))),
                                    req("max_bytes", integer()), req("max_per_case", integer())}));
}

// A possible earlier case and links (issue 21).
void addEarlierCases(Poco::JSON::Object& s) {
    s.set("EarlierCheckRequest",
          closed({req("survivor", closed({opt("full_name", string()), opt("phone", string()),
                                          opt("id_number", string())}))}));
    s.set("EarlierCheck",
          object({req("possible", boolean()),
                  req("held_by", arrayOf(object({req("agency", named("Agency")),
                                                 req("since", described(string(), "YYYY-MM")),
                                                 opt("requested", boolean())})))}));
    s.set("EarlierRequestInput", closed({req("agency", named("Agency"))}));
    s.set("EarlierRequest",
          object({req("id", id()), req("status", oneOf({"waiting", "accepted", "declined"})),
                  req("from_agency", named("Agency")), opt("from_case_code", string()),
                  req("agency", named("Agency")), opt("case_id", id()), opt("case_code", string()),
                  req("created_at", time()), opt("decided_at", time()),
                  opt("referral", named("Referral"))}));
    s.set("EarlierRequestList", object({req("items", arrayOf(named("EarlierRequest")))}));
    s.set("CaseLinkRequest", closed({req("case", string())}));
    s.set("CaseLink", object({req("id", id()), req("code", string())}));
    s.set("CaseLinks", object({req("linked_cases", arrayOf(named("CaseLink")))}));
}

// Notifications (issue 22): kinds, codes, deadlines and links, never a name or a narrative.
void addNotifications(Poco::JSON::Object& s) {
    std::vector<std::string> kinds;
    for (const auto& kind : core::notify::noticeKinds()) kinds.push_back(kind.name);
    s.set("NoticeKind", oneOf(kinds));
    s.set("Notification",
          object({req("id", id()), req("kind", named("NoticeKind")), req("case_id", id()),
                  req("case_code", string()),
                  opt("deadline", described(string(), "RFC 3339 instant or YYYY-MM-DD")),
                  req("created_at", time()), req("read", boolean()), opt("read_at", time()),
                  req("text", described(string(), "Vietnamese words of the notice")),
                  req("text_en", string()), req("link", string())}));
    s.set("NotificationList",
          object({req("items", arrayOf(named("Notification"))), req("unread", integer())}));
    const auto choice = [](bool closedForm) {
        std::vector<Field> fields = {req("kind", named("NoticeKind")), opt("email", boolean()),
                                     opt("webhook", boolean())};
        return closedForm ? closed(fields) : object(fields);
    };
    s.set("NotificationSettings",
          object({req("email", string()), req("phone", string()),
                  req("channels", object({req("email", boolean()), req("webhook", boolean())})),
                  req("kinds", arrayOf(choice(false)))}));
    s.set("NotificationSettingsInput",
          closed({opt("email", nullable(string())), opt("phone", nullable(string())),
                  opt("kinds", arrayOf(choice(true)))}));
    s.set(
        "NotificationDelivery",
        object({req("id", id()), req("channel", oneOf({"email", "webhook"})),
                req("kind", named("NoticeKind")), req("state", oneOf({"pending", "failed"})),
                req("attempts", integer()), req("username", string()), req("last_error", string()),
                req("created_at", time()), opt("next_attempt_at", time())}));
    s.set("NotificationDeliveryList",
          object({req("items", arrayOf(named("NotificationDelivery")))}));
}

void addWorkflowSchemas(Poco::JSON::Object& schemas) {
    addNotifications(schemas);
    addAttachments(schemas);
    addEarlierCases(schemas);
    addEvents(schemas);
    addReferrals(schemas);
    addCaseWork(schemas);
    addDashboard(schemas);
}

}  // namespace binhan::http
