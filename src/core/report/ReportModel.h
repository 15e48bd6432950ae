#pragma once
// The commune's statistical report (DESIGN.md "Reporting"; issue 7) as plain data, and the pure
// aggregation that builds it from the grouped counts the store returns (store/ReportRepository
// runs GROUP BY in SQL; this file only adds, buckets and orders).
//
// What is counted, and over which period [from, to] (Vietnam dates):
//   - cases reported in the period (the cohort: cases.created_at): cases, survivors (one per
//     case: the same person reported twice counts twice), perpetrators, and the cohort broken
//     down by form of violence, village of the incident, survivor sex and age band, perpetrator
//     sex and relationship, agency involved (a stage accepted, active or completed), reporting
//     delay (incident date → report date) and days from report to the first action;
//   - measures that happened in the period, on any case: police interventions by action,
//     contact-prohibition requests by outcome, mediation sessions by outcome, legal aid by kind,
//     support by kind, referrals made by outcome, cases closed by reason.
// Purpose::Statutory counts every case (the periodic report is a legal duty and holds no
// identities); Purpose::Export counts only cases whose consent allows statistics.
//
// A Table whose cells split one total (each case is in exactly one village, one sex, …) is a
// partition and names that total (`totalKey`); suppression (Suppression.h) then protects its
// small cells against being worked out from the total. A table whose cells may overlap (a case
// can have several forms of violence) has no total. Pure; thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace binhan::core::report {

enum class Purpose {
    Statutory,  // báo cáo định kỳ: every case
    Export,     // any other export (partner, research): only cases with statistics consent
};
std::string purposeName(Purpose purpose);  // "statutory" | "export"
std::optional<Purpose> parsePurpose(const std::string& name);

// How a count is published.
enum class CellState {
    Shown,          // the number itself (0, or 5 and above)
    Small,          // a count from 1 to 4: "<5"
    Complementary,  // hidden so that a "<5" cell cannot be worked out from the total: "x"
    Withheld,       // the whole table is hidden (no other way to protect it): "x"
};

struct Cell {
    std::string key;  // category in API spelling ("female", "18-29", "Thôn Đông")
    std::int64_t count = 0;
    CellState state = CellState::Shown;
};

struct Table {
    std::string key;       // JSON key: "by_sex", "referrals", …
    std::string totalKey;  // the total its cells split ("cases", "referrals"); "" = no total
    std::int64_t total = 0;
    CellState totalState = CellState::Shown;
    std::vector<Cell> cells;
    // Published only when `total` reaches the small-count limit; below it every cell is
    // withheld (issue 20: the survivors' feedback, whose total is the forms answered — with
    // fewer, one closure's answers could be read off the table by whoever knows the case).
    bool withholdBelowLimit = false;
    bool partition() const { return !totalKey.empty(); }
};

struct Header {
    std::string communeName;  // the commune reported on (commune.name), or the province's name
    std::string communeCode;  // its code (commune.code), or the province's code
    std::string recipient;    // report.recipient (the province since July 2025)
    std::string from, to;     // YYYY-MM-DD, inclusive
    std::string generatedAt;  // RFC 3339 UTC
    Purpose purpose = Purpose::Statutory;
    bool province = false;  // a province roll-up: every commune's cases together (issue 11)
};

struct Report {
    Header header;
    std::vector<Cell> totals;  // cases, survivors, perpetrators, then each table's total
    std::vector<Table> tables;
    // Days from the report to the first action (any event but the intake and notes): the
    // median over the cohort's cases with an action, and how many those are.
    Cell casesWithAction{"cases_with_first_action", 0, CellState::Shown};
    std::optional<double> medianDaysToFirstAction;
    // For a province-level reader (issue 11): the communes they may report on one at a time,
    // as (code, name). Empty for anyone else.
    std::vector<std::pair<std::string, std::string>> communeChoices;
};

// One row of a GROUP BY as the store returns it. Dimensions (keys in brackets):
//   cases [""], sex_age ["sex|band"], village [name], types ["physical,sexual"],
//   delay_days [integer], first_action_days [integer], perpetrators ["sex|relationship"],
//   agency [agency], measure ["police.intervention|summons", "union.support|shelter", …],
//   protection [granted|refused|pending], referral [status], closed [reason code or ""];
//   issue 20: channel [intake channel or ""], hours_to_police / hours_to_decision /
//   hours_to_acceptance / hours_to_union [whole hours], feedback ["question|answer"].
struct GroupCount {
    std::string dimension;
    std::string key;
    std::int64_t count = 0;
};

// Reporting-delay buckets in days: 0–3, 4–5, 6–14, 15–30, over 30 (a negative delay — an
// incident dated after the report — counts as 0–3).
std::string delayBucket(std::int64_t days);
const std::vector<std::string>& delayBuckets();
// Hours from one step to the next (issue 20), bucketed: under 1 hour, 1–12, 12–24 hours, 1–3
// days, 3–7 days, over 7 days ("lt_1h", "1_12h", "12_24h", "1_3d", "3_7d", "gt_7d"). A negative
// delay (an entry dated before the step it follows) counts as under 1 hour.
std::string hoursBucket(std::int64_t hours);
const std::vector<std::string>& hoursBuckets();
// The four delays of the report: report → first police intervention, protection request →
// decision, referral → acceptance, opening → first union follow-up; each a partition table of
// the steps taken (its total) by bucket. Dimension = its GroupCount dimension.
struct TimelinessTable {
    std::string key, dimension, totalKey;
};
const std::vector<TimelinessTable>& timelinessTables();
// The cells of by_channel (core::intakeChannels(), then "unknown" for cases without one) and of
// survivor_feedback ("<question>|<answer>" of core/workflow/SurvivorFeedback.h, then
// "declined|true").
const std::vector<std::string>& channelCells();
const std::vector<std::string>& feedbackCells();
// Closure reasons counted by code (workflow::closureReasonCodes(), then "unspecified"); a case
// closed without a code, or with one not in the list, is "unspecified" (the free-text reason is
// sealed, never counted).
const std::vector<std::string>& closureReasons();
// The median of a histogram {value → how many}; nullopt when empty. Negative values count as 0.
std::optional<double> medianOf(const std::vector<std::pair<std::int64_t, std::int64_t>>& histogram);

// Builds the unsuppressed report: every category of each fixed list appears (0 when absent),
// unknown categories from the data are kept (appended), villages are sorted by name.
// Throws nothing on odd rows: an unparsable key is counted as its own category.
Report buildReport(const Header& header, const std::vector<GroupCount>& rows);

// The table with `key`, or nullptr.
const Table* findTable(const Report& report, const std::string& key);
const Cell* findTotal(const Report& report, const std::string& key);

}  // namespace binhan::core::report
