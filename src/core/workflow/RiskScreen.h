#pragma once
// The risk screen (issue 20): a short structured set of yes/no questions on the factors known to
// go with lethal or repeated violence, asked at intake and again after each new incident. The
// answers suggest a level; the officer's judgement decides the case's level and may override the
// suggestion with a reason, and both are kept (the `risk.screen` timeline entry).
//
// This is NOT a validated clinical instrument: the questions follow the factors the
// danger-assessment literature and GBV case-management guides name (threats to kill,
// strangling, a weapon, escalation, a recent separation, pregnancy, jealousy and control,
// threats to children, substance abuse, prior violations of a prohibition), and the rule
// below is a plain count that only prompts the officer; the UI says so (riskScreenNote).
// Pure; thread-safe (static data).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/CaseModel.h"

namespace binhan::core::workflow {

struct RiskQuestion {
    std::string id;       // API name: "threat_to_kill"
    bool severe = false;  // a factor that on its own suggests at least `high`
    std::string vi, en;   // the question as the officer asks it
};

// The 13 questions, in the order they are asked.
const std::vector<RiskQuestion>& riskQuestions();
const RiskQuestion* findRiskQuestion(const std::string& id);

// One answer: "yes", "no" or "unknown" (the survivor does not know or does not say).
inline constexpr const char* kRiskAnswers[] = {"yes", "no", "unknown"};

// The level the answers suggest: any severe "yes" → high; two severe "yes", or one with three
// or more other "yes" → critical; with no severe "yes": five or more "yes" → high, two to four →
// medium, else low. "unknown" counts as no (the officer's judgement covers the doubt).
Risk suggestedRisk(const std::map<std::string, std::string>& answers);
// Whether a suggested level calls for a contact-prohibition request (Law 13/2022 art. 25:
// violence that threatens the survivor's health or life).
bool promptsProtection(Risk suggested);

// The note the UI shows beside the screen, in "vi" or "en".
std::string riskScreenNote(const std::string& language);
// The rule above in words, in "vi" or "en" (the catalogue serves it).
std::string riskRuleText(const std::string& language);

}  // namespace binhan::core::workflow
