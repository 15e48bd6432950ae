#pragma once
// Where a due item (a follow-up visit, or any event with a `due` date) stands on the
// dashboard of the agency that owns it (DESIGN.md §2 "overdue ones appear on the dashboard").
//
// A due date is a calendar date ("YYYY-MM-DD") in the commune's own time: "today" is the date
// in Vietnam (UTC+7, no daylight saving), so an item due on 1 May is due today from 00:00 to
// 23:59 Vietnam time and overdue from 00:00 on 2 May Vietnam time (17:00 UTC on 1 May).
// Pure; thread-safe; the caller gives `now`.
#include <chrono>
#include <string>

#include "core/Clock.h"

namespace binhan::core::workflow {

constexpr std::chrono::hours kVietnamUtcOffset{7};  // Indochina Time, UTC+7 all year

enum class DueState {
    Done,      // marked done (whatever its date)
    Upcoming,  // due after today
    DueToday,  // due today
    Overdue,   // due before today and not done
};

// API spelling: "done", "upcoming", "due_today", "overdue".
std::string dueStateName(DueState state);
// Today's date in Vietnam at `now`, "YYYY-MM-DD".
std::string vietnamDate(TimePoint now);
// Throws Invalid("due") when `dueDate` is not a valid "YYYY-MM-DD" date.
DueState dueState(const std::string& dueDate, bool done, TimePoint now);

}  // namespace binhan::core::workflow
