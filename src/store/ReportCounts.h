#pragma once
// Keeps the statistics counts (report_counts, schema/007_report_counts.sql, by commune since
// 008_commune_reports.sql) in step with the
// cases, inside the write transaction that changes them. Internal to src/store.
//
// Every repository write that can change what a case contributes to the report (report_facts:
// the case's own columns, perpetrators, stages, events and their measures, protection requests
// and decisions, referrals, consent, closure) wraps its SQL like this:
//     shared::ReportCountsUpdate counts(s, caseId);   // reads the case's facts before
//     … the write …
//     counts.apply();                              // adds (after − before) to the counts
// Erasure does not: destroying the key changes no fact, and the statistics stay (DESIGN.md §2).
#include <Poco/Data/Session.h>

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

namespace binhan::store::shared {

class ReportCountsUpdate {
  public:
    ReportCountsUpdate(Poco::Data::Session& s, std::int64_t caseId);
    // For a case this transaction creates: it has no facts before, so none are read (issue 18).
    struct NewCase {};
    ReportCountsUpdate(Poco::Data::Session& s, std::int64_t caseId, NewCase);
    // Applies the change of the case's facts since construction, once.
    void apply();

  private:
    // (commune, consented, day, dimension, key) → how many facts.
    using Facts =
        std::map<std::tuple<std::string, int, std::string, std::string, std::string>, std::int64_t>;
    Facts read() const;

    Poco::Data::Session& s_;
    std::int64_t caseId_;
    Facts before_;
};

// Recomputes every count from report_facts (the same statements as the back-fill of 008): for a
// database filled by other means than the repositories (tests/bench/gen_cases).
void rebuildReportCounts(Poco::Data::Session& s);

}  // namespace binhan::store::shared
