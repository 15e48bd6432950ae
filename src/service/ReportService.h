#pragma once
// The commune's statistical report (API.md "GET /api/v1/reports/summary"; issue 7): checks who
// asks (core::Policy, Action::ReportRead: social, leader, oversight) and the period, reads the
// grouped counts (store::ReportRepository), builds and suppresses the report
// (core/report), and hands it to the caller to render as JSON, CSV or HTML. The report holds
// no identity: no name, phone, ID number or narrative ever reaches it. Thread-safe.
#include <string>

#include "core/Actor.h"
#include "core/Clock.h"
#include "core/Commune.h"
#include "core/report/ReportModel.h"
#include "store/ReportRepository.h"
#include "store/UserRepository.h"

namespace binhan::service {

// The body the report is from and for (configuration: commune.*, province.*, report.recipient).
struct ReportSettings {
    core::CommuneSettings communes;
    std::string recipient;
};

struct ReportRequest {
    std::string from;     // "YYYY-MM-DD"; "" = 1 January of the current year (Vietnam time)
    std::string to;       // "YYYY-MM-DD"; "" = 31 December of the year of `from`
    std::string purpose;  // "statutory" (default, every case) | "export" (consented cases only)
    std::string commune;  // "" = the caller's commune, or for a province-level caller every one
};

class ReportService {
  public:
    // `communes` names the communes reported on (their rows in `communes`).
    ReportService(store::ReportRepository& repository, store::UserRepository& communes,
                  const core::Clock& clock, ReportSettings settings)
        : repository_(repository),
          communes_(communes),
          clock_(clock),
          settings_(std::move(settings)) {}

    // The suppressed report on the caller's commune; for a province-level caller (issue 11) on
    // every commune together, or on request.commune. Throws Forbidden for a role without
    // ReportRead or a commune user asking for another commune; Invalid("from" | "to" | "purpose"
    // | "commune") for a malformed date, from after to, a period over 5 years, an unknown purpose
    // or an unknown commune.
    core::report::Report summary(const core::Actor& actor, const ReportRequest& request) const;
    // The same for the console (`binhan report`), which has no signed-in actor: the deployment's
    // own commune (commune.code).
    core::report::Report summaryForConsole(const ReportRequest& request) const;

  private:
    // The report on `scope`: a commune (communeCode set) or the province (province = true).
    core::report::Report build(const ReportRequest& request, core::report::Header scope) const;
    core::report::Header communeScope(const std::string& code) const;

    store::ReportRepository& repository_;
    store::UserRepository& communes_;
    const core::Clock& clock_;
    ReportSettings settings_;
};

}  // namespace binhan::service
