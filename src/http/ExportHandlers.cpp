#include "http/ExportHandlers.h"

#include <Poco/JSON/Array.h>

#include <sstream>

#include "core/Error.h"
#include "core/report/ReportHtml.h"
#include "http/CaseHandlers.h"

namespace binhan::http {
namespace {

using core::report::escapeXml;

void render(std::ostream& out, const Poco::Dynamic::Var& value);

void renderObject(std::ostream& out, const Poco::JSON::Object& object) {
    out << "<dl>";
    for (const auto& [key, value] : object) {
        out << "<dt>" << escapeXml(key) << "</dt><dd>";
        render(out, value);
        out << "</dd>";
    }
    out << "</dl>";
}

void render(std::ostream& out, const Poco::Dynamic::Var& value) {
    if (value.isEmpty()) {
        out << "—";
    } else if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
        renderObject(out, *value.extract<Poco::JSON::Object::Ptr>());
    } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
        const auto array = value.extract<Poco::JSON::Array::Ptr>();
        out << "<ol>";
        for (std::size_t i = 0; i < array->size(); ++i) {
            out << "<li>";
            render(out, array->get(i));
            out << "</li>";
        }
        out << "</ol>";
    } else {
        out << escapeXml(value.convert<std::string>());
    }
}

}  // namespace

std::string printablePage(const std::string& title, const Poco::JSON::Object& document) {
    std::ostringstream out;
    out << "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>"
        << escapeXml(title)
        << "</title><link rel=\"stylesheet\" href=\"/ui/style.css\"></head><body "
           "class=\"print\"><main><h1>"
        << escapeXml(title) << "</h1>";
    renderObject(out, document);
    out << "</main></body></html>";
    return out.str();
}

Handler exportHandler(service::ExportService& exports) {
    return [&exports](Request& request) {
        const auto document = exports.exportCase(request.signedIn(), caseIdParam(request));
        const std::string format = request.queryOr("format", "json");
        if (format == "html") {
            const auto kase = document->getObject("case");
            const std::string code =
                kase && kase->has("code") ? kase->getValue<std::string>("code") : "";
            return Response::text(
                200, "text/html; charset=utf-8",
                printablePage("Hồ sơ vụ việc " + code + " — bản sao cho người bị bạo lực",
                              *document));
        }
        if (format != "json") throw core::Invalid("format", "'format' must be json or html.");
        return Response::json(200, *document);
    };
}

}  // namespace binhan::http
