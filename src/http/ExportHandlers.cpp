#include "http/ExportHandlers.h"

#include <memory>

#include "core/Error.h"
#include "http/CaseHandlers.h"
#include "http/CaseRecordHtml.h"

namespace binhan::http {
Handler exportHandler(service::ExportService& exports, const StaticFiles& web) {
    // The words of the printable record, read once (issue 19: the record speaks Vietnamese).
    auto words = std::make_shared<const Dictionary>(web, "vi");
    return [&exports, words](Request& request) {
        const auto document = exports.exportCase(request.signedIn(), caseIdParam(request));
        const std::string format = request.queryOr("format", "json");
        if (format == "html")
            return Response::text(200, "text/html; charset=utf-8",
                                  caseRecordHtml(*document, *words));
        if (format != "json") throw core::Invalid("format", "'format' must be json or html.");
        return Response::json(200, *document);
    };
}

}  // namespace binhan::http
