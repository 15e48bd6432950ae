#include "http/OpenApi.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>

#include "http/JsonSchema.h"
#include "http/OpenApiSchemas.h"

namespace binhan::http {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// The object under `key` in `parent`, made (empty) when there is none yet.
Object::Ptr member(Object& parent, const std::string& key) {
    if (!parent.has(key)) parent.set(key, Object::Ptr(new Object(Poco::JSON_PRESERVE_KEY_ORDER)));
    return parent.getObject(key);
}

Object::Ptr componentRef(const std::string& kind, const std::string& name) {
    Object::Ptr out = new Object;
    out->set("$ref", "#/components/" + kind + "/" + name);
    return out;
}

// Checks that `name` is one of `known` (components/schemas or /parameters): a route row that
// names a schema the document lacks is a programming error, found at start-up.
const std::string& known(const Object& components, const std::string& name, const Route& route) {
    if (!components.has(name))
        throw std::logic_error("route " + route.method + " " + route.pattern + " names '" + name +
                               "', which the OpenAPI document does not define");
    return name;
}

// {id}, {eid}, {rid}: positive ids (anything else is 404); {agency}: an agency.
Object::Ptr pathParameter(const std::string& name) {
    Object::Ptr p = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    p->set("name", name);
    p->set("in", "path");
    p->set("required", true);
    p->set("schema", name == "agency" ? schema::named("Agency") : schema::id());
    return p;
}

Array::Ptr parameters(const Route& route, const Object& known) {
    Array::Ptr params = new Array;
    std::size_t open = route.pattern.find('{');
    while (open != std::string::npos) {
        const std::size_t close = route.pattern.find('}', open);
        params->add(pathParameter(route.pattern.substr(open + 1, close - open - 1)));
        open = route.pattern.find('{', close);
    }
    for (const auto& name : route.contract.parameters)
        params->add(componentRef("parameters", http::known(known, name, route)));
    // Cookie-authenticated calls need the CSRF header on these (Dispatcher::checkAccess).
    const bool unsafe = route.method != "GET" && route.method != "HEAD";
    if (route.access.kind != Access::Kind::Anyone && (route.csrf || unsafe))
        params->add(componentRef("parameters", "csrf"));
    return params;
}

// "GET /api/v1/cases/{id}/events" → "getCasesByIdEvents".
std::string operationId(const Route& route) {
    std::string id = lower(route.method);
    bool upperNext = true;
    for (std::size_t i = route.pattern.rfind("/api/v1/", 0) == 0 ? 8 : 1; i < route.pattern.size();
         ++i) {
        const char c = route.pattern[i];
        if (c == '{') {
            id += "By";
            upperNext = true;
        } else if (std::isalnum(static_cast<unsigned char>(c))) {
            id += upperNext ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upperNext = false;
        } else {
            upperNext = true;
        }
    }
    return id;
}

Object::Ptr requestBody(const Route& route, const Object& schemas) {
    const std::string& name = known(schemas, route.contract.body, route);
    Object::Ptr media = new Object;
    media->set("schema", schema::named(name));
    Object::Ptr content = new Object;
    Object::Ptr body = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    if (route.streamLimit > 0) {  // a file as the raw body (issue 21), of the types it takes
        for (const char* type : {"image/jpeg", "image/png", "application/pdf"})
            content->set(type, media);
        body->set("required", true);
        body->set("description", "At most " + std::to_string(route.streamLimit) +
                                     " bytes; 413 as soon as more arrive.");
        body->set("content", content);
        return body;
    }
    content->set("application/json", media);
    // An empty body is an empty object (http/Json.h), so a body with nothing required may be left
    // out.
    body->set("required", schemas.getObject(name)->has("required"));
    body->set("content", content);
    return body;
}

std::string reasonPhrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
    }
    return "Success";
}

// The route's success answers (several media types of one status share its entry), then the
// error document on every 4XX and 5XX.
Object::Ptr responses(const Route& route, const Object& schemas) {
    Object::Ptr out = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& answer : route.contract.answers) {
        const std::string status = std::to_string(answer.status);
        Object::Ptr response = member(*out, status);
        response->set("description", reasonPhrase(answer.status));
        if (answer.status == 204) continue;
        Object::Ptr media = new Object;
        media->set("schema", answer.schema.empty()
                                 ? schema::string()
                                 : schema::named(known(schemas, answer.schema, route)));
        member(*response, "content")->set(answer.mediaType, media);
    }
    out->set("4XX", componentRef("responses", "Error"));
    out->set("5XX", componentRef("responses", "Error"));
    return out;
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

