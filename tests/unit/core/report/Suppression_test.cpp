// Small-count suppression (issue 7; DESIGN.md §3 "any count from 1 to 4 is shown as <5"): no
// published count is from 1 to 4, and no hidden count can be worked out from a table's total.
// The attack below is written apart from the algorithm: it enumerates every assignment of the
// hidden cells consistent with what is published and what a reader knows of the algorithm,
// and requires at least two possible values for each hidden cell.
#include "core/report/Suppression.h"

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <random>
#include <set>

using namespace binhan::core::report;

namespace {

Table partition(const std::vector<std::int64_t>& counts) {
    Table t;
    t.key = "by_sex";
    t.totalKey = "survivors";
    for (std::size_t i = 0; i < counts.size(); ++i) {
        t.cells.push_back({"c" + std::to_string(i), counts[i], CellState::Shown});
        t.total += counts[i];
    }
    return t;
}

std::vector<std::string> texts(const Table& t) {
    std::vector<std::string> out;
    for (const auto& c : t.cells) out.push_back(publishedText(c));
    return out;
}

bool isNumber(const std::string& s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// Every value each hidden cell can take, given only the published texts and total.
std::map<std::size_t, std::set<std::int64_t>> attack(const std::vector<std::string>& cells,
                                                     const std::string& totalText,
                                                     std::int64_t totalUpperBound) {
    std::int64_t shownSum = 0, smallestShown = totalUpperBound;
    bool allHidden = true;
    for (const auto& c : cells) {
        if (!isNumber(c)) continue;
        allHidden = false;
        shownSum += std::stoll(c);
        if (std::stoll(c) > 0) smallestShown = std::min<std::int64_t>(smallestShown, std::stoll(c));
    }
    std::vector<std::int64_t> totals;
    if (isNumber(totalText))
        totals = {std::stoll(totalText)};
    else
        totals = {1, 2, 3, 4};
    std::vector<std::size_t> hidden;
    std::vector<std::pair<std::int64_t, std::int64_t>> domain;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (isNumber(cells[i])) continue;
        hidden.push_back(i);
        if (cells[i] == "<5")
            domain.push_back({1, 4});
        else if (allHidden)
            domain.push_back({0, totalUpperBound});  // a withheld table
        else
            domain.push_back({5, smallestShown});  // complementary: ≥ 5, ≤ any shown
    }
    std::map<std::size_t, std::set<std::int64_t>> seen;
    std::vector<std::int64_t> values(hidden.size());
    std::function<void(std::size_t, std::int64_t)> walk = [&](std::size_t k, std::int64_t left) {
        if (k == hidden.size()) {
            if (left != 0) return;
            for (std::size_t j = 0; j < hidden.size(); ++j) seen[hidden[j]].insert(values[j]);
            return;
        }
        for (std::int64_t v = domain[k].first; v <= std::min(domain[k].second, left); ++v) {
            values[k] = v;
            walk(k + 1, left - v);
        }
    };
    for (auto total : totals)
        if (total - shownSum >= 0) walk(0, total - shownSum);
    return seen;
}

void requireProtected(const Table& t) {
    const auto published = texts(t);
    INFO("published: " << [&] {
        std::string s;
        for (const auto& p : published) s += p + " ";
        return s + "| total " + publishedTotal(t);
    }());
    for (const auto& p : published)
        if (isNumber(p)) CHECK_FALSE(isSmall(std::stoll(p)));
    if (isNumber(publishedTotal(t))) CHECK_FALSE(isSmall(std::stoll(publishedTotal(t))));
    const auto seen = attack(published, publishedTotal(t), t.total + 5);
    for (std::size_t i = 0; i < published.size(); ++i) {
        if (isNumber(published[i])) {
            CHECK(std::stoll(published[i]) == t.cells[i].count);
            continue;
        }
        INFO("hidden cell " << i << " is " << t.cells[i].count);
        REQUIRE(seen.count(i) == 1);
        CHECK(seen.at(i).count(t.cells[i].count) == 1);  // the truth is among the possibilities
        CHECK(seen.at(i).size() >= 2);                   // …and not the only one
    }
}

}  // namespace

