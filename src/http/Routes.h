#pragma once
// THE route table: every endpoint of API.md is one row here (see Route.h for the columns).
// Later work adds endpoints as rows; a path not in the table is 404, a method not in it 405.
#include <string>
#include <vector>

#include "http/Metrics.h"
#include "http/NotificationHandlers.h"
#include "http/Route.h"
#include "http/StaticFiles.h"
#include "service/AttachmentService.h"
#include "service/AuditService.h"
#include "service/CaseService.h"
#include "service/EarlierCaseService.h"
#include "service/ErasureService.h"
#include "service/ExportService.h"
#include "service/IdentityService.h"
#include "service/NotificationService.h"
#include "service/ReportService.h"
#include "service/UserService.h"
#include "service/WorkflowServices.h"

namespace binhan::http {

// What the handlers need, wired by src/app.
struct RouteContext {
    Metrics& metrics;
    const StaticFiles& web;
    std::string version;
    service::IdentityService& identity;
    service::UserService& users;
    service::CaseService& cases;
    service::AuditService& audit;
    service::WorkflowServices& workflow;
    service::ErasureService& erasure;
    service::ExportService& exports;
    service::ReportService& reports;
    service::AttachmentService& attachments;
    service::EarlierCaseService& earlier;
    service::NotificationService& notifications;
    NotificationStreams& streams;
};

std::vector<Route> buildRoutes(RouteContext& context);

}  // namespace binhan::http
