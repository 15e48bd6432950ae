#pragma once
// The facts about one case that the workflow rules decide on (DESIGN.md §2), gathered by the
// service from the store. A plain value: no identities, no narrative — only status, flags,
// consent coverage and the stage tracks. Header only; thread-safe as any value.
#include <map>
#include <set>

#include "core/Policy.h"
#include "core/Role.h"
#include "core/workflow/CaseStatus.h"
#include "core/workflow/Stage.h"

namespace binhan::core::workflow {

struct CaseFacts {
    CaseStatus status = CaseStatus::Open;
    bool child = false;                   // survivor under 18 at the incident (API.md Cases)
    bool crime = false;                   // flags.crime
    bool administrativeSanction = false;  // flags.administrative_sanction
    bool consentGiven = false;            // the current consent record says "given": true
    std::set<Role> consentAgencies;       // the agencies that record covers
    std::map<Role, StageTrack> stages;    // one track per involved case agency
    Risk risk = Risk::Low;                // the case's level (a risk screen sets it)
    ClosureApproval closure = ClosureApproval::None;  // issue 20: the latest closure request
};

// The agency's stage track on the case, or nullptr when it has none.
inline const StageTrack* stageOf(const CaseFacts& facts, Role agency) {
    const auto it = facts.stages.find(agency);
    return it == facts.stages.end() ? nullptr : &it->second;
}

inline bool hasActiveStage(const CaseFacts& facts, Role agency) {
    const StageTrack* track = stageOf(facts, agency);
    return track != nullptr && track->status == StageStatus::Active;
}

// `known` (the chair's protection request and break-glass, recusal) with the agency's own stage
// as these facts hold it: the access a rule checked inside a write transaction decides on.
inline CaseAccess accessWithStage(const CaseFacts& facts, Role role, CaseAccess known) {
    const StageTrack* track = isCaseAgency(role) ? stageOf(facts, role) : nullptr;
    known.ownStage = StageView::None;
    if (track == nullptr) return known;
    switch (track->status) {
        case StageStatus::Referred:
            known.ownStage = StageView::Referred;
            break;
        case StageStatus::Accepted:
        case StageStatus::Active:
            known.ownStage = StageView::Active;
            break;
        case StageStatus::Completed:
            known.ownStage = StageView::Completed;
            break;
        default:
            known.ownStage = StageView::Declined;
    }
    return known;
}

}  // namespace binhan::core::workflow
