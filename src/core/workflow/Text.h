#pragma once
// Free text and wording shared by the workflow rules (src/core/workflow).
//
// Free-text fields (summaries, reasons, notes) must say something and stay readable: not blank,
// at most kMaxTextChars characters counted as Unicode code points, so a Vietnamese letter with
// diacritics counts once. The agency labels are the English a commune clerk reads in a refusal;
// the UI translates them with the rest of the message. Messages never hold personal data.
// Pure; thread-safe.
#include <cstddef>
#include <set>
#include <string>

#include "core/Role.h"

namespace binhan::core::workflow {

// API.md Events: "Summaries non-empty, ≤ 5,000 chars" (applied to every free-text field).
constexpr std::size_t kMaxTextChars = 5000;

// Number of Unicode code points in UTF-8 `text` (continuation bytes are not counted).
std::size_t codePoints(const std::string& text);
// True when `text` is empty or only spaces, tabs and line breaks.
bool isBlank(const std::string& text);
// Throws Invalid(field, …) when `text` is blank or longer than kMaxTextChars. `what` names the
// text in the message ("summary", "reason").
void checkText(const std::string& field, const std::string& text, const std::string& what);

// "the commune police", "the justice officer", "the Women's Union", "the school"; for the other
// roles, their plain role name ("the commune leader", …).
std::string agencyLabel(Role role);
// "the commune police", "the commune police and the school", "a, b and c" (in Role order).
std::string joinLabels(const std::set<Role>& roles);

}  // namespace binhan::core::workflow
