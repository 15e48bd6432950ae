#include "http/SystemHandlers.h"

namespace binhan::http {

Handler healthHandler() {
    return [](Request&) {
        return Response::text(200, "application/json; charset=utf-8", R"({"status":"ok"})");
    };
}

Handler metricsHandler(Metrics& metrics) {
    return [&metrics](Request&) {
        return Response::text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
    };
}

Handler openApiHandler(std::shared_ptr<const std::string> document) {
    return [document](Request&) {
        return Response::text(200, "application/json; charset=utf-8", *document);
    };
}

Handler webHandler(const StaticFiles& files) {
    return [&files](Request& request) {
        auto it = request.pathParams.find("file");
        return files.serve(it == request.pathParams.end() ? "" : it->second);
    };
}

}  // namespace binhan::http
