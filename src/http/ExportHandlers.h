#pragma once
// GET /api/v1/cases/{id}/export: the survivor's copy as JSON, or with ?format=html as a
// printable page (no script, no inline style; every value escaped).
#include "http/Route.h"
#include "service/ExportService.h"

namespace binhan::http {

Handler exportHandler(service::ExportService& exports);
// A printable HTML page of any JSON document (nested definition lists), every text escaped.
std::string printablePage(const std::string& title, const Poco::JSON::Object& document);

}  // namespace binhan::http
