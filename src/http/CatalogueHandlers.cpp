#include "http/CatalogueHandlers.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <functional>
#include <memory>

#include "core/CaseModel.h"
#include "core/InputRules.h"
#include "core/Policy.h"
#include "core/workflow/CaseActions.h"
#include "core/workflow/CaseStatus.h"
#include "core/workflow/EventCatalogue.h"
#include "core/workflow/RiskScreen.h"
#include "core/workflow/Stage.h"
#include "core/workflow/SurvivorFeedback.h"
#include "http/Dictionary.h"

namespace binhan::http {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
namespace wf = core::workflow;

Object::Ptr object() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

// The two dictionaries of the browser UI, read once.
class Dictionaries {
  public:
    explicit Dictionaries(const StaticFiles& web) : vi_(web, "vi"), en_(web, "en") {}
    // {"vi": …, "en": …} for a key (null where a dictionary lacks it).
    Object::Ptr label(const std::string& key) const {
        auto out = object();
        out->set("vi", vi_.raw(key));
        out->set("en", en_.raw(key));
        return out;
    }

  private:
    Dictionary vi_, en_;
};

std::string kindName(wf::FieldKind kind, std::size_t choices) {
    switch (kind) {
        case wf::FieldKind::Text:
            return "text";
        case wf::FieldKind::Choice:
            return choices == 1 ? "fixed" : "choice";
        case wf::FieldKind::Date:
            return "date";
        case wf::FieldKind::Time:
            return "time";
        case wf::FieldKind::EventId:
            return "event_id";
        case wf::FieldKind::Flag:
            return "yesno";
        case wf::FieldKind::Names:
            return "names";
        case wf::FieldKind::Choices:
            return "choices";
        case wf::FieldKind::Answers:
            return "answers";
    }
    return "text";
}

std::string dueName(wf::DuePolicy due) {
    return due == wf::DuePolicy::Required   ? "required"
           : due == wf::DuePolicy::Optional ? "optional"
                                            : "none";
}

Object::Ptr fieldJson(const wf::DetailField& field, const Dictionaries& words) {
    auto out = object();
    out->set("name", field.name);
    out->set("kind", kindName(field.kind, field.choices.size()));
    out->set("required", field.presence == wf::Presence::Required);
    out->set("required_if_granted", field.presence == wf::Presence::RequiredIfGranted);
    if (field.presence == wf::Presence::RequiredIf) {
        auto when = object();
        when->set("field", field.whenField);
        when->set("value", field.whenValue);
        out->set("required_if", when);
    }
    if (field.presence == wf::Presence::Computed) out->set("computed", true);
    out->set("label", words.label("event_field." + field.name));
    if (field.bound == wf::DateBound::NotFuture) out->set("not_future", true);
    if (!field.choices.empty()) {
        const std::string group = field.choiceGroup.empty() ? field.name : field.choiceGroup;
        Array::Ptr choices = new Array;
        for (const auto& value : field.choices) {
            auto choice = object();
            choice->set("value", value);
            choice->set("label", words.label("choice." + group + "." + value));
            choices->add(choice);
        }
        out->set("choices", choices);
    }
    return out;
}

Array::Ptr eventTypesJson(const Dictionaries& words) {
    Array::Ptr out = new Array;
    for (const auto& type : wf::eventCatalogue()) {
        auto entry = object();
        entry->set("name", type.name);
        entry->set("label", words.label("event." + type.name));
        Array::Ptr authors = new Array;
        for (auto role : core::rolesAllowedEvent(type.name)) authors->add(core::roleName(role));
        entry->set("authors", authors);
        entry->set("due", dueName(type.due));
        // A due date before the entry's own date is refused (EventRules.h).
        if (type.due != wf::DuePolicy::NotAllowed) entry->set("due_not_past", true);
        Array::Ptr fields = new Array;
        for (const auto& field : type.fields) fields->add(fieldJson(field, words));
        entry->set("fields", fields);
        entry->set("source", type.source);
        out->add(entry);
    }
    return out;
}

// [{value, label}] of `values`, labelled from `prefix` + value.
template <typename T>
Array::Ptr enumeration(const std::vector<T>& values, const std::function<std::string(T)>& name,
                       const std::string& prefix, const Dictionaries& words) {
    Array::Ptr out = new Array;
    for (const auto& value : values) {
        auto item = object();
        item->set("value", name(value));
        item->set("label", words.label(prefix + name(value)));
        out->add(item);
    }
    return out;
}

Array::Ptr names(const std::vector<std::string>& values, const std::string& prefix,
                 const Dictionaries& words) {
    return enumeration<std::string>(
        values, [](std::string v) { return v; }, prefix, words);
}

Object::Ptr enumerationsJson(const Dictionaries& words) {
    auto out = object();
    out->set("sex", enumeration<core::Sex>(core::allSexes(), core::sexName, "sex.", words));
    out->set("risk", enumeration<core::Risk>(core::allRisks(), core::riskName, "risk.", words));
    out->set("violence_type",
             enumeration<core::ViolenceType>(core::allViolenceTypes(), core::violenceTypeName,
                                             "violence.", words));
    out->set("relationship",
             enumeration<core::Relationship>(core::allRelationships(), core::relationshipName,
                                             "relationship.", words));
    out->set("place",
             enumeration<core::Place>(core::allPlaces(), core::placeName, "place.", words));
    out->set("role", enumeration<core::Role>(core::allRoles(), core::roleName, "role.", words));
    out->set("agency",
             enumeration<core::Agency>(core::allAgencies(), core::agencyName, "agency.", words));
    out->set("case_status", enumeration<wf::CaseStatus>(wf::allCaseStatuses(), wf::caseStatusName,
                                                        "status.", words));
    out->set("stage_status", enumeration<wf::StageStatus>(wf::allStageStatuses(),
                                                          wf::stageStatusName, "stage.", words));
    out->set("closure_reason", names(wf::closureReasonCodes(), "closure.", words));
    out->set("given_by", names({"survivor", "guardian"}, "given_by.", words));
    out->set("intake_channel", names(core::intakeChannels(), "channel.", words));  // art. 19
    return out;
}

Array::Ptr actionsJson(const Dictionaries& words) {
    Array::Ptr out = new Array;
    for (const char* name : {"update", "refer", "consent", "complete_stage", "close", "reopen",
                             "export", "recuse", "break_glass", "erase"}) {
        auto item = object();
        item->set("name", name);
        item->set("label", words.label(std::string("action.") + name));
        out->add(item);
    }
    return out;
}

Array::Ptr refusalsJson() {
    Array::Ptr out = new Array;
    for (const auto& code : wf::refusalCodes()) {
        auto item = object();
        item->set("code", code);
        auto label = object();
        label->set("vi", wf::refusalText(code, "vi"));
        label->set("en", wf::refusalText(code, "en"));
        item->set("label", label);
        out->add(item);
    }
    return out;
}

// {"<path>": {max_chars?, pattern?, needs_digit?, min?, not_future?, message: {vi, en}}}: the
// input rules of core/InputRules.h, so the intake checks a step as the officer leaves it.
Object::Ptr fieldRulesJson() {
    auto out = object();
    for (const auto& rule : core::caseInputRules()) {
        auto entry = object();
        if (rule.maxChars > 0) entry->set("max_chars", rule.maxChars);
        if (!rule.pattern.empty()) entry->set("pattern", rule.pattern);
        if (rule.needsDigit) entry->set("needs_digit", true);
        if (rule.minYear > 0) entry->set("min", rule.minYear);
        if (rule.notFuture) entry->set("not_future", true);
        auto message = object();
        message->set("vi", rule.vi);
        message->set("en", rule.en);
        entry->set("message", message);
        out->set(rule.path, entry);
    }
    return out;
}

// {vi, en} of two texts.
Object::Ptr bilingual(const std::string& vi, const std::string& en) {
    auto out = object();
    out->set("vi", vi);
    out->set("en", en);
    return out;
}

// Issue 20: the risk screen's questions (core/workflow/RiskScreen.h), as data.
Array::Ptr riskQuestionsJson() {
    Array::Ptr out = new Array;
    for (const auto& q : wf::riskQuestions()) {
        auto item = object();
        item->set("id", q.id);
        item->set("severe", q.severe);
        item->set("label", bilingual(q.vi, q.en));
        out->add(item);
    }
    return out;
}

// Issue 20: the survivor's feedback at closure (core/workflow/SurvivorFeedback.h).
Array::Ptr feedbackQuestionsJson(const Dictionaries& words) {
    Array::Ptr out = new Array;
    for (const auto& q : wf::feedbackQuestions()) {
        auto item = object();
        item->set("id", q.id);
        item->set("label", bilingual(q.vi, q.en));
        item->set("choices", names(q.answers, "feedback_answer.", words));
        out->add(item);
    }
    return out;
}

}  // namespace

Handler catalogueHandler(const StaticFiles& web) {
    // Built once: the catalogue is static data for the life of the process.
    const Dictionaries words(web);
    auto catalogue = object();
    catalogue->set("event_types", eventTypesJson(words));
    catalogue->set("enumerations", enumerationsJson(words));
    catalogue->set("actions", actionsJson(words));
    catalogue->set("refusals", refusalsJson());
    catalogue->set("field_rules", fieldRulesJson());
    catalogue->set("risk_questions", riskQuestionsJson());
    catalogue->set("risk_screen_note",
                   bilingual(wf::riskScreenNote("vi"), wf::riskScreenNote("en")));
    catalogue->set("risk_levels_rule", bilingual(wf::riskRuleText("vi"), wf::riskRuleText("en")));
    catalogue->set("feedback_questions", feedbackQuestionsJson(words));
    Array::Ptr fields = new Array;
    for (const auto& field : core::policyFieldPaths()) fields->add(field);
    catalogue->set("field_paths", fields);
    const auto answer = Response::json(200, *catalogue);
    return [answer](Request&) { return answer; };
}

}  // namespace binhan::http
