#include "core/CaseValidation.h"
#include "core/TextFold.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>

#include "core/CaseJson.h"
#include "core/Error.h"
#include "core/InputRules.h"
#include "core/TimeFormat.h"

namespace binhan::core {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// ---- paths and JSON shapes ------------------------------------------------------------------

std::string join(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
}

std::string indexed(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

// A key as it may appear in an error: printable ASCII, at most 64 bytes.
std::string safeKey(const std::string& key) {
    std::string out = key.substr(0, 64);
    for (char& c : out)
        if (c < 0x20 || c > 0x7e) c = '?';
    return out;
}

Object::Ptr asObject(const Var& v, const std::string& path) {
    if (v.type() == typeid(Object::Ptr) && !v.extract<Object::Ptr>().isNull())
        return v.extract<Object::Ptr>();
    if (v.type() == typeid(Object)) return new Object(v.extract<Object>());
    throw Invalid(path, path + " must be a JSON object.");
}

Array::Ptr asArray(const Var& v, const std::string& path) {
    if (v.type() == typeid(Array::Ptr) && !v.extract<Array::Ptr>().isNull())
        return v.extract<Array::Ptr>();
    if (v.type() == typeid(Array)) return new Array(v.extract<Array>());
    throw Invalid(path, path + " must be a JSON array.");
}

bool asBool(const Var& v, const std::string& path) {
    if (!v.isBoolean()) throw Invalid(path, path + " must be true or false.");
    return v.extract<bool>();
}

// ---- text ---------------------------------------------------------------------------------

bool validUtf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80             ? 1
                                : (c & 0xE0) == 0xC0 ? 2
                                : (c & 0xF0) == 0xE0 ? 3
                                : (c & 0xF8) == 0xF0 ? 4
                                                     : 0;
        if (len == 0) return false;
        unsigned cp = len == 1 ? c : c & (0x7Fu >> len);
        if (i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        static const unsigned kMin[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

std::size_t codePoints(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

struct TextRule {
    std::size_t maxChars;
    bool multiline;
};
const TextRule kName{kMaxNameChars, false};
const TextRule kVillage{kMaxVillageChars, false};
const TextRule kPhone{kMaxPhoneChars, false};
const TextRule kIdNumber{kMaxIdNumberChars, false};
const TextRule kDescription{kMaxDescriptionChars, true};
const TextRule kInjuries{kMaxInjuriesChars, true};
const TextRule kSafetyPlan{kMaxSafetyPlanChars, true};

// A JSON string, checked and trimmed; may come back empty.
std::string text(const Var& v, const std::string& path, const TextRule& rule) {
    if (!v.isString()) throw Invalid(path, path + " must be a string.");
    const std::string raw = v.convert<std::string>();
    if (!validUtf8(raw)) throw Invalid(path, path + " is not valid UTF-8 text.");
    std::string s = trimmed(raw);
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        const bool allowed = rule.multiline && (c == '\n' || c == '\t' || c == '\r');
        if ((u < 0x20 || u == 0x7f) && !allowed)
            throw Invalid(path, path + (rule.multiline ? " must not contain control characters."
                                                       : " must be a single line of text."));
    }
    if (codePoints(s) > rule.maxChars)
        throw Invalid(
            path, path + " must have at most " + std::to_string(rule.maxChars) + " characters.");
    return s;
}

// The character sets are InputRules.h's, which the catalogue serves to the browser (issue 19).
void checkPhone(const std::string& phone, const std::string& path) {
    const bool ok = phone.find_first_not_of(kPhoneCharacters) == std::string::npos;
    if (!ok || phone.find_first_of("0123456789") == std::string::npos)
        throw Invalid(path, path + " may hold only digits, spaces and + . - characters.");
}

void checkIdNumber(const std::string& id, const std::string& path) {
    if (id.find_first_not_of(kIdNumberCharacters) != std::string::npos)
        throw Invalid(path, path + " may hold only letters A-Z and digits.");
}

// "a, b, c": the API spellings of an enumeration, for messages.
template <typename E>
std::string spellings(const std::vector<E>& all, std::string (*name)(E)) {
    std::string out;
    for (E e : all) {
        if (!out.empty()) out += ", ";
        out += name(e);
    }
    return out;
}

// ---- one JSON object at a path ------------------------------------------------------------

class Fields {
  public:
    // Throws Invalid naming the first key of `object` not in `known`.
    Fields(const Object& object, std::string path, std::vector<std::string> known)
        : object_(object), path_(std::move(path)) {
        for (const auto& entry : object_) {
            if (std::find(known.begin(), known.end(), entry.first) != known.end()) continue;
            const std::string where = join(path_, safeKey(entry.first));
            throw Invalid(where, where + " is not a field of the case; check its spelling.");
        }
    }

    std::string at(const std::string& key) const { return join(path_, key); }
    bool has(const std::string& key) const { return !object_.isNull(key); }
    Var get(const std::string& key) const { return object_.get(key); }
    Var need(const std::string& key) const {
        if (!has(key)) throw Invalid(at(key), at(key) + " is required.");
        return get(key);
    }

    std::string requiredText(const std::string& key, const TextRule& rule) const {
        std::string s = text(need(key), at(key), rule);
        if (s.empty()) throw Invalid(at(key), at(key) + " must not be empty.");
        return s;
    }
    std::optional<std::string> optionalText(const std::string& key, const TextRule& rule) const {
        if (!has(key)) return std::nullopt;
        std::string s = text(get(key), at(key), rule);
        return s.empty() ? std::nullopt : std::optional<std::string>(std::move(s));
    }
    bool optionalBool(const std::string& key) const {
        return has(key) && asBool(get(key), at(key));
    }
    std::optional<int> optionalYear(const std::string& key, int currentYear) const;

    template <typename E>
    E requiredEnum(const std::string& key, std::optional<E> (*parse)(const std::string&),
                   const std::vector<E>& all, std::string (*name)(E)) const;

  private:
    const Object& object_;
    std::string path_;
};

std::optional<int> Fields::optionalYear(const std::string& key, int currentYear) const {
    if (!has(key)) return std::nullopt;
    const Var v = get(key);
    const std::string bad = at(key) + " must be a year between " + std::to_string(kMinBirthYear) +
                            " and " + std::to_string(currentYear) + ".";
    if (!v.isInteger() || v.isBoolean()) throw Invalid(at(key), bad);
    Poco::Int64 year = 0;
    try {
        year = v.convert<Poco::Int64>();
    } catch (const Poco::Exception&) {
        throw Invalid(at(key), bad);
    }
    if (year < kMinBirthYear || year > currentYear) throw Invalid(at(key), bad);
    return static_cast<int>(year);
}

template <typename E>
E Fields::requiredEnum(const std::string& key, std::optional<E> (*parse)(const std::string&),
                       const std::vector<E>& all, std::string (*name)(E)) const {
    const Var v = need(key);
    std::optional<E> value = v.isString() ? parse(v.convert<std::string>()) : std::nullopt;
    if (value) return *value;
    throw Invalid(at(key), at(key) + " must be one of: " + spellings(all, name) + ".");
}

// ---- the parts of a case ------------------------------------------------------------------

Survivor parseSurvivor(const Object& o, int currentYear) {
    if (o.has("child"))
        throw Invalid("survivor.child",
                      "survivor.child is derived from birth_year and the incident date; "
                      "do not send it.");
    const Fields f(
        o, "survivor",
        {"full_name", "sex", "birth_year", "village", "phone", "id_number", "disability"});
    Survivor s;
    s.fullName = f.requiredText("full_name", kName);
    s.sex = f.requiredEnum("sex", parseSex, allSexes(), sexName);
    s.birthYear = f.optionalYear("birth_year", currentYear);
    s.village = f.requiredText("village", kVillage);
    s.phone = f.optionalText("phone", kPhone).value_or("");
    if (!s.phone.empty()) checkPhone(s.phone, f.at("phone"));
    s.idNumber = f.optionalText("id_number", kIdNumber).value_or("");
    if (!s.idNumber.empty()) checkIdNumber(s.idNumber, f.at("id_number"));
    s.disability = f.optionalBool("disability");
    return s;
}

Perpetrator parsePerpetrator(const Object& o, const std::string& path, int currentYear) {
    const Fields f(o, path,
                   {"full_name", "sex", "birth_year", "relationship", "phone", "id_number"});
    Perpetrator p;
    p.fullName = f.requiredText("full_name", kName);
    p.sex = f.requiredEnum("sex", parseSex, allSexes(), sexName);
    p.birthYear = f.optionalYear("birth_year", currentYear);
    p.relationship =
        f.requiredEnum("relationship", parseRelationship, allRelationships(), relationshipName);
    p.phone = f.optionalText("phone", kPhone);
    if (p.phone) checkPhone(*p.phone, f.at("phone"));
    p.idNumber = f.optionalText("id_number", kIdNumber);
    if (p.idNumber) checkIdNumber(*p.idNumber, f.at("id_number"));
    return p;
}

std::vector<Perpetrator> parsePerpetrators(const Var& v, int currentYear) {
    const Array::Ptr array = asArray(v, "perpetrators");
    if (array->size() > kMaxPerpetrators)
        throw Invalid("perpetrators", "perpetrators may list at most " +
                                          std::to_string(kMaxPerpetrators) + " people.");
    std::vector<Perpetrator> out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string path = indexed("perpetrators", i);
        out.push_back(parsePerpetrator(*asObject(array->get(i), path), path, currentYear));
    }
    return out;
}

std::vector<ViolenceType> parseTypes(const Var& v) {
    const std::string path = "incident.types";
    const Array::Ptr array = asArray(v, path);
    if (array->size() == 0) throw Invalid(path, path + " must list at least one form of violence.");
    std::vector<ViolenceType> out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string at = indexed(path, i);
        const Var item = array->get(i);
        const auto type =
            item.isString() ? parseViolenceType(item.convert<std::string>()) : std::nullopt;
        if (!type)
            throw Invalid(at, at + " must be one of: " +
                                  spellings(allViolenceTypes(), violenceTypeName) + ".");
        if (std::find(out.begin(), out.end(), *type) != out.end())
            throw Invalid(at, at + " repeats a form of violence already listed.");
        out.push_back(*type);
    }
    return out;
}

Incident parseIncident(const Object& o, const std::string& today) {
    const Fields f(o, "incident", {"date", "village", "place", "types", "description", "injuries"});
    Incident incident;
    const Var date = f.need("date");
    if (!date.isString() || !parseDate(date.convert<std::string>()))
        throw Invalid("incident.date", "incident.date must be a real date written YYYY-MM-DD.");
    incident.date = date.convert<std::string>();
    if (incident.date > today)  // both valid YYYY-MM-DD: text order is date order
        throw Invalid("incident.date", "incident.date must not be in the future.");
    incident.village = f.requiredText("village", kVillage);
    incident.place = f.requiredEnum("place", parsePlace, allPlaces(), placeName);
    incident.types = parseTypes(f.need("types"));
    incident.description = f.requiredText("description", kDescription);
    incident.injuries = f.optionalText("injuries", kInjuries).value_or("");
    return incident;
}

std::set<Role> parseAgencies(const Var& v) {
    const std::string path = "consent.agencies";
    const Array::Ptr array = asArray(v, path);
    std::set<Role> out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string at = indexed(path, i);
        const Var item = array->get(i);
        const auto agency =
            item.isString() ? parseAgency(item.convert<std::string>()) : std::nullopt;
        if (!agency)
            throw Invalid(at,
                          at + " must be one of: " + spellings(allAgencies(), agencyName) + ".");
        if (!out.insert(agencyRole(*agency)).second)
            throw Invalid(at, at + " repeats an agency already listed.");
    }
    return out;
}

Consent parseConsent(const Object& o) {
    const Fields f(o, "consent", {"given", "given_by", "agencies", "statistics"});
    Consent consent;
    consent.given = asBool(f.need("given"), f.at("given"));
    const Var by = f.need("given_by");
    consent.givenBy = by.isString() ? by.convert<std::string>() : std::string();
    if (consent.givenBy != kGivenBySurvivor && consent.givenBy != kGivenByGuardian)
        throw Invalid(f.at("given_by"), "consent.given_by must be survivor or guardian.");
    if (f.has("agencies")) consent.agencies = parseAgencies(f.get("agencies"));
    if (!consent.given && !consent.agencies.empty())
        throw Invalid(f.at("agencies"),
                      "consent.agencies must be empty when consent is not given.");
    consent.statistics = f.optionalBool("statistics");
    return consent;
}

Flags parseFlags(const Object& o) {
    const Fields f(o, "flags", {"crime", "administrative_sanction"});
    Flags flags;
    flags.crime = f.optionalBool("crime");
    flags.administrativeSanction = f.optionalBool("administrative_sanction");
    return flags;
}

// Law 13/2022 art. 19: how the report arrived and when; `today` bounds its Vietnam date.
Intake parseIntake(const Object& o, const std::string& today) {
    const Fields f(o, "intake", {"channel", "received_at"});
    Intake intake;
    const Var channel = f.need("channel");
    intake.channel = channel.isString() ? channel.convert<std::string>() : std::string();
    const auto& channels = intakeChannels();
    if (std::find(channels.begin(), channels.end(), intake.channel) == channels.end()) {
        std::string list;
        for (const auto& c : channels) list += (list.empty() ? "" : ", ") + c;
        throw Invalid(f.at("channel"), "intake.channel must be one of: " + list + ".");
    }
    const Var at = f.need("received_at");
    const auto received = at.isString() ? parseRfc3339(at.convert<std::string>()) : std::nullopt;
    if (!received)
        throw Invalid(
            f.at("received_at"),
            "intake.received_at must be a date and time, e.g. 2024-05-01T08:30:00+07:00.");
    // The commune's day (UTC+7) of the receipt may not be after today.
    if (formatDate(*received + std::chrono::hours(7)) > today)
        throw Invalid(f.at("received_at"), "intake.received_at must not be in the future.");
    intake.receivedAt = formatRfc3339(*received);
    return intake;
}

// Rules across fields, once every field is valid on its own.
void checkAcrossFields(const CaseInput& input) {
    const int incidentYear = std::stoi(input.incident.date.substr(0, 4));
    if (input.survivor.birthYear && *input.survivor.birthYear > incidentYear)
        throw Invalid("survivor.birth_year",
                      "survivor.birth_year must not be after the year of the incident.");
    for (std::size_t i = 0; i < input.perpetrators.size(); ++i) {
        const auto& year = input.perpetrators[i].birthYear;
        const std::string at = indexed("perpetrators", i) + ".birth_year";
        if (year && *year > incidentYear)
            throw Invalid(at, at + " must not be after the year of the incident.");
    }
    if (isChildCase(input) && input.consent.givenBy != kGivenByGuardian)
        throw Invalid("consent.given_by",
                      "The survivor was under 18 at the incident: a guardian gives consent "
                      "for a child, so consent.given_by must be guardian.");
}

int yearOf(const std::string& today) {
    if (!parseDate(today)) throw std::invalid_argument("today must be a YYYY-MM-DD date");
    return std::stoi(today.substr(0, 4));
}

}  // namespace

