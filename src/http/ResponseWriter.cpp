#include "http/ResponseWriter.h"

#include "http/SecurityHeaders.h"

namespace binhan::http {

void sendResponse(const Response& response, Poco::Net::HTTPServerResponse& out) {
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    applySecurityHeaders(out);
    bool cacheSet = false;
    for (const auto& [name, value] : response.headers) {
        if (name == "Content-Security-Policy")
            out.set(name, value);  // a route's own policy replaces the page's
        else
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
    if (response.writer && response.openEnded) {
        out.setChunkedTransferEncoding(true);
        out.setKeepAlive(false);
        std::ostream& body = out.send();
        response.writer(body);
        body.flush();
        return;
    }
    if (response.writer) {
        out.setContentLength64(static_cast<Poco::Int64>(response.streamedLength));
        std::ostream& body = out.send();
        response.writer(body);
        body.flush();
        return;
    }
    out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
    out.send().write(response.body.data(), static_cast<std::streamsize>(response.body.size()));
}

}  // namespace binhan::http
