#include "core/workflow/FollowUp.h"

#include "core/Error.h"
#include "core/TimeFormat.h"

namespace binhan::core::workflow {

std::string dueStateName(DueState state) {
    switch (state) {
        case DueState::Done:
            return "done";
        case DueState::Upcoming:
            return "upcoming";
        case DueState::DueToday:
            return "due_today";
        case DueState::Overdue:
            return "overdue";
    }
    return "unknown";
}

std::string vietnamDate(TimePoint now) {
    return formatDate(now + kVietnamUtcOffset);
}

DueState dueState(const std::string& dueDate, bool done, TimePoint now) {
    const auto due = parseDate(dueDate);
    if (!due) throw Invalid("due", "Give the due date as YYYY-MM-DD, e.g. 2024-05-01.");
    if (done) return DueState::Done;
    const std::string today = vietnamDate(now);
    const std::string normalised = formatDate(*due);  // YYYY-MM-DD order is date order
    if (normalised < today) return DueState::Overdue;
    if (normalised == today) return DueState::DueToday;
    return DueState::Upcoming;
}

}  // namespace binhan::core::workflow
