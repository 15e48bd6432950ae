#include "app/ReportCommand.h"

#include <iostream>

#include "app/Runtime.h"
#include "core/report/ReportRender.h"
#include "http/Response.h"
#include "store/AuditContext.h"

namespace binhan::app {

int runReportCommand(const Config& config, const std::vector<std::string>& args,
                     const ReportCommandOptions& options, std::ostream& out) {
    if (!args.empty()) {
        std::cerr << "usage: binhan report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv] "
                     "[--purpose statutory|export] [--commune CODE]\n";
        return 64;
    }
    Runtime runtime(config);
    store::AuditContext audit;
    audit.role = "console";
    audit.action = "report.read";
    store::AuditScope scope(&audit);
    const auto report = runtime.reports().summaryForConsole(
        {options.from, options.to, options.purpose, options.commune});
    audit.detail = report.header.communeCode + " " + report.header.from + ".." + report.header.to +
                   " " + core::report::purposeName(report.header.purpose);
    runtime.audit().flush();  // the export is on the record before it is printed
    if (options.csv)
        out << core::report::reportCsv(report);
    else
        out << http::toJson(core::report::reportJson(report)) << "\n";
    return 0;
}

}  // namespace binhan::app
