#pragma once
// The case body of API.md "Cases" (DESIGN.md §2) as plain values: who was harmed (survivor), by
// whom (perpetrators), what happened (incident), the risk, the consent to share and the legal
// flags. No ids, stages, status or events: those belong to the stored case around this input.
//
// Every enumeration parses from and prints as its API spelling ("forced_marriage", "former_spouse",
// …); parse functions return nullopt for anything else, name functions never fail. A CaseInput
// obtained from parseCaseInput (core/CaseValidation.h) is valid; one built by hand is whatever
// the caller put in it. Pure values; thread-compatible.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/Role.h"

namespace binhan::core {

enum class Sex { Female, Male, Other, Unknown };
// Mức độ nguy cơ: thấp / trung bình / cao / rất cao.
enum class Risk { Low, Medium, High, Critical };
// The forms of violence of GLOSSARY.md (`incident.types`).
enum class ViolenceType {
    Physical,        // bạo lực thể chất
    Psychological,   // bạo lực tinh thần
    Sexual,          // bạo lực tình dục
    Economic,        // bạo lực kinh tế
    ForcedMarriage,  // cưỡng ép kết hôn, tảo hôn
    Trafficking,     // mua bán người
    Neglect,         // bỏ mặc, không chăm sóc
    Other,
};
// The perpetrator's relationship to the survivor.
enum class Relationship {
    Spouse,
    FormerSpouse,
    Partner,
    Parent,
    Child,
    Sibling,
    OtherRelative,
    Teacher,
    Schoolmate,
    Acquaintance,
    Stranger,
    Other,
};
// The kind of place where the incident happened.
enum class Place { Home, School, Workplace, Public, Online, Other };
// The four agencies that carry cases (DESIGN.md §1); each is also a Role of the same name.
enum class Agency { Police, Justice, Union, School };

std::optional<Sex> parseSex(const std::string& name);
std::string sexName(Sex sex);
const std::vector<Sex>& allSexes();

std::optional<Risk> parseRisk(const std::string& name);
std::string riskName(Risk risk);
const std::vector<Risk>& allRisks();

std::optional<ViolenceType> parseViolenceType(const std::string& name);
std::string violenceTypeName(ViolenceType type);
const std::vector<ViolenceType>& allViolenceTypes();

std::optional<Relationship> parseRelationship(const std::string& name);
std::string relationshipName(Relationship relationship);
const std::vector<Relationship>& allRelationships();

std::optional<Place> parsePlace(const std::string& name);
std::string placeName(Place place);
const std::vector<Place>& allPlaces();

std::optional<Agency> parseAgency(const std::string& name);
std::string agencyName(Agency agency);
const std::vector<Agency>& allAgencies();
// The Role of the same name (Agency::Union → Role::Union).
Role agencyRole(Agency agency);
// The Agency a role acts as; nullopt for roles that are not case agencies (isCaseAgency).
std::optional<Agency> roleAgency(Role role);

// Người bị bạo lực. `phone` and `idNumber` are empty when not known (a child has no ID card).
struct Survivor {
    std::string fullName;
    Sex sex = Sex::Unknown;
    std::optional<int> birthYear;
    std::string village;  // thôn
    std::string phone;
    std::string idNumber;
    bool disability = false;
};

// Người có hành vi bạo lực.
struct Perpetrator {
    std::string fullName;
    Sex sex = Sex::Unknown;
    std::optional<int> birthYear;
    Relationship relationship = Relationship::Other;
    std::optional<std::string> phone;
    std::optional<std::string> idNumber;
};

struct Incident {
    std::string date;  // YYYY-MM-DD
    std::string village;
    Place place = Place::Other;
    std::vector<ViolenceType> types;  // at least one, no duplicates, in the order given
    std::string description;
    std::string injuries;  // empty when none were recorded
};

inline constexpr const char* kGivenBySurvivor = "survivor";
inline constexpr const char* kGivenByGuardian = "guardian";

// Sự đồng ý: what the survivor (or the guardian, for a child) agreed may be shared, and with
// which agencies. `agencies` holds case-agency roles only.
struct Consent {
    bool given = false;
    std::string givenBy = kGivenBySurvivor;  // "survivor" | "guardian"
    std::set<Role> agencies;
    // May the case be counted in non-statutory statistics exports (statutory reports count it
    // regardless)?
    bool statistics = false;
};

// Vi phạm hình sự / xử phạt vi phạm hành chính: either one rules out mediation.
struct Flags {
    bool crime = false;
    bool administrativeSanction = false;
};

// How and when the report arrived (Law 13/2022 art. 19: the addresses that receive a report —
// the commune, the police, the school, the village head, a mass organisation, the national
// hotline — and its forms: a call or text, a letter, in person).
struct Intake {
    std::string channel;     // one of intakeChannels()
    std::string receivedAt;  // RFC 3339, normalised to UTC
};
// in_person, phone, sms, letter, hotline, school, village_head, mass_organisation, other.
const std::vector<std::string>& intakeChannels();

struct CaseInput {
    Survivor survivor;
    std::vector<Perpetrator> perpetrators;  // 0..10
    Incident incident;
    Risk risk = Risk::Low;
    Consent consent;
    Flags flags;
    std::optional<std::string> safetyPlan;  // kế hoạch an toàn
    std::optional<Intake> intake;           // issue 20; absent on cases opened before it
};

// The survivor's age in the incident year (incident year − birth year); nullopt when the birth
// year is unknown or the incident date is not a valid YYYY-MM-DD date.
std::optional<int> survivorAge(const CaseInput& input);
// A child case: the survivor was under 18 at the incident (by birth year). Unknown birth year →
// not a child case. A child case is a mandatory report and needs a guardian's consent.
bool isChildCase(const CaseInput& input);
// Reporting age band: "0-5", "6-11", "12-15", "16-17", "18-29", "30-59", "60+";
// "unknown" for a negative age or no age.
std::string ageBand(int age);
std::string ageBand(std::optional<int> age);
// The bands above in order, "unknown" last (report columns).
const std::vector<std::string>& ageBands();

}  // namespace binhan::core
