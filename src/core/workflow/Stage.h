#pragma once
// An agency's stage track on a case (DESIGN.md §2 "stage tracks, one per agency"): each case
// agency involved (police, justice, union, school) has its own track, and a track moves only
// along the rows of one transition table:
//
//   referred  → accepted | declined      the receiving agency answers a referral
//   accepted  → active                   accepting makes the stage active at once (API.md)
//   active    → completed                the agency's work on the case is done
//   accepted | active → declined         consent withdrawn (DESIGN §2; Law 91/2025/QH15)
//   declined | completed → referred      a case can come back to an agency
//
// Every move into `declined` needs a reason, which the track keeps. Anything else throws
// Conflict("stage_transition") with a message a commune clerk understands. Pure; thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "core/Clock.h"

namespace binhan::core::workflow {

enum class StageStatus {
    Referred,   // Đã chuyển: a referral waits for the receiving agency's answer
    Accepted,   // Đã tiếp nhận: the referral was accepted (becomes Active at once)
    Declined,   // Đã từ chối: refused, or ended because consent was withdrawn
    Active,     // Đang xử lý: the agency works on the case and sees it
    Completed,  // Hoàn thành: the agency's work is done
};

// API spelling: "referred", "accepted", "declined", "active", "completed".
std::string stageStatusName(StageStatus status);
// nullopt for anything but the five API names.
std::optional<StageStatus> parseStageStatus(const std::string& name);
const std::vector<StageStatus>& allStageStatuses();
// Referred, Accepted, Active: the agency is still involved; a case cannot close while any
// stage is open (DESIGN §2 "every stage must be completed or declined first").
bool isOpenStage(StageStatus status);

struct StageTrack {
    StageStatus status = StageStatus::Referred;
    TimePoint since;     // when the track entered `status`
    std::string reason;  // why it was declined (kept, DESIGN §2), or empty
};

// One row of the table.
struct StageTransition {
    StageStatus from;
    StageStatus to;
    bool needsReason;  // the move must say why (every move into `declined`)
    const char* why;   // the rule it comes from
};

// The table itself (for review and the exhaustive test).
const std::vector<StageTransition>& stageTransitions();
bool stageTransitionAllowed(StageStatus from, StageStatus to);
// Throws Conflict("stage_transition", …) unless from → to is a row of the table.
void checkStageTransition(StageStatus from, StageStatus to);

// The track after moving `track` to `to` at `now`. Throws as checkStageTransition, and
// Invalid("reason") when the row needs a reason and `reason` is blank or too long.
StageTrack moveStage(const StageTrack& track, StageStatus to, TimePoint now,
                     const std::string& reason = {});
// The stage of the agency that opens a case: active at once (API.md "POST /cases").
StageTrack openingStage(TimePoint now);
// A referral to an agency: a new `referred` track when it has none (`existing` null), else
// `existing` moved to `referred` (only from declined or completed; throws as moveStage).
StageTrack referStage(const StageTrack* existing, TimePoint now);
// Accepting a referral: referred → accepted → active, both at `now` (API.md "accept": "its
// stage becomes active"). Throws as moveStage when `track` is not referred.
StageTrack acceptReferral(const StageTrack& track, TimePoint now);

}  // namespace binhan::core::workflow
