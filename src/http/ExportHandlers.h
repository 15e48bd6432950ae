#pragma once
// GET /api/v1/cases/{id}/export: the survivor's copy as JSON, or with ?format=html as the
// printable case record in Vietnamese (http/CaseRecordHtml; no script, no inline style, every
// value escaped).
#include "http/Route.h"
#include "http/StaticFiles.h"
#include "service/ExportService.h"

namespace binhan::http {

Handler exportHandler(service::ExportService& exports, const StaticFiles& web);

}  // namespace binhan::http
