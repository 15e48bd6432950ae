#include "core/CaseModel.h"

#include <catch2/catch.hpp>

using namespace binhan::core;

namespace {

template <typename E>
void checkRoundTrip(const std::vector<E>& all, std::optional<E> (*parse)(const std::string&),
                    std::string (*name)(E), std::size_t expectedCount) {
    REQUIRE(all.size() == expectedCount);
    for (E value : all) CHECK(parse(name(value)) == value);
}

CaseInput caseWith(std::optional<int> survivorBirthYear, const std::string& incidentDate) {
    CaseInput input;
    input.survivor.birthYear = survivorBirthYear;
    input.incident.date = incidentDate;
    return input;
}

}  // namespace

TEST_CASE("every case enumeration parses and prints by its API.md spelling", "[core][case]") {
    checkRoundTrip(allSexes(), parseSex, sexName, 4);
    checkRoundTrip(allRisks(), parseRisk, riskName, 4);
    checkRoundTrip(allViolenceTypes(), parseViolenceType, violenceTypeName, 8);
    checkRoundTrip(allRelationships(), parseRelationship, relationshipName, 12);
    checkRoundTrip(allPlaces(), parsePlace, placeName, 6);
    checkRoundTrip(allAgencies(), parseAgency, agencyName, 4);

    CHECK(violenceTypeName(ViolenceType::ForcedMarriage) == "forced_marriage");
    CHECK(relationshipName(Relationship::FormerSpouse) == "former_spouse");
    CHECK(relationshipName(Relationship::OtherRelative) == "other_relative");
    CHECK(riskName(Risk::Critical) == "critical");
    CHECK(placeName(Place::Workplace) == "workplace");
    CHECK(sexName(Sex::Unknown) == "unknown");
}

TEST_CASE("case enumerations refuse other spellings", "[core][case]") {
    CHECK_FALSE(parseSex("Female"));
    CHECK_FALSE(parseSex("f"));
    CHECK_FALSE(parseRisk("severe"));
    CHECK_FALSE(parseViolenceType("forced-marriage"));
    CHECK_FALSE(parseViolenceType(""));
    CHECK_FALSE(parseRelationship("husband"));
    CHECK_FALSE(parsePlace("house"));
    CHECK_FALSE(parseAgency("leader"));
    CHECK_FALSE(parseAgency("social"));
}

TEST_CASE("agencies are the four case-agency roles", "[core][case]") {
    for (Agency agency : allAgencies()) {
        CHECK(isCaseAgency(agencyRole(agency)));
        CHECK(roleAgency(agencyRole(agency)) == agency);
        CHECK(agencyName(agency) == roleName(agencyRole(agency)));
    }
    CHECK(agencyRole(Agency::Union) == Role::Union);
    for (Role role : allRoles()) CHECK(roleAgency(role).has_value() == isCaseAgency(role));
}

TEST_CASE("a survivor under 18 in the incident year is a child case", "[core][case][child]") {
    CHECK(survivorAge(caseWith(2007, "2024-05-01")) == 17);
    CHECK(isChildCase(caseWith(2007, "2024-05-01")));        // 17
    CHECK_FALSE(isChildCase(caseWith(2006, "2024-05-01")));  // 18
    CHECK_FALSE(isChildCase(caseWith(2006, "2024-12-31")));  // 18 by year, whatever the day
    CHECK(isChildCase(caseWith(2024, "2024-01-01")));        // 0
    CHECK(isChildCase(caseWith(2010, "2024-05-01")));
    CHECK_FALSE(isChildCase(caseWith(1990, "2024-05-01")));
}

TEST_CASE("an unknown birth year or date does not make a child case", "[core][case][child]") {
    CHECK_FALSE(survivorAge(caseWith(std::nullopt, "2024-05-01")));
    CHECK_FALSE(isChildCase(caseWith(std::nullopt, "2024-05-01")));
    CHECK_FALSE(isChildCase(caseWith(2010, "")));
    CHECK_FALSE(isChildCase(caseWith(2010, "2024-02-30")));
    CHECK_FALSE(isChildCase(caseWith(2025, "2024-05-01")));  // born after: impossible, not child
}

TEST_CASE("age bands split at every boundary", "[core][case][age]") {
    CHECK(ageBand(-1) == "unknown");
    CHECK(ageBand(0) == "0-5");
    CHECK(ageBand(5) == "0-5");
    CHECK(ageBand(6) == "6-11");
    CHECK(ageBand(11) == "6-11");
    CHECK(ageBand(12) == "12-15");
    CHECK(ageBand(15) == "12-15");
    CHECK(ageBand(16) == "16-17");
    CHECK(ageBand(17) == "16-17");
    CHECK(ageBand(18) == "18-29");
    CHECK(ageBand(29) == "18-29");
    CHECK(ageBand(30) == "30-59");
    CHECK(ageBand(59) == "30-59");
    CHECK(ageBand(60) == "60+");
    CHECK(ageBand(104) == "60+");
    CHECK(ageBand(std::optional<int>()) == "unknown");
    CHECK(ageBand(std::optional<int>(17)) == "16-17");
}

TEST_CASE("the list of age bands names every band ageBand returns", "[core][case][age]") {
    const auto& bands = ageBands();
    REQUIRE(bands.size() == 8);
    for (int age = -1; age <= 120; ++age)
        CHECK(std::find(bands.begin(), bands.end(), ageBand(age)) != bands.end());
    CHECK(bands.back() == "unknown");
}
