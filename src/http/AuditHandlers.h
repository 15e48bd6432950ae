#pragma once
// Handlers of API.md "audit": the entries (oversight, admin) and the chain check.
#include "http/Route.h"
#include "service/AuditService.h"

namespace binhan::http {

Handler listAuditHandler(service::AuditService& audit);
Handler verifyAuditHandler(service::AuditService& audit);

}  // namespace binhan::http
