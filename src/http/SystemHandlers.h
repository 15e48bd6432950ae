#pragma once
// Handlers of the service endpoints: health, metrics, OpenAPI, static UI files.
#include <memory>
#include <string>

#include "http/Metrics.h"
#include "http/Route.h"
#include "http/StaticFiles.h"

namespace binhan::http {

Handler healthHandler();
Handler metricsHandler(Metrics& metrics);
Handler openApiHandler(std::shared_ptr<const std::string> document);
// Serves pathParams["file"] ("" for "/") from the UI files.
Handler webHandler(const StaticFiles& files);

}  // namespace binhan::http
