#pragma once
// The reads behind the statistical report (issue 7; core/report/ReportModel.h says what is
// counted): one SQL statement of GROUP BY queries over the plaintext statistics columns
// (schema/003_cases.sql, 004_workflow.sql; indexes in 006_reports.sql), answered as grouped
// counts. No per-case loop, no sealed field, no name: only categories and counts leave here.
// SQL only. Thread-safe.
#include <string>
#include <vector>

#include "core/report/ReportModel.h"
#include "store/Database.h"

namespace binhan::store {

struct ReportQuery {
    std::string fromUtc;         // RFC 3339 UTC, inclusive: the period's first moment
    std::string toUtc;           // RFC 3339 UTC, exclusive: the moment after the period
    bool consentedOnly = false;  // count only cases whose consent allows statistics
};

class ReportRepository {
  public:
    explicit ReportRepository(Database& db) : db_(db) {}

    // The grouped counts of every dimension of core::report::GroupCount, for cases reported in
    // [fromUtc, toUtc) and measures taken in it. Erased cases are counted (their statistics
    // stay, DESIGN.md §2).
    std::vector<core::report::GroupCount> counts(const ReportQuery& query);

  private:
    Database& db_;
};

}  // namespace binhan::store
