#pragma once
// `binhan report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv] [--purpose statutory|export]`:
// the statistical report (issue 7) printed to standard output as JSON, or as CSV with --csv —
// the same figures, suppression and headers as GET /api/v1/reports/summary. The read is
// audited like the API's (actor 0, role "console", action "report.read").
#include <iosfwd>
#include <string>
#include <vector>

#include "app/Config.h"

namespace binhan::app {

struct ReportCommandOptions {
    std::string from, to, purpose;
    std::string commune;  // --commune CODE (issue 23): another commune, or the province's code
    bool csv = false;
};

int runReportCommand(const Config& config, const std::vector<std::string>& args,
                     const ReportCommandOptions& options, std::ostream& out);

}  // namespace binhan::app
