#pragma once
// Turns the case JSON of API.md "Cases" into a valid CaseInput, or says which field is wrong.
//
// Both functions throw core::Invalid(field, message) for the FIRST bad field they meet, with
// `field` its dotted path as API.md's error body shows it: "survivor.birth_year",
// "perpetrators[0].relationship", "incident.types", "consent.agencies[1]", or the unknown key
// itself ("survivor.nmae", "surviver"). Checks run in this order: unknown keys of an object
// before its fields; survivor, perpetrators, incident, risk, consent, flags, safety_plan; then
// the rules across fields (birth years against the incident year, a child's consent).
// Messages name the field and the rule and never echo the value (it may be personal data).
//
// The rules, field by field (a JSON null counts as absent):
//   survivor       required object: full_name (required, ≤ 200 chars), sex (required enum),
//                  birth_year (optional whole number, 1900..this year, not after the incident
//                  year), village (required, ≤ 100), phone (optional, ≤ 20 of 0-9 space + . -,
//                  with a digit), id_number (optional, ≤ 20 ASCII letters/digits),
//                  disability (optional bool, default false); `child` is derived, never input.
//   perpetrators   optional array of 0..10 objects: full_name, sex, relationship required;
//                  birth_year, phone, id_number optional (rules as for the survivor).
//   incident       required object: date (required YYYY-MM-DD, a real date, not after `today`),
//                  village (required), place (required enum), types (required array, ≥ 1,
//                  known, no duplicates), description (required, ≤ 20,000; may span lines),
//                  injuries (optional, ≤ 5,000; may span lines).
//   risk           required enum.
//   consent        required object: given (required bool), given_by (required "survivor" |
//                  "guardian"; "guardian" for a child case), agencies (optional array of
//                  distinct case agencies, empty when consent is not given), statistics
//                  (optional bool, default false).
//   flags          optional object: crime, administrative_sanction (optional bools).
//   safety_plan    optional string, ≤ 5,000; may span lines.
//   intake         optional object (issue 20; Law 13/2022 art. 19): channel (required enum of
//                  intakeChannels()), received_at (required RFC 3339, its Vietnam date not
//                  after `today`).
// Strings must be valid UTF-8; they are trimmed of surrounding white space, and lengths count
// Unicode code points after trimming. Single-line fields refuse control characters; multi-line
// ones allow line feeds and tabs. An optional string that is empty after trimming is absent.
// Unknown keys are refused at every level, so a typo never drops data silently.
//
// `today` is the commune's current local date "YYYY-MM-DD" (Asia/Ho_Chi_Minh, not UTC, or an
// incident reported early in the morning looks like the future); it bounds incident.date and,
// by its year, every birth_year. A malformed `today` is a programming error:
// std::invalid_argument. Pure; thread-safe.
#include <cstddef>
#include <string>

#include <Poco/JSON/Object.h>

#include "core/CaseModel.h"

namespace binhan::core {

inline constexpr std::size_t kMaxNameChars = 200;
inline constexpr std::size_t kMaxVillageChars = 100;
inline constexpr std::size_t kMaxPhoneChars = 20;
inline constexpr std::size_t kMaxIdNumberChars = 20;
inline constexpr std::size_t kMaxDescriptionChars = 20000;
inline constexpr std::size_t kMaxInjuriesChars = 5000;
inline constexpr std::size_t kMaxSafetyPlanChars = 5000;
inline constexpr std::size_t kMaxPerpetrators = 10;
inline constexpr int kMinBirthYear = 1900;

// The POST /api/v1/cases body (without the server's id, code, status, stages, timestamps).
CaseInput parseCaseInput(const Poco::JSON::Object& body, const std::string& today);

// PATCH /api/v1/cases/{id}: merges `patch` into `existing` and revalidates the result with every
// rule of parseCaseInput. Patchable keys: survivor, incident, flags (partial objects merged field
// by field; null clears an optional field), perpetrators (the whole array replaced), risk,
// safety_plan (null clears it). consent (changed through POST …/consent) and any other key →
// Invalid naming the key. On any throw `existing` is left unchanged.
void applyCasePatch(CaseInput& existing, const Poco::JSON::Object& patch, const std::string& today);

}  // namespace binhan::core
