#pragma once
// The rules of the case's input fields as data, for the browser to check a field as the officer
// leaves it (issue 19) with the same rules CaseValidation applies: the character sets and
// lengths below are the ones parseCaseInput enforces, and the catalogue (GET /api/v1/catalogue,
// "field_rules") serves this table. Each rule carries the plain words an officer reads when a
// value breaks it, naming the field and the expected form. Pure; thread-safe (static data).
#include <cstddef>
#include <string>
#include <vector>

namespace binhan::core {

// The characters a phone number and an ID number may hold (CaseValidation checks with these).
inline constexpr const char* kPhoneCharacters = "0123456789 +.-";
inline constexpr const char* kIdNumberCharacters =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

struct InputRule {
    std::string path;          // API path, "[]" for any index: "perpetrators[].phone"
    std::size_t maxChars = 0;  // 0: no limit beyond the request's
    std::string pattern;       // ECMAScript regex the whole trimmed value matches; "" for any
    bool needsDigit = false;   // at least one digit (a phone)
    int minYear = 0;           // a year field: at least this…
    bool notFuture = false;    // …and not after this year / today
    std::string vi, en;        // what the officer reads when the value breaks the rule
};

const std::vector<InputRule>& caseInputRules();

// "^[…]*$" of a character set, escaped for an ECMAScript character class.
std::string characterClassPattern(const std::string& characters);

}  // namespace binhan::core
