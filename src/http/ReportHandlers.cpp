#include "http/ReportHandlers.h"

#include "core/report/ReportHtml.h"
#include "core/report/ReportRender.h"
#include "store/AuditContext.h"

namespace binhan::http {
namespace {

core::report::Report reportFor(service::ReportService& reports, const Request& request) {
    service::ReportRequest query;
    query.from = request.queryOr("from", "");
    query.to = request.queryOr("to", "");
    query.purpose = request.queryOr("purpose", "");
    query.commune = request.queryOr("commune", "");
    auto report = reports.summary(request.signedIn(), query);
    // The audit entry says which commune (or province), period and purpose was read (no case
    // content).
    if (auto* audit = store::AuditContext::current())
        audit->detail = report.header.communeCode + " " + report.header.from + ".." +
                        report.header.to + " " + core::report::purposeName(report.header.purpose);
    return report;
}

}  // namespace

Handler reportSummaryHandler(service::ReportService& reports) {
    return [&reports](Request& request) {
        return Response::json(200, *core::report::reportJson(reportFor(reports, request)));
    };
}

Handler reportCsvHandler(service::ReportService& reports) {
    return [&reports](Request& request) {
        const auto report = reportFor(reports, request);
        Response r =
            Response::text(200, "text/csv; charset=utf-8", core::report::reportCsv(report));
        r.headers.emplace_back("Content-Disposition",
                               "attachment; filename=\"bao-cao-" + report.header.communeCode + "-" +
                                   report.header.from + "-" + report.header.to + ".csv\"");
        return r;
    };
}

Handler reportPrintHandler(service::ReportService& reports) {
    return [&reports](Request& request) {
        return Response::text(
            200, "text/html; charset=utf-8",
            core::report::reportHtml(reportFor(reports, request), "/ui/report.css"));
    };
}

}  // namespace binhan::http
