#pragma once
// The reads behind the statistical report (issue 7; core/report/ReportModel.h says what is
// counted): the counts kept per day and per month by the writes (report_counts, maintained by
// store/ReportCounts in each write's transaction; schema/007_report_counts.sql), summed over the
// period. No per-case loop, no sealed field, no name: only categories and counts leave here.
// SQL only. Thread-safe.
#include <string>
#include <vector>

#include "core/report/ReportModel.h"
#include "store/Database.h"

namespace binhan::store {

struct ReportQuery {
    std::string from;            // YYYY-MM-DD (Vietnam), inclusive: the period's first day
    std::string to;              // YYYY-MM-DD (Vietnam), inclusive: its last day
    bool consentedOnly = false;  // count only cases whose consent allows statistics
    std::string commune;         // count only this commune's cases; "" = every commune (province)
};

class ReportRepository {
  public:
    explicit ReportRepository(Database& db) : db_(db) {}

    // The grouped counts of every dimension of core::report::GroupCount, for cases reported in
    // the period and measures taken in it (whole months from the month counts, other days from
    // the day counts), of query.commune or of every commune. Erased cases are counted (their
    // statistics stay, DESIGN.md §2).
    std::vector<core::report::GroupCount> counts(const ReportQuery& query);

    // The same counts worked out afresh from every case (the view report_facts), slowly: what
    // counts() must always equal. For checks, not for serving reports.
    std::vector<core::report::GroupCount> recount(const ReportQuery& query);

    // Recomputes the kept counts from every case, for a database filled without the
    // repositories (tests/bench/gen_cases).
    void rebuild();

  private:
    Database& db_;
};

}  // namespace binhan::store
