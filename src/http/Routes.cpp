#include "http/Routes.h"

#include <memory>

#include "http/OpenApi.h"
#include "http/SystemHandlers.h"

namespace binhan::http {

using core::Role;

std::vector<Route> buildRoutes(RouteContext& c) {
    auto openApi = std::make_shared<std::string>();
    std::vector<Route> routes = {
        // method, pattern, access, csrf, audit action, summary, handler
        {"GET", "/healthz", Access::anyone(), false, "", "Liveness check", healthHandler()},
        {"GET", "/metrics", Access::loopbackOr({Role::Admin}), false, "",
         "Request counts and latencies (Prometheus text)", metricsHandler(c.metrics)},
        {"GET", "/api/v1/openapi.json", Access::anyone(), false, "", "This API as OpenAPI 3",
         openApiHandler(openApi)},
        {"GET", "/", Access::anyone(), false, "", "The browser application", webHandler(c.web)},
        {"GET", "/ui/{file...}", Access::anyone(), false, "", "Files of the browser application",
         webHandler(c.web)},
    };
    *openApi = openApiDocument(routes, c.version);
    return routes;
}

}  // namespace binhan::http
