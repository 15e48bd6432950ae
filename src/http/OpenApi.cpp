#include "http/OpenApi.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace binhan::http {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

Array::Ptr pathParameters(const std::string& pattern) {
    Array::Ptr params = new Array;
    std::size_t open = pattern.find('{');
    while (open != std::string::npos) {
        const std::size_t close = pattern.find('}', open);
        Object::Ptr p = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        p->set("name", pattern.substr(open + 1, close - open - 1));
        p->set("in", "path");
        p->set("required", true);
        Object::Ptr schema = new Object;
        schema->set("type", "string");
        p->set("schema", schema);
        params->add(p);
        open = pattern.find('{', close);
    }
    return params;
}

std::string whoMayCall(const Access& access) {
    switch (access.kind) {
        case Access::Kind::Anyone:
            return "anyone";
        case Access::Kind::LoopbackOr:
        case Access::Kind::SignedIn: {
            std::string who = access.kind == Access::Kind::LoopbackOr ? "loopback, or " : "";
            const auto roles = core::rolesAllowed(access.action);
            if (roles.size() == core::allRoles().size()) return who + "any signed-in user";
            bool first = true;
            for (auto role : roles) {
                who += (first ? "" : ", ") + core::roleName(role);
                first = false;
            }
            return who;
        }
    }
    return "";
}

Object::Ptr operation(const Route& route) {
    Object::Ptr op = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    op->set("summary", route.summary);
    op->set("description", "Who may call: " + whoMayCall(route.access) + ".");
    op->set("x-binhan-csrf", route.csrf);
    if (!route.auditAction.empty()) op->set("x-binhan-audit", route.auditAction);
    if (route.access.kind != Access::Kind::Anyone)  // the core/Policy action the route performs
        op->set("x-binhan-action", core::actionName(route.access.action));
    if (route.access.kind == Access::Kind::SignedIn) {
        Array::Ptr security = new Array;
        Object::Ptr bearer = new Object;
        bearer->set("bearer", Array::Ptr(new Array));
        security->add(bearer);
        Object::Ptr cookie = new Object;
        cookie->set("cookie", Array::Ptr(new Array));
        security->add(cookie);
        op->set("security", security);
    }
    auto params = pathParameters(route.pattern);
    if (params->size() > 0) op->set("parameters", params);
    Object::Ptr responses = new Object;
    Object::Ptr ok = new Object;
    ok->set("description", "Success");
    responses->set("2XX", ok);
    Object::Ptr error = new Object;
    error->set("description", "{\"error\": {\"code\", \"message\", \"field\"?}}");
    responses->set("default", error);
    op->set("responses", responses);
    return op;
}

Object::Ptr components() {
    Object::Ptr bearer = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    bearer->set("type", "http");
    bearer->set("scheme", "bearer");
    Object::Ptr cookie = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    cookie->set("type", "apiKey");
    cookie->set("in", "cookie");
    cookie->set("name", "__Host-binhan");
    Object::Ptr schemes = new Object;
    schemes->set("bearer", bearer);
    schemes->set("cookie", cookie);
    Object::Ptr result = new Object;
    result->set("securitySchemes", schemes);
    return result;
}

}  // namespace

std::string openApiDocument(const std::vector<Route>& routes, const std::string& version) {
    Object doc(Poco::JSON_PRESERVE_KEY_ORDER);
    doc.set("openapi", "3.0.3");
    Object::Ptr info = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    info->set("title", "Bình An API");
    info->set("version", version);
    info->set("description", "Secure case management for the response to gender-based violence.");
    doc.set("info", info);
    Object::Ptr paths = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& route : routes) {
        if (route.pattern.find("...}") != std::string::npos) continue;  // static UI files
        Object::Ptr item = paths->has(route.pattern)
                               ? paths->getObject(route.pattern)
                               : Object::Ptr(new Object(Poco::JSON_PRESERVE_KEY_ORDER));
        item->set(lower(route.method), operation(route));
        paths->set(route.pattern, item);
    }
    doc.set("paths", paths);
    doc.set("components", components());
    std::ostringstream out;
    doc.stringify(out);
    return out.str();
}

}  // namespace binhan::http
