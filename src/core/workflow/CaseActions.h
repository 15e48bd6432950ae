#pragma once
// What the caller may do on one case now (API.md additions, "allowed_actions" and "refusals";
// issue 16): the access table of core/Policy for the caller's relation, then the workflow rules
// of the case's state (closed, stages still open, the mediation gate). The browser offers
// exactly `allowed` and explains each of `refusals`; it re-types no rule of its own.
//
// Action names: update, close, reopen, complete_stage, refer, consent, recuse, export, erase,
// break_glass, event:<type> for each event type (core/workflow/EventCatalogue.h), and
// refer:<agency> for each agency the case may be referred to now.
// A refusal is an action the caller's relation allows but the case's state blocks now; its code
// is one of refusalCodes(), with a text in Vietnamese and English. Pure; thread-safe.
#include <map>
#include <string>
#include <vector>

#include "core/Policy.h"
#include "core/workflow/CaseFacts.h"

namespace binhan::core::workflow {

struct CaseActions {
    std::vector<std::string> allowed;             // in display order
    std::map<std::string, std::string> refusals;  // action → refusal code
    std::vector<std::string> mandatoryReferrals;  // refer:<agency> targets that are mandatory
};

CaseActions caseActions(Role role, const CaseAccess& access, const CaseFacts& facts);

// The refusal codes and their texts in `lang` ("vi", else English).
const std::vector<std::string>& refusalCodes();
std::string refusalText(const std::string& code, const std::string& lang);

}  // namespace binhan::core::workflow
