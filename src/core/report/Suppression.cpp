#include "core/report/Suppression.h"

#include <algorithm>
#include <limits>

namespace binhan::core::report {
namespace {

struct Range {
    std::int64_t lo = 0, hi = 0;
};

bool hidden(const Cell& c) {
    return c.state != CellState::Shown;
}

// What a reader knows of each hidden cell of `t` (see the header).
std::vector<Range> readerBounds(const Table& t, Range& hiddenSum) {
    std::int64_t shownSum = 0;
    std::int64_t smallestShown = std::numeric_limits<std::int64_t>::max();
    for (const auto& c : t.cells) {
        if (hidden(c)) continue;
        shownSum += c.count;
        if (c.count > 0) smallestShown = std::min(smallestShown, c.count);
    }
    const Range total =
        t.totalState == CellState::Shown ? Range{t.total, t.total} : Range{1, kSmallCountLimit - 1};
    hiddenSum = {std::max<std::int64_t>(0, total.lo - shownSum), total.hi - shownSum};
    std::vector<Range> out;
    for (const auto& c : t.cells) {
        if (c.state == CellState::Small) out.push_back({1, kSmallCountLimit - 1});
        if (c.state == CellState::Complementary)
            out.push_back({kSmallCountLimit, std::min(smallestShown, hiddenSum.hi)});
        if (c.state == CellState::Withheld) out.push_back({0, hiddenSum.hi});
    }
    return out;
}

// Whether some hidden cell of `t` has exactly one value consistent with what is published.
bool someCellDerivable(const Table& t) {
    Range sum;
    const auto bounds = readerBounds(t, sum);
    std::int64_t sumLo = 0, sumHi = 0;
    for (const auto& b : bounds) {
        sumLo += b.lo;
        sumHi += b.hi;
    }
    for (const auto& b : bounds) {
        const std::int64_t lo = std::max(b.lo, sum.lo - (sumHi - b.hi));
        const std::int64_t hi = std::min(b.hi, sum.hi - (sumLo - b.lo));
        if (lo >= hi) return true;
    }
    return false;
}

void primary(Cell& c) {
    if (isSmall(c.count)) c.state = CellState::Small;
}

}  // namespace

bool isSmall(std::int64_t count) {
    return count >= 1 && count < kSmallCountLimit;
}

void suppressTable(Table& t) {
    if (t.withholdBelowLimit && t.total < kSmallCountLimit) {
        for (auto& c : t.cells) c.state = CellState::Withheld;
        return;
    }
    for (auto& c : t.cells) primary(c);
    if (isSmall(t.total)) t.totalState = CellState::Small;
    if (!t.partition()) return;
    while (someCellDerivable(t)) {
        Cell* next = nullptr;
        for (auto& c : t.cells)
            if (!hidden(c) && c.count > 0 && (!next || c.count < next->count)) next = &c;
        if (!next) {
            for (auto& c : t.cells) c.state = CellState::Withheld;
            return;
        }
        next->state = CellState::Complementary;
    }
}

void suppress(Report& report) {
    for (auto& total : report.totals) primary(total);
    for (auto& t : report.tables) suppressTable(t);
    primary(report.casesWithAction);
    if (report.casesWithAction.state != CellState::Shown) report.medianDaysToFirstAction.reset();
}

std::string publishedText(const Cell& cell) {
    switch (cell.state) {
        case CellState::Shown:
            return std::to_string(cell.count);
        case CellState::Small:
            return "<5";
        case CellState::Complementary:
        case CellState::Withheld:
            return "x";
    }
    return "x";
}

std::string publishedTotal(const Table& table) {
    return publishedText({table.totalKey, table.total, table.totalState});
}

}  // namespace binhan::core::report
