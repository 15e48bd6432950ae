#include "core/report/ReportModel.h"

#include <algorithm>
#include <map>

#include "core/CaseModel.h"
#include "core/workflow/CaseStatus.h"
#include "core/workflow/EventCatalogue.h"
#include "core/workflow/SurvivorFeedback.h"

namespace binhan::core::report {
namespace {

// Counts by category, in first-seen order of a fixed list, then any others from the data.
class Tally {
  public:
    explicit Tally(std::vector<std::string> fixed = {}) : order_(std::move(fixed)) {}
    void add(const std::string& key, std::int64_t n) {
        if (counts_.find(key) == counts_.end() &&
            std::find(order_.begin(), order_.end(), key) == order_.end())
            extra_.push_back(key);
        counts_[key] += n;
    }
    std::vector<Cell> cells(bool sortExtra) const {
        auto extra = extra_;
        if (sortExtra) std::sort(extra.begin(), extra.end());
        std::vector<Cell> out;
        const std::vector<std::string>* lists[] = {&order_, &extra};
        for (const auto* list : lists) {
            for (const auto& key : *list) {
                auto it = counts_.find(key);
                out.push_back(Cell{key, it == counts_.end() ? 0 : it->second, CellState::Shown});
            }
        }
        return out;
    }

  private:
    std::vector<std::string> order_, extra_;
    std::map<std::string, std::int64_t> counts_;
};

std::vector<std::string> choicesOf(const std::string& eventType, const std::string& field) {
    if (const auto* type = workflow::findEventType(eventType))
        for (const auto& f : type->fields)
            if (f.name == field) return f.choices;
    return {};
}

template <typename T, typename F>
std::vector<std::string> names(const std::vector<T>& values, F name) {
    std::vector<std::string> out;
    for (const auto& v : values) out.push_back(name(v));
    return out;
}

std::pair<std::string, std::string> splitPair(const std::string& key) {
    const auto bar = key.find('|');
    if (bar == std::string::npos) return {key, ""};
    return {key.substr(0, bar), key.substr(bar + 1)};
}

std::int64_t toInt(const std::string& text) {
    try {
        return std::stoll(text);
    } catch (const std::exception&) {
        return 0;
    }
}

Table table(std::string key, std::string totalKey, const Tally& tally, bool sortExtra = false) {
    Table t;
    t.key = std::move(key);
    t.totalKey = std::move(totalKey);
    t.cells = tally.cells(sortExtra);
    for (const auto& c : t.cells) t.total += c.count;
    return t;
}

// The measures of one event type, by one choice field, from "type|value" rows.
struct MeasureTable {
    const char* key;
    const char* totalKey;
    const char* eventType;
    const char* field;
};
const MeasureTable kMeasures[] = {
    {"interventions", "interventions", "police.intervention", "action"},
    {"mediation", "mediations", "justice.mediation", "outcome"},
    {"legal_aid", "legal_aid", "justice.legal_aid", "kind"},
    {"support", "support", "union.support", "kind"},
};

}  // namespace

std::string purposeName(Purpose purpose) {
    return purpose == Purpose::Export ? "export" : "statutory";
}

std::optional<Purpose> parsePurpose(const std::string& name) {
    if (name == "statutory") return Purpose::Statutory;
    if (name == "export") return Purpose::Export;
    return std::nullopt;
}

std::string delayBucket(std::int64_t days) {
    if (days <= 3) return "0-3";
    if (days <= 5) return "4-5";
    if (days <= 14) return "6-14";
    if (days <= 30) return "15-30";
    return "over_30";
}

const std::vector<std::string>& delayBuckets() {
    static const std::vector<std::string> buckets = {"0-3", "4-5", "6-14", "15-30", "over_30"};
    return buckets;
}

std::string hoursBucket(std::int64_t hours) {
    if (hours < 1) return "lt_1h";
    if (hours < 12) return "1_12h";
    if (hours < 24) return "12_24h";
    if (hours < 72) return "1_3d";
    if (hours < 168) return "3_7d";
    return "gt_7d";
}

const std::vector<std::string>& hoursBuckets() {
    static const std::vector<std::string> buckets = {"lt_1h", "1_12h", "12_24h",
                                                     "1_3d",  "3_7d",  "gt_7d"};
    return buckets;
}

const std::vector<std::string>& channelCells() {
    static const std::vector<std::string> cells = [] {
        auto channels = intakeChannels();
        channels.push_back("unknown");
        return channels;
    }();
    return cells;
}

const std::vector<std::string>& feedbackCells() {
    static const std::vector<std::string> cells = [] {
        std::vector<std::string> out;
        for (const auto& q : workflow::feedbackQuestions())
            for (const auto& a : q.answers) out.push_back(q.id + "|" + a);
        out.push_back("declined|true");
        return out;
    }();
    return cells;
}

const std::vector<TimelinessTable>& timelinessTables() {
    static const std::vector<TimelinessTable> tables = {
        {"hours_to_police", "hours_to_police", "cases_with_police_action"},
        {"hours_to_decision", "hours_to_decision", "protection_decisions"},
        {"hours_to_acceptance", "hours_to_acceptance", "accepted_referrals"},
        {"hours_to_union", "hours_to_union", "cases_with_union_follow_up"},
    };
    return tables;
}

const std::vector<std::string>& closureReasons() {
    static const std::vector<std::string> reasons = [] {
        auto codes = workflow::closureReasonCodes();
        codes.push_back("unspecified");
        return codes;
    }();
    return reasons;
}

std::optional<double> medianOf(
    const std::vector<std::pair<std::int64_t, std::int64_t>>& histogram) {
    std::map<std::int64_t, std::int64_t> sorted;
    std::int64_t n = 0;
    for (const auto& [value, count] : histogram) {
        if (count <= 0) continue;
        sorted[std::max<std::int64_t>(value, 0)] += count;
        n += count;
    }
    if (n == 0) return std::nullopt;
    // The values at positions (n-1)/2 and n/2 (0-based) of the sorted list.
    const std::int64_t lowAt = (n - 1) / 2, highAt = n / 2;
    std::optional<std::int64_t> low, high;
    std::int64_t seen = 0;
    for (const auto& [value, count] : sorted) {
        if (!low && lowAt < seen + count) low = value;
        if (!high && highAt < seen + count) high = value;
        seen += count;
    }
    return (static_cast<double>(*low) + static_cast<double>(*high)) / 2.0;
}

Report buildReport(const Header& header, const std::vector<GroupCount>& rows) {
    std::int64_t cases = 0;
    Tally types(names(allViolenceTypes(), violenceTypeName)), villages,
        sexes(names(allSexes(), sexName)), ages(ageBands()),
        perpetratorSexes(names(allSexes(), sexName)),
        relationships(names(allRelationships(), relationshipName)),
        agencies(names(allAgencies(), agencyName)), delays(delayBuckets()),
        protection({"granted", "refused", "pending"}),
        referrals({"accepted", "declined", "waiting", "withdrawn"}), closed(closureReasons());
    std::map<std::string, Tally> measures;
    for (const auto& m : kMeasures)
        measures.emplace(m.eventType, Tally(choicesOf(m.eventType, m.field)));
    std::vector<std::pair<std::int64_t, std::int64_t>> firstAction;
    Tally channels(channelCells()), feedback(feedbackCells());
    std::int64_t feedbackForms = 0;
    std::map<std::string, Tally> timeliness;
    for (const auto& t : timelinessTables()) timeliness.emplace(t.dimension, Tally(hoursBuckets()));

    for (const auto& row : rows) {
        const auto& d = row.dimension;
        if (d == "cases") {
            cases += row.count;
        } else if (d == "sex_age") {
            const auto [sex, band] = splitPair(row.key);
            sexes.add(sex, row.count);
            ages.add(band, row.count);
        } else if (d == "village") {
            villages.add(row.key, row.count);
        } else if (d == "types") {
            std::size_t start = 0;
            while (start <= row.key.size()) {
                const auto comma = std::min(row.key.find(',', start), row.key.size());
                if (comma > start) types.add(row.key.substr(start, comma - start), row.count);
                start = comma + 1;
            }
        } else if (d == "delay_days") {
            delays.add(delayBucket(toInt(row.key)), row.count);
        } else if (d == "first_action_days") {
            firstAction.emplace_back(toInt(row.key), row.count);
        } else if (d == "perpetrators") {
            const auto [sex, relationship] = splitPair(row.key);
            perpetratorSexes.add(sex, row.count);
            relationships.add(relationship, row.count);
        } else if (d == "agency") {
            agencies.add(row.key, row.count);
        } else if (d == "measure") {
            const auto [type, value] = splitPair(row.key);
            auto it = measures.find(type);
            if (it != measures.end()) it->second.add(value, row.count);
        } else if (d == "protection") {
            protection.add(row.key, row.count);
        } else if (d == "referral") {
            referrals.add(row.key, row.count);
        } else if (d == "channel") {
            channels.add(row.key.empty() ? "unknown" : row.key, row.count);
        } else if (timeliness.count(d)) {
            timeliness.at(d).add(hoursBucket(toInt(row.key)), row.count);
        } else if (d == "feedback") {
            if (row.key == "forms|all")
                feedbackForms += row.count;
            else
                feedback.add(row.key, row.count);
        } else if (d == "closed") {
            const auto& known = closureReasons();
            const bool coded = std::find(known.begin(), known.end(), row.key) != known.end();
            closed.add(coded ? row.key : "unspecified", row.count);
        }
    }

    Report report;
    report.header = header;
    report.tables.push_back(table("by_type", "", types));
    report.tables.push_back(table("by_village", "cases", villages, true));
    report.tables.push_back(table("by_sex", "survivors", sexes));
    report.tables.push_back(table("by_age_band", "survivors", ages));
    report.tables.push_back(table("perpetrators_by_sex", "perpetrators", perpetratorSexes));
    report.tables.push_back(table("by_relationship", "perpetrators", relationships));
    report.tables.push_back(table("by_agency", "", agencies));
    report.tables.push_back(table("reporting_delay", "cases", delays));
    for (const auto& m : kMeasures)
        report.tables.push_back(table(m.key, m.totalKey, measures.at(m.eventType)));
    report.tables.push_back(table("protection", "protection_requests", protection));
    report.tables.push_back(table("referrals", "referrals", referrals));
    report.tables.push_back(table("closed_by_reason", "closed", closed));
    // Issue 20: how reports arrived (Law 13/2022 art. 19), how long each step took, and what
    // survivors said at closure (several questions: no one total).
    report.tables.push_back(table("by_channel", "cases", channels));
    for (const auto& t : timelinessTables())
        report.tables.push_back(table(t.key, t.totalKey, timeliness.at(t.dimension)));
    Table feedbackTable = table("survivor_feedback", "", feedback);
    feedbackTable.total = feedbackForms;
    feedbackTable.withholdBelowLimit = true;
    report.tables.push_back(feedbackTable);
    // Partition tables of the cohort carry the cohort's own totals (one number everywhere).
    std::int64_t perpetrators = findTable(report, "perpetrators_by_sex")->total;
    report.totals = {{"cases", cases, CellState::Shown},
                     {"survivors", cases, CellState::Shown},
                     {"perpetrators", perpetrators, CellState::Shown}};
    for (auto& t : report.tables) {
        if (!t.partition()) continue;
        if (t.totalKey == "cases" || t.totalKey == "survivors") t.total = cases;
        if (!findTotal(report, t.totalKey))
            report.totals.push_back({t.totalKey, t.total, CellState::Shown});
    }
    std::int64_t withAction = 0;
    for (const auto& [days, n] : firstAction) withAction += n;
    report.casesWithAction.count = withAction;
    report.medianDaysToFirstAction = medianOf(firstAction);
    return report;
}

const Table* findTable(const Report& report, const std::string& key) {
    for (const auto& t : report.tables)
        if (t.key == key) return &t;
    return nullptr;
}

const Cell* findTotal(const Report& report, const std::string& key) {
    for (const auto& c : report.totals)
        if (c.key == key) return &c;
    return nullptr;
}

}  // namespace binhan::core::report
