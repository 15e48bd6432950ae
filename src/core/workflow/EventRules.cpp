#include "core/workflow/EventRules.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <set>

#include <Poco/JSON/Array.h>

#include "core/Error.h"
#include "core/TimeFormat.h"
#include "core/workflow/Consent.h"
#include "core/workflow/RiskScreen.h"
#include "core/workflow/Text.h"

namespace binhan::core::workflow {
namespace {

using Poco::Dynamic::Var;

std::string listChoices(const std::vector<std::string>& choices) {
    std::string out;
    for (const auto& c : choices) out += (out.empty() ? "" : ", ") + c;
    return out;
}

std::string stringOf(const Var& v) {
    return v.isString() ? v.extract<std::string>() : "";
}

bool isDigits(const std::string& s) {
    return !s.empty() && s.size() <= 18 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isEventId(const Var& v) {
    if (v.isBoolean()) return false;
    if (v.isInteger()) {
        if (v.isSigned()) return v.convert<std::int64_t>() > 0;
        const auto id = v.convert<std::uint64_t>();  // ids are int64 in the store
        return id > 0 && id <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    }
    return v.isString() && isDigits(v.extract<std::string>()) &&
           v.extract<std::string>().find_first_not_of('0') != std::string::npos;
}

void checkChoice(const std::string& field, const Var& v, const DetailField& rule) {
    const std::string s = stringOf(v);
    if (!v.isString() ||
        std::find(rule.choices.begin(), rule.choices.end(), s) == rule.choices.end())
        throw Invalid(field, "Choose one of: " + listChoices(rule.choices) + ".");
}

void checkNames(const std::string& field, const Poco::JSON::Object& details,
                const DetailField& rule) {
    const Var v = details.get(rule.name);
    if (v.isString()) return checkText(field, v.extract<std::string>(), rule.name);
    const char* const message = "Give the mediators' names: a name, or a list of names.";
    if (!details.isArray(rule.name)) throw Invalid(field, message);
    const Poco::JSON::Array::Ptr names = details.getArray(rule.name);
    if (names->size() == 0) throw Invalid(field, message);
    for (std::size_t i = 0; i < names->size(); ++i) {
        const Var name = names->get(static_cast<unsigned>(i));
        if (!name.isString()) throw Invalid(field, message);
        checkText(field, name.extract<std::string>(), "name of each mediator");
    }
}

void checkChoices(const std::string& field, const Poco::JSON::Object& details,
                  const DetailField& rule) {
    const std::string message =
        "Give a list of: " + listChoices(rule.choices) + " (each at most once).";
    if (!details.isArray(rule.name)) throw Invalid(field, message);
    const Poco::JSON::Array::Ptr items = details.getArray(rule.name);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const Var item = items->get(static_cast<unsigned>(i));
        const std::string s = stringOf(item);
        const bool known =
            std::find(rule.choices.begin(), rule.choices.end(), s) != rule.choices.end();
        if (!item.isString() || !known || !seen.insert(s).second) throw Invalid(field, message);
    }
}

// risk.screen answers: an object holding every question of RiskScreen.h, each "yes", "no" or
// "unknown", and nothing else (a question id is echoed only when it is one of ours).
void checkAnswers(const std::string& field, const Poco::JSON::Object& details,
                  const DetailField& rule) {
    const char* const message = "Answer every question of the risk screen with yes, no or unknown.";
    if (!details.isObject(rule.name)) throw Invalid(field, message);
    const Poco::JSON::Object::Ptr answers = details.getObject(rule.name);
    for (const auto& entry : *answers)
        if (findRiskQuestion(entry.first) == nullptr) throw Invalid(field, message);
    for (const auto& question : riskQuestions()) {
        const Var v = answers->get(question.id);
        const std::string answer = stringOf(v);
        const bool known = std::any_of(std::begin(kRiskAnswers), std::end(kRiskAnswers),
                                       [&](const char* a) { return answer == a; });
        if (!v.isString() || !known) throw Invalid(field + "." + question.id, message);
    }
}

void checkDateBound(const std::string& field, const std::string& date, const DetailField& rule,
                    const std::string& entryDate) {
    if (rule.bound == DateBound::NotFuture && formatDate(*parseDate(date)) > entryDate)
        throw Invalid(field,
                      "This date is after the date of the entry; record it once it has "
                      "taken place.");
}

// One present field against its rule.
void checkField(const Poco::JSON::Object& details, const DetailField& rule,
                const std::string& entryDate) {
    const std::string field = "details." + rule.name;
    const Var v = details.get(rule.name);
    switch (rule.kind) {
        case FieldKind::Text:
            if (!v.isString()) throw Invalid(field, "Write the " + rule.name + " as text.");
            return checkText(field, v.extract<std::string>(), rule.name);
        case FieldKind::Choice:
            return checkChoice(field, v, rule);
        case FieldKind::Date:
            if (!v.isString() || !parseDate(v.extract<std::string>()))
                throw Invalid(field, "Give the date as YYYY-MM-DD, e.g. 2024-05-01.");
            return checkDateBound(field, v.extract<std::string>(), rule, entryDate);
        case FieldKind::Time:
            if (!v.isString() || !parseRfc3339(v.extract<std::string>()))
                throw Invalid(field, "Give the date and time, e.g. 2024-05-01T08:30:00Z.");
            return;
        case FieldKind::EventId:
            if (!isEventId(v)) throw Invalid(field, "Give the number of the event it refers to.");
            return;
        case FieldKind::Flag:
            if (!v.isBoolean()) throw Invalid(field, "Answer yes or no (true or false).");
            return;
        case FieldKind::Names:
            return checkNames(field, details, rule);
        case FieldKind::Choices:
            return checkChoices(field, details, rule);
        case FieldKind::Answers:
            return checkAnswers(field, details, rule);
    }
}

// Whether an unknown key may be named back in the error's field: only short snake_case names,
// so arbitrary client text (possibly personal data) is never echoed.
bool echoableKey(const std::string& key) {
    return !key.empty() && key.size() <= 40 && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || c == '_';
    });
}

