#include "core/report/PeriodCover.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "core/TimeFormat.h"

namespace binhan::core::report {
namespace {

const auto kDay = std::chrono::hours(24);

TimePoint dateOf(const std::string& text) {
    const auto date = parseDate(text);
    if (!date) throw std::invalid_argument("not a date: " + text);
    return *date;
}

// The first day of the month after the one of `date` (YYYY-MM-DD).
std::string nextMonthStart(const std::string& date) {
    int year = std::stoi(date.substr(0, 4)), month = std::stoi(date.substr(5, 2)) + 1;
    if (month == 13) {
        month = 1;
        ++year;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-01", year, month);
    return text;
}

}  // namespace

PeriodCover coverPeriod(const std::string& from, const std::string& to) {
    const TimePoint start = dateOf(from), end = dateOf(to);
    // The whole months: from the first month that starts on or after `from` to the last month
    // that ends on or before `to`.
    const std::string monthsStart = from.substr(8, 2) == "01" ? from : nextMonthStart(from);
    const std::string afterTo = formatDate(end + kDay);
    const std::string monthsEnd =
        afterTo.substr(8, 2) == "01" ? to : formatDate(dateOf(to.substr(0, 8) + "01") - kDay);
    PeriodCover cover;
    if (dateOf(monthsStart) > dateOf(monthsEnd)) {
        cover.days.push_back({from, to});
        return cover;
    }
    cover.firstMonth = monthsStart.substr(0, 7);
    cover.lastMonth = monthsEnd.substr(0, 7);
    if (start < dateOf(monthsStart))
        cover.days.push_back({from, formatDate(dateOf(monthsStart) - kDay)});
    if (dateOf(monthsEnd) < end) cover.days.push_back({formatDate(dateOf(monthsEnd) + kDay), to});
    return cover;
}

}  // namespace binhan::core::report