Array::Ptr securityOf(const Route& route) {
    Array::Ptr security = new Array;
    if (route.access.kind == Access::Kind::Anyone) return security;  // no sign-in
    if (route.access.kind == Access::Kind::LoopbackOr) security->add(Object::Ptr(new Object));
    for (const char* scheme : {"bearer", "cookie"}) {
        Object::Ptr requirement = new Object;
        requirement->set(scheme, Array::Ptr(new Array));
        security->add(requirement);
    }
    return security;
}

Object::Ptr operation(const Route& route, const Object& components) {
    const Object& schemas = *components.getObject("schemas");
    Object::Ptr op = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    op->set("operationId", operationId(route));
    op->set("summary", route.summary);
    op->set("description", "Who may call: " + whoMayCall(route.access) + ".");
    op->set("x-binhan-csrf", route.csrf);
    if (!route.auditAction.empty()) op->set("x-binhan-audit", route.auditAction);
    if (route.access.kind != Access::Kind::Anyone)  // the core/Policy action the route performs
        op->set("x-binhan-action", core::actionName(route.access.action));
    op->set("security", securityOf(route));
    auto params = parameters(route, *components.getObject("parameters"));
    if (params->size() > 0) op->set("parameters", params);
    if (!route.contract.body.empty()) op->set("requestBody", requestBody(route, schemas));
    if (route.contract.answers.empty())
        throw std::logic_error("route " + route.method + " " + route.pattern +
                               " names no answer for the OpenAPI document");
    op->set("responses", responses(route, schemas));
    return op;
}

Object::Ptr securitySchemes() {
    Object::Ptr bearer = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    bearer->set("type", "http");
    bearer->set("scheme", "bearer");
    bearer->set("description", "The token of POST /api/v1/session (scripts; no CSRF header).");
    Object::Ptr cookie = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    cookie->set("type", "apiKey");
    cookie->set("in", "cookie");
    cookie->set("name", "__Host-binhan");
    cookie->set("description",
                "The session cookie set at sign-in (browsers; unsafe methods then also send "
                "X-CSRF-Token).");
    Object::Ptr schemes = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    schemes->set("bearer", bearer);
    schemes->set("cookie", cookie);
    return schemes;
}

Object::Ptr components() {
    Object::Ptr media = new Object;
    media->set("schema", schema::named("Error"));
    Object::Ptr content = new Object;
    content->set("application/json", media);
    Object::Ptr error = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    error->set("description",
               "Refused: 400 invalid input (naming the field), 401 not signed in, 403 not "
               "allowed, 404 not found or not visible to the caller, 409 conflict, 413 too "
               "large, 415 not JSON, 423 locked, 429 throttled; 5XX the server could not.");
    error->set("content", content);
    Object::Ptr responses = new Object;
    responses->set("Error", error);

    Object::Ptr result = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    result->set("schemas", apiSchemas());
    result->set("parameters", apiParameters());
    result->set("responses", responses);
    result->set("securitySchemes", securitySchemes());
    return result;
}

Array::Ptr servers() {
    Object::Ptr host = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    host->set("default", "127.0.0.1:8443");
    host->set("description",
              "The instance's address (server.address:server.port), or the load balancer's in "
              "front of several.");
    Object::Ptr variables = new Object;
    variables->set("host", host);
    Object::Ptr server = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    server->set("url", "https://{host}");
    server->set("description", "A Bình An server (HTTPS only)");
    server->set("variables", variables);
    Array::Ptr list = new Array;
    list->add(server);
    return list;
}

}  // namespace

std::string openApiDocument(const std::vector<Route>& routes, const std::string& version) {
    Object doc(Poco::JSON_PRESERVE_KEY_ORDER);
    doc.set("openapi", "3.1.0");
    Object::Ptr info = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    info->set("title", "Bình An API");
    info->set("version", version);
    info->set("description",
              "Secure case management for the response to gender-based violence. JSON in "
              "UTF-8; times RFC 3339 UTC, dates YYYY-MM-DD; lists take ?limit= and ?cursor= and "
              "answer {items, next_cursor}; every refusal is {\"error\": {code, message, "
              "field?}}. The browser application's files (/ui/…) are not part of the API.");
    doc.set("info", info);
    doc.set("servers", servers());
    const auto parts = components();
    Object::Ptr paths = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& route : routes) {
        if (route.pattern.find("...}") != std::string::npos) continue;  // static UI files
        member(*paths, route.pattern)->set(lower(route.method), operation(route, *parts));
    }
    doc.set("paths", paths);
    doc.set("components", parts);
    std::ostringstream out;
    doc.stringify(out);
    return out.str();
}

}  // namespace binhan::http