CaseInput parseCaseInput(const Object& body, const std::string& today) {
    const int currentYear = yearOf(today);
    const Fields f(body, "",
                   {"survivor", "perpetrators", "incident", "risk", "consent", "flags",
                    "safety_plan", "intake"});
    CaseInput input;
    input.survivor = parseSurvivor(*asObject(f.need("survivor"), "survivor"), currentYear);
    if (f.has("perpetrators"))
        input.perpetrators = parsePerpetrators(f.get("perpetrators"), currentYear);
    input.incident = parseIncident(*asObject(f.need("incident"), "incident"), today);
    input.risk = f.requiredEnum("risk", parseRisk, allRisks(), riskName);
    input.consent = parseConsent(*asObject(f.need("consent"), "consent"));
    if (f.has("flags")) input.flags = parseFlags(*asObject(f.get("flags"), "flags"));
    input.safetyPlan = f.optionalText("safety_plan", kSafetyPlan);
    if (f.has("intake")) input.intake = parseIntake(*asObject(f.get("intake"), "intake"), today);
    checkAcrossFields(input);
    return input;
}

void applyCasePatch(CaseInput& existing, const Object& patch, const std::string& today) {
    yearOf(today);
    Object::Ptr merged = caseInputToJson(existing, allCaseFields());
    merged->getObject("survivor")->remove("child");  // derived, not input
    for (const auto& [key, value] : patch) {
        if (key == "survivor" || key == "incident" || key == "flags") {
            const Object::Ptr changes = asObject(value, key);
            Object::Ptr target = merged->getObject(key);
            for (const auto& [field, fieldValue] : *changes) target->set(field, fieldValue);
        } else if (key == "perpetrators" || key == "risk" || key == "safety_plan" ||
                   key == "intake") {
            merged->set(key, value);
        } else if (key == "consent") {
            throw Invalid(key,
                          "consent is changed with POST /api/v1/cases/{id}/consent, "
                          "not with PATCH.");
        } else {
            const std::string where = safeKey(key);
            throw Invalid(where, where + " cannot be changed with PATCH.");
        }
    }
    existing = parseCaseInput(*merged, today);
}

}  // namespace binhan::core
