#include "http/ResponseWriter.h"

#include "http/SecurityHeaders.h"

namespace binhan::http {

void sendResponse(const Response& response, Poco::Net::HTTPServerResponse& out) {
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    applySecurityHeaders(out);
    bool cacheSet = false;
    for (const auto& [name, value] : response.headers) {
        out.add(name, value);
        cacheSet = cacheSet || name == "Cache-Control";
    }
    if (!cacheSet) out.set("Cache-Control", "no-store");
    if (response.status == 204) {
        out.setContentLength(0);
        out.send();
        return;
    }
    out.setContentType(response.contentType);
    out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
    out.send().write(response.body.data(), static_cast<std::streamsize>(response.body.size()));
}

}  // namespace binhan::http
