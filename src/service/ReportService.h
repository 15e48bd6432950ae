#pragma once
// The commune's statistical report (API.md "GET /api/v1/reports/summary"; issue 7): checks who
// asks (core::Policy, Action::ReportRead: social, leader, oversight) and the period, reads the
// grouped counts (store::ReportRepository), builds and suppresses the report
// (core/report), and hands it to the caller to render as JSON, CSV or HTML. The report holds
// no identity: no name, phone, ID number or narrative ever reaches it. Thread-safe.
#include <string>

#include "core/Actor.h"
#include "core/Clock.h"
#include "core/report/ReportModel.h"
#include "store/ReportRepository.h"

namespace binhan::service {

// The body the report is from and for (configuration: commune.name, commune.code,
// report.recipient).
struct ReportSettings {
    std::string communeName;
    std::string communeCode;
    std::string recipient;
};

struct ReportRequest {
    std::string from;     // "YYYY-MM-DD"; "" = 1 January of the current year (Vietnam time)
    std::string to;       // "YYYY-MM-DD"; "" = 31 December of the year of `from`
    std::string purpose;  // "statutory" (default, every case) | "export" (consented cases only)
};

class ReportService {
  public:
    ReportService(store::ReportRepository& repository, const core::Clock& clock,
                  ReportSettings settings)
        : repository_(repository), clock_(clock), settings_(std::move(settings)) {}

    // The suppressed report. Throws Forbidden for a role without ReportRead, Invalid("from" |
    // "to" | "purpose") for a malformed date, from after to, a period over 5 years, or an
    // unknown purpose.
    core::report::Report summary(const core::Actor& actor, const ReportRequest& request) const;
    // The same for the console (`binhan report`), which has no signed-in actor.
    core::report::Report summaryForConsole(const ReportRequest& request) const;

  private:
    core::report::Report build(const ReportRequest& request) const;

    store::ReportRepository& repository_;
    const core::Clock& clock_;
    ReportSettings settings_;
};

}  // namespace binhan::service
