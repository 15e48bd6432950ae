#pragma once
// How a report period is read from the counts kept per day and per month (store/ReportCounts,
// schema/007_report_counts.sql): its whole calendar months from the month counts, the days
// before the first and after the last whole month from the day counts. A yearly report sums 12
// months of counts instead of 365 days. Pure; thread-safe.
#include <string>
#include <vector>

namespace binhan::core::report {

struct DayRange {
    std::string first, last;  // YYYY-MM-DD, inclusive
};

struct PeriodCover {
    // YYYY-MM, inclusive; both empty when the period holds no whole month.
    std::string firstMonth, lastMonth;
    // 0 to 2 ranges of days outside those months, in order.
    std::vector<DayRange> days;
};

// The cover of the days [from, to] (valid YYYY-MM-DD dates, from <= to).
PeriodCover coverPeriod(const std::string& from, const std::string& to);

}  // namespace binhan::core::report
