#pragma once
// Handlers of API.md "reports" (issue 7): the statistical report as JSON, as CSV, and as a
// printable HTML page (/reports/print, behind sign-in). ?from=&to= (YYYY-MM-DD) and
// ?purpose=statutory|export. Who may call them is the route table's (social, leader,
// oversight) and the service's policy check; the audit action is the route's ("report.read").
#include "http/Route.h"
#include "service/ReportService.h"

namespace binhan::http {

Handler reportSummaryHandler(service::ReportService& reports);
Handler reportCsvHandler(service::ReportService& reports);
Handler reportPrintHandler(service::ReportService& reports);

}  // namespace binhan::http
