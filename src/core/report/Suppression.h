#pragma once
// Small-count suppression of a Report (DESIGN.md §3: "any count from 1 to 4 is shown as <5").
// Pure; thread-safe.
//
// The algorithm, applied by suppress():
//  1. Primary. Every count from 1 to 4 — totals and cells alike — becomes "<5" (CellState::Small).
//     0 and counts of 5 and more stay as they are.
//  2. Complementary, in every partition table (cells that split a published total: villages,
//     sex, age band, …). A reader who knows the total and the shown cells knows the sum of the
//     hidden ones; with one hidden cell that sum IS the cell. So, per table, repeat:
//       - model what a reader can know of each hidden cell: "<5" is 1–4; "x" (complementary) is
//         at least 5 (zeros are never hidden) and at most the smallest non-zero shown cell of the
//         table (it was picked as the smallest); the hidden cells sum to total − shown cells
//         (a range when the total itself is "<5": 1–4);
//       - for each hidden cell, the range of values consistent with that (one linear equation
//         with bounded integer unknowns: [max(lo, S − Σ others' hi), min(hi, S − Σ others' lo)]
//         — exact for a single equation);
//       - if every hidden cell still has at least two possible values, stop; otherwise hide the
//         smallest non-zero shown cell (ties: the first in table order) as "x" and repeat.
//     If no non-zero shown cell is left and a cell can still be worked out (e.g. 6 cases: 5
//     women, 1 man), the whole table is withheld: every cell, zeros too, becomes "x"
//     (CellState::Withheld), and a reader then knows only that each is between 0 and the total.
//  3. Totals stay consistent: a table's total is the one number of `totals` with its key, shown
//     (or "<5") the same wherever it appears; suppression never changes a total's value, only how
//     a cell is printed, so the published shown cells plus the hidden ones always add up.
// Tables without a total (forms of violence, agencies: a case may count in several cells) get
// the primary step only: no equation links their cells. The median days to first action is
// withheld (null) when it rests on 1 to 4 cases.
#include <cstdint>
#include <string>

#include "core/report/ReportModel.h"

namespace binhan::core::report {

inline constexpr std::int64_t kSmallCountLimit = 5;  // counts 1..kSmallCountLimit-1 are hidden

// True for a count from 1 to 4.
bool isSmall(std::int64_t count);
// Applies steps 1–3 above to every total and table of `report`.
void suppress(Report& report);
// Steps 1–2 for one partition table whose total is `total` (published as `totalState`).
void suppressTable(Table& table);

// How a count is published: the number, "<5", or "x".
std::string publishedText(const Cell& cell);
std::string publishedTotal(const Table& table);

}  // namespace binhan::core::report