bool isGranted(const Poco::JSON::Object& details) {
    const Var v = details.get("granted");
    return v.isBoolean() && v.convert<bool>();
}

// Whether details.<field> holds `value` ("true"/"false" for a flag).
bool holds(const Poco::JSON::Object& details, const std::string& field, const std::string& value) {
    const Var v = details.get(field);
    if (v.isBoolean()) return (v.convert<bool>() ? "true" : "false") == value;
    return v.isString() && v.extract<std::string>() == value;
}

bool isRequired(const DetailField& rule, const Poco::JSON::Object& details, bool granted) {
    switch (rule.presence) {
        case Presence::Required:
            return true;
        case Presence::RequiredIfGranted:
            return granted;
        case Presence::RequiredIf:
            return holds(details, rule.whenField, rule.whenValue);
        case Presence::Optional:
        case Presence::Computed:
            return false;
    }
    return false;
}

void checkDue(const EventType& type, const std::optional<std::string>& due,
              const std::string& entryDate) {
    if (!due) {
        if (type.due == DuePolicy::Required)  // DESIGN §2: follow-ups have due dates
            throw Invalid("due", "A due date is required for " + type.label + ".");
        return;
    }
    if (type.due == DuePolicy::NotAllowed)
        throw Invalid("due", "A due date cannot be given for " + type.label + ".");
    const auto date = parseDate(*due);
    if (!date) throw Invalid("due", "Give the due date as YYYY-MM-DD, e.g. 2024-05-01.");
    if (formatDate(*date) < entryDate)
        throw Invalid(
            "due", "The due date is before the date of the entry; give that date or a later one.");
}

}  // namespace

void checkEventAuthor(const EventType& type, Role actorRole, const CaseAccess& actorAccess) {
    if (decideEvent(actorRole, type.name, actorAccess) == Decision::Allow) return;
    const auto authors = rolesAllowedEvent(type.name);
    if (authors.count(actorRole) == 0)
        throw Forbidden("Only " + joinLabels(authors) + " can record " + type.label + ".");
    throw Forbidden("Your agency needs an active stage on this case to record " + type.label + ".");
}

void checkMediationAllowed(const CaseFacts& facts) {
    // Law on Grassroots Mediation 2013 art. 3: no mediation of crimes or of acts subject to an
    // administrative sanction; mediation is voluntary, so it needs the survivor's agreement.
    if (facts.crime)
        throw Conflict("mediation_refused",
                       "Mediation is not allowed: this case is flagged as a crime.");
    if (facts.administrativeSanction)
        throw Conflict("mediation_refused",
                       "Mediation is not allowed: this case is subject to an administrative "
                       "sanction.");
    if (!consentCovers(facts, Role::Justice))
        throw Conflict("mediation_refused",
                       "Mediation is not allowed: the survivor has not agreed to share the case "
                       "with the justice officer.");
}

void checkEventDetails(const EventType& type, const Poco::JSON::Object& details,
                       const std::string& entryDate) {
    for (const auto& entry : details) {
        const std::string& key = entry.first;
        const bool known = std::any_of(type.fields.begin(), type.fields.end(),
                                       [&](const DetailField& f) { return f.name == key; });
        if (!known)
            throw Invalid(echoableKey(key) ? "details." + key : "details",
                          "This field does not belong in " + type.label + ".");
    }
    const bool granted = isGranted(details);
    for (const DetailField& rule : type.fields) {
        if (rule.presence == Presence::Computed) continue;  // the server's value replaces it
        if (!details.isNull(rule.name)) {
            checkField(details, rule, entryDate);
            continue;
        }
        if (isRequired(rule, details, granted))
            throw Invalid("details." + rule.name, "This field is required for " + type.label + ".");
    }
    if (type.name == "risk.screen") checkRiskScreen(details);
}

Risk checkRiskScreen(const Poco::JSON::Object& details) {
    std::map<std::string, std::string> answers;
    for (const auto& entry : *details.getObject("answers"))
        answers[entry.first] = entry.second.convert<std::string>();
    const Risk suggested = suggestedRisk(answers);
    // Issue 20: the officer's judgement may differ from the screen, and says why.
    if (details.getValue<std::string>("level") != riskName(suggested) &&
        details.isNull("override_reason"))
        throw Invalid("details.override_reason",
                      "The level chosen differs from the level the answers suggest (" +
                          riskName(suggested) + "): give the reason.");
    return suggested;
}

void checkCorrection(const EventType& type, const Poco::JSON::Object& details,
                     const std::optional<std::string>& due, const std::string& entryDate) {
    checkEventDetails(type, details, entryDate);
    checkDue(type, due, entryDate);
}

void checkEvent(const CaseFacts& facts, Role actorRole, const CaseAccess& actorAccess,
                const std::string& type, const Poco::JSON::Object& details,
                const std::optional<std::string>& due, const std::string& entryDate) {
    const EventType* entry = findEventType(type);
    if (entry == nullptr) throw Invalid("type", "This kind of event does not exist.");
    checkWritable(facts.status);
    checkEventAuthor(*entry, actorRole, actorAccess);
    if (entry->name == "justice.mediation") checkMediationAllowed(facts);
    checkEventDetails(*entry, details, entryDate);
    checkDue(*entry, due, entryDate);
}

}  // namespace binhan::core::workflow