TEST_CASE("report suppression writes counts from 1 to 4 as <5 and keeps 0 and 5+", "[report]") {
    Table t;
    t.key = "by_type";  // no total: primary suppression only
    t.cells = {{"a", 0, CellState::Shown},
               {"b", 1, CellState::Shown},
               {"c", 4, CellState::Shown},
               {"d", 5, CellState::Shown},
               {"e", 123, CellState::Shown}};
    suppressTable(t);
    CHECK(texts(t) == std::vector<std::string>{"0", "<5", "<5", "5", "123"});
}

TEST_CASE("report suppression hides a second cell when one small cell could be worked out",
          "[report]") {
    Table t = partition({10, 3, 0, 0});  // women 10, men 3: total 13 gives men away
    suppressTable(t);
    CHECK(texts(t) == std::vector<std::string>{"x", "<5", "0", "0"});
    CHECK(publishedTotal(t) == "13");
    requireProtected(t);

    Table three = partition({40, 2, 7, 9});  // the next-smallest (7) is hidden, not the largest
    suppressTable(three);
    CHECK(texts(three) == std::vector<std::string>{"40", "<5", "x", "9"});
    requireProtected(three);
}

TEST_CASE("report suppression needs no complement when two small cells hide each other",
          "[report]") {
    Table t = partition({20, 2, 3});  // hidden sum 5 = 2+3, 1+4, 4+1, 3+2
    suppressTable(t);
    CHECK(texts(t) == std::vector<std::string>{"20", "<5", "<5"});
    requireProtected(t);
    Table pinned = partition({20, 4, 4});  // hidden sum 8: only 4+4 — must hide more
    suppressTable(pinned);
    CHECK(texts(pinned) == std::vector<std::string>{"x", "<5", "<5"});
    requireProtected(pinned);
}

TEST_CASE("report suppression withholds a table that cannot be protected otherwise", "[report]") {
    Table t = partition({5, 1});  // 6 cases: 5 women, 1 man — "x" ≥ 5 pins "<5" to 1
    suppressTable(t);
    CHECK(texts(t) == std::vector<std::string>{"x", "x"});
    CHECK(publishedTotal(t) == "6");
    requireProtected(t);
}

TEST_CASE("report suppression hides a total from 1 to 4 and protects its cells", "[report]") {
    Table t = partition({1, 1, 1, 1, 0});  // total "<5" with four "<5": each must be 1
    suppressTable(t);
    CHECK(publishedTotal(t) == "<5");
    requireProtected(t);
}

TEST_CASE("report suppression: no hidden cell of a random table can be worked out", "[report]") {
    std::mt19937 rng(20250701);
    std::uniform_int_distribution<int> size(1, 6), kind(0, 9), small(1, 4), large(5, 16);
    for (int round = 0; round < 3000; ++round) {
        std::vector<std::int64_t> counts(static_cast<std::size_t>(size(rng)));
        for (auto& c : counts) {
            const int k = kind(rng);
            c = k < 3 ? 0 : k < 6 ? small(rng) : large(rng);
        }
        Table t = partition(counts);
        suppressTable(t);
        requireProtected(t);
    }
}

TEST_CASE("report suppression covers the totals and the median of a whole report", "[report]") {
    Report r;
    r.totals = {{"cases", 3, CellState::Shown}, {"perpetrators", 12, CellState::Shown}};
    r.tables.push_back(partition({2, 1, 0}));
    r.casesWithAction = {"cases_with_first_action", 2, CellState::Shown};
    r.medianDaysToFirstAction = 4.0;
    suppress(r);
    CHECK(publishedText(r.totals[0]) == "<5");
    CHECK(publishedText(r.totals[1]) == "12");
    CHECK(publishedText(r.casesWithAction) == "<5");
    CHECK_FALSE(r.medianDaysToFirstAction);  // a median of 1–4 cases is not published
}
