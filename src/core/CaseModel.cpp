#include "core/CaseModel.h"

#include <utility>

#include "core/TimeFormat.h"

namespace binhan::core {
namespace {

// One enumeration's API spellings, in declaration order.
template <typename E>
using NameTable = std::vector<std::pair<E, const char*>>;

template <typename E>
std::optional<E> parseIn(const NameTable<E>& table, const std::string& name) {
    for (const auto& [value, text] : table)
        if (name == text) return value;
    return std::nullopt;
}

template <typename E>
std::string nameIn(const NameTable<E>& table, E value) {
    for (const auto& [v, text] : table)
        if (v == value) return text;
    return "unknown";
}

template <typename E>
std::vector<E> valuesOf(const NameTable<E>& table) {
    std::vector<E> out;
    for (const auto& entry : table) out.push_back(entry.first);
    return out;
}

const NameTable<Sex>& sexes() {
    static const NameTable<Sex> t = {{Sex::Female, "female"},
                                     {Sex::Male, "male"},
                                     {Sex::Other, "other"},
                                     {Sex::Unknown, "unknown"}};
    return t;
}

const NameTable<Risk>& risks() {
    static const NameTable<Risk> t = {{Risk::Low, "low"},
                                      {Risk::Medium, "medium"},
                                      {Risk::High, "high"},
                                      {Risk::Critical, "critical"}};
    return t;
}

const NameTable<ViolenceType>& violenceTypes() {
    static const NameTable<ViolenceType> t = {
        {ViolenceType::Physical, "physical"},
        {ViolenceType::Psychological, "psychological"},
        {ViolenceType::Sexual, "sexual"},
        {ViolenceType::Economic, "economic"},
        {ViolenceType::ForcedMarriage, "forced_marriage"},
        {ViolenceType::Trafficking, "trafficking"},
        {ViolenceType::Neglect, "neglect"},
        {ViolenceType::Other, "other"},
    };
    return t;
}

const NameTable<Relationship>& relationships() {
    static const NameTable<Relationship> t = {
        {Relationship::Spouse, "spouse"},
        {Relationship::FormerSpouse, "former_spouse"},
        {Relationship::Partner, "partner"},
        {Relationship::Parent, "parent"},
        {Relationship::Child, "child"},
        {Relationship::Sibling, "sibling"},
        {Relationship::OtherRelative, "other_relative"},
        {Relationship::Teacher, "teacher"},
        {Relationship::Schoolmate, "schoolmate"},
        {Relationship::Acquaintance, "acquaintance"},
        {Relationship::Stranger, "stranger"},
        {Relationship::Other, "other"},
    };
    return t;
}

const NameTable<Place>& places() {
    static const NameTable<Place> t = {
        {Place::Home, "home"},     {Place::School, "school"}, {Place::Workplace, "workplace"},
        {Place::Public, "public"}, {Place::Online, "online"}, {Place::Other, "other"},
    };
    return t;
}

// Agencies and their roles side by side: the one place the two enumerations meet.
const std::vector<std::pair<Agency, Role>>& agencyRoles() {
    static const std::vector<std::pair<Agency, Role>> t = {
        {Agency::Police, Role::Police},
        {Agency::Justice, Role::Justice},
        {Agency::Union, Role::Union},
        {Agency::School, Role::School},
    };
    return t;
}

}  // namespace

std::optional<Sex> parseSex(const std::string& name) {
    return parseIn(sexes(), name);
}
std::string sexName(Sex sex) {
    return nameIn(sexes(), sex);
}
const std::vector<Sex>& allSexes() {
    static const auto all = valuesOf(sexes());
    return all;
}

std::optional<Risk> parseRisk(const std::string& name) {
    return parseIn(risks(), name);
}
std::string riskName(Risk risk) {
    return nameIn(risks(), risk);
}
const std::vector<Risk>& allRisks() {
    static const auto all = valuesOf(risks());
    return all;
}

std::optional<ViolenceType> parseViolenceType(const std::string& name) {
    return parseIn(violenceTypes(), name);
}
std::string violenceTypeName(ViolenceType type) {
    return nameIn(violenceTypes(), type);
}
const std::vector<ViolenceType>& allViolenceTypes() {
    static const auto all = valuesOf(violenceTypes());
    return all;
}

std::optional<Relationship> parseRelationship(const std::string& name) {
    return parseIn(relationships(), name);
}
std::string relationshipName(Relationship relationship) {
    return nameIn(relationships(), relationship);
}
const std::vector<Relationship>& allRelationships() {
    static const auto all = valuesOf(relationships());
    return all;
}

std::optional<Place> parsePlace(const std::string& name) {
    return parseIn(places(), name);
}
std::string placeName(Place place) {
    return nameIn(places(), place);
}
const std::vector<Place>& allPlaces() {
    static const auto all = valuesOf(places());
    return all;
}

std::optional<Agency> parseAgency(const std::string& name) {
    const auto role = parseRole(name);
    return role ? roleAgency(*role) : std::nullopt;
}
std::string agencyName(Agency agency) {
    return roleName(agencyRole(agency));
}
const std::vector<Agency>& allAgencies() {
    static const std::vector<Agency> all = [] {
        std::vector<Agency> out;
        for (const auto& entry : agencyRoles()) out.push_back(entry.first);
        return out;
    }();
    return all;
}

Role agencyRole(Agency agency) {
    for (const auto& [a, role] : agencyRoles())
        if (a == agency) return role;
    return Role::Police;  // unreachable: every Agency has a row
}

std::optional<Agency> roleAgency(Role role) {
    for (const auto& [agency, r] : agencyRoles())
        if (r == role) return agency;
    return std::nullopt;
}

std::optional<int> survivorAge(const CaseInput& input) {
    if (!input.survivor.birthYear || !parseDate(input.incident.date)) return std::nullopt;
    const int incidentYear = std::stoi(input.incident.date.substr(0, 4));
    return incidentYear - *input.survivor.birthYear;
}

bool isChildCase(const CaseInput& input) {
    const auto age = survivorAge(input);
    return age && *age >= 0 && *age < 18;  // API.md "Cases": under 18 is a child case
}

std::string ageBand(int age) {
    if (age < 0) return "unknown";
    if (age <= 5) return "0-5";
    if (age <= 11) return "6-11";
    if (age <= 15) return "12-15";
    if (age <= 17) return "16-17";
    if (age <= 29) return "18-29";
    if (age <= 59) return "30-59";
    return "60+";
}

std::string ageBand(std::optional<int> age) {
    return age ? ageBand(*age) : "unknown";
}

const std::vector<std::string>& ageBands() {
    static const std::vector<std::string> bands = {"0-5",   "6-11",  "12-15", "16-17",
                                                   "18-29", "30-59", "60+",   "unknown"};
    return bands;
}

const std::vector<std::string>& intakeChannels() {
    static const std::vector<std::string> channels = {
        "in_person",         "phone", "sms", "letter", "hotline", "school", "village_head",
        "mass_organisation", "other"};
    return channels;
}

}  // namespace binhan::core
