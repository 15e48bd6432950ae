#include "core/workflow/Stage.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/Error.h"
#include "core/workflow/Text.h"

namespace binhan::core::workflow {
namespace {

using S = StageStatus;

const std::array<std::pair<StageStatus, const char*>, 5> kNames = {{
    {S::Referred, "referred"},
    {S::Accepted, "accepted"},
    {S::Declined, "declined"},
    {S::Active, "active"},
    {S::Completed, "completed"},
}};

// Why from → to is refused, in words a clerk can act on.
std::string refusal(StageStatus from, StageStatus to) {
    if (from == to) return "This stage is already " + stageStatusName(to) + ".";
    if (to == S::Referred)
        return "This agency is already involved in the case; it can be referred again only "
               "after its stage is completed or declined.";
    if (from == S::Declined || from == S::Completed)
        return "This agency's stage is " + stageStatusName(from) +
               "; refer the case to it again first.";
    if (to == S::Accepted) return "Only a referral that is still waiting can be accepted.";
    if (to == S::Active) return "The referral must be accepted first.";
    if (to == S::Completed) return "Only an active stage can be completed.";
    return "A stage that is " + stageStatusName(from) + " cannot become " + stageStatusName(to) +
           ".";
}

const StageTransition* findTransition(StageStatus from, StageStatus to) {
    const auto& table = stageTransitions();
    const auto it = std::find_if(table.begin(), table.end(), [&](const StageTransition& row) {
        return row.from == from && row.to == to;
    });
    return it == table.end() ? nullptr : &*it;
}

}  // namespace

std::string stageStatusName(StageStatus status) {
    for (const auto& [s, text] : kNames)
        if (s == status) return text;
    return "unknown";
}

std::optional<StageStatus> parseStageStatus(const std::string& name) {
    for (const auto& [s, text] : kNames)
        if (name == text) return s;
    return std::nullopt;
}

const std::vector<StageStatus>& allStageStatuses() {
    static const std::vector<StageStatus> all = {S::Referred, S::Accepted, S::Declined, S::Active,
                                                 S::Completed};
    return all;
}

bool isOpenStage(StageStatus status) {
    return status == S::Referred || status == S::Accepted || status == S::Active;
}

const std::vector<StageTransition>& stageTransitions() {
    static const std::vector<StageTransition> table = {
        {S::Referred, S::Accepted, false, "DESIGN §2 stage track: the agency accepts a referral"},
        {S::Referred, S::Declined, true, "DESIGN §2 stage track: the agency declines, with reason"},
        {S::Accepted, S::Active, false, "API.md Referrals: accepting makes the stage active"},
        {S::Active, S::Completed, false, "DESIGN §2 stage track: the agency's work is done"},
        // Consent withdrawn: the agency's access ends, the reason is kept (DESIGN §2;
        // Law 91/2025/QH15 on personal data protection).
        {S::Accepted, S::Declined, true, "DESIGN §2 consent withdrawn (Law 91/2025/QH15)"},
        {S::Active, S::Declined, true, "DESIGN §2 consent withdrawn (Law 91/2025/QH15)"},
        // A finished agency keeps read access to its work, until consent for it is withdrawn.
        {S::Completed, S::Declined, true, "DESIGN §2 consent withdrawn (Law 91/2025/QH15)"},
        {S::Declined, S::Referred, false, "a case can come back to an agency"},
        {S::Completed, S::Referred, false, "a case can come back to an agency"},
    };
    return table;
}

bool stageTransitionAllowed(StageStatus from, StageStatus to) {
    return findTransition(from, to) != nullptr;
}

void checkStageTransition(StageStatus from, StageStatus to) {
    if (!stageTransitionAllowed(from, to)) throw Conflict("stage_transition", refusal(from, to));
}

StageTrack moveStage(const StageTrack& track, StageStatus to, TimePoint now,
                     const std::string& reason) {
    const StageTransition* row = findTransition(track.status, to);
    if (row == nullptr) throw Conflict("stage_transition", refusal(track.status, to));
    if (row->needsReason) checkText("reason", reason, "reason");
    return StageTrack{to, now, reason};
}

StageTrack openingStage(TimePoint now) {
    return StageTrack{S::Active, now, {}};
}

StageTrack referStage(const StageTrack* existing, TimePoint now) {
    if (existing == nullptr) return StageTrack{S::Referred, now, {}};
    return moveStage(*existing, S::Referred, now);
}

StageTrack acceptReferral(const StageTrack& track, TimePoint now) {
    return moveStage(moveStage(track, S::Accepted, now), S::Active, now);
}

}  // namespace binhan::core::workflow
