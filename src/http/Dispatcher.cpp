#include "http/Dispatcher.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <istream>
#include <sstream>
#include <typeinfo>

#include "core/Error.h"
#include "http/CaseHandlers.h"
#include "http/ErrorMapper.h"
#include "http/IdentityHandlers.h"
#include "http/ResponseWriter.h"
#include "http/SecurityHeaders.h"

namespace binhan::http {
namespace {

class DispatchHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit DispatchHandler(Dispatcher& dispatcher) : dispatcher_(dispatcher) {}
    void handleRequest(Poco::Net::HTTPServerRequest& in,
                       Poco::Net::HTTPServerResponse& out) override {
        dispatcher_.handle(in, out);
    }

  private:
    Dispatcher& dispatcher_;
};

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Reads the request into `request`; returns an error answer when its target is malformed.
std::optional<Response> readRequest(Poco::Net::HTTPServerRequest& in, Request& request) {
    request.method = in.getMethod();
    const std::string& uri = in.getURI();
    const auto q = uri.find('?');
    request.path = uri.substr(0, q);
    if (request.path.empty() || request.path[0] != '/')
        return errorResponse(400, "bad_request", "Malformed request target.");
    if (q != std::string::npos) {
        try {
            for (auto& [k, v] : Poco::URI(uri).getQueryParameters()) request.query[k] = v;
        } catch (const Poco::Exception&) {
            return errorResponse(400, "bad_request", "Malformed query string.");
        }
    }
    for (const auto& [name, value] : in) request.headers[lower(name)] = value;
    request.clientAddress = in.clientAddress().host().toString();
    request.clientIsLoopback = in.clientAddress().host().isLoopback();

    // The connection (http/HttpConnection) has framed, limited and read the body already; the
    // stream holds exactly its bytes. An upload route's body is streamed instead.
    if (auto* streamed = dynamic_cast<StreamedRequest*>(&in);
        streamed && streamed->streamedBody()) {
        request.bodySource = streamed->streamedBody();
        return std::nullopt;
    }
    std::ostringstream body;
    body << in.stream().rdbuf();
    std::string data = body.str();
    request.body = std::move(data);
    return std::nullopt;
}

}  // namespace

Poco::Net::HTTPRequestHandler* DispatcherFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest&) {
    return new DispatchHandler(dispatcher_);
}

void Dispatcher::handle(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) {
    const auto started = std::chrono::steady_clock::now();
    Request request;
    std::string routeLabel = "-";
    Response response;
    if (auto early = readRequest(in, request)) {
        response = std::move(*early);
        out.setKeepAlive(false);
    } else {
        RouteMatch match = router_.match(request.method, request.path);
        if (!match.pattern.empty()) routeLabel = match.pattern;
        response = dispatch(request, match);
    }
    const auto* streamed = dynamic_cast<const StreamedRequest*>(&in);
    if (streamed && !streamed->streamedBodyEnded()) out.setKeepAlive(false);
    try {
        sendResponse(response, out);
    } catch (const std::exception& e) {
        spdlog::warn("could not send the answer: {}", typeid(e).name());
        out.setKeepAlive(false);  // a body cut mid-way: the connection ends with it
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics_.recordRequest(request.method, routeLabel, response.status, seconds);
    spdlog::info("{} {} {} {:.1f}ms", request.method, routeLabel, response.status, seconds * 1000);
}

BodyPlan Dispatcher::bodyPlanFor(const std::string& method, const std::string& path) const {
    const RouteMatch match = router_.match(method, path);
    if (match.outcome != RouteMatch::Outcome::Found || match.route->streamLimit == 0) return {};
    return {true, match.route->streamLimit};
}

Response Dispatcher::dispatch(Request& request, const RouteMatch& match) const {
    if (match.outcome == RouteMatch::Outcome::NotFound)
        return errorResponse(404, "not_found", "No such resource.");
    if (match.outcome == RouteMatch::Outcome::MethodNotAllowed) {
        Response r = errorResponse(405, "method_not_allowed", "That method is not allowed here.");
        std::string allow;
        for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
        r.headers.emplace_back("Allow", allow);
        return r;
    }
    request.pathParams = match.params;
    Response denied;
    try {
        denied = checkAccess(request, *match.route);
    } catch (const core::Error& e) {  // the session store unreachable: 503, not a dropped line
        return errorResponse(e);
    } catch (const std::exception& e) {
        spdlog::error("{} {}: checking the session failed: {}", request.method,
                      match.route->pattern, typeid(e).name());
        return internalErrorResponse();
    }
    if (denied.status != 0 && !request.actor) return denied;  // anonymous refusals: log only
    return runAudited(request, *match.route,
                      denied.status != 0 ? std::optional<Response>(denied) : std::nullopt);
}

namespace {

std::string outcomeFor(int status) {
    if (status < 400) return "ok";
    switch (status) {
        case 400:
            return "invalid";
        case 401:
            return "unauthorized";
        case 403:
            return "denied";
        case 404:
            return "not_found";
        case 409:
            return "conflict";
        case 423:
            return "locked";
        case 429:
            return "throttled";
        default:
            return status >= 500 ? "error" : "refused";
    }
}

// The case a route acts on, from its {id} when the route is under /api/v1/cases/{id}; 0 when
// that is not a valid id (the handler then answers 404 through the same parser).
std::int64_t caseOf(const Request& request, const Route& route) {
    if (route.pattern.rfind("/api/v1/cases/{id}", 0) != 0) return 0;
    try {
        return caseIdParam(request);
    } catch (const core::Error&) {
        return 0;
    }
}

}  // namespace

// Runs the handler inside the request's audit context (routes with an audit action): a write
// carries the entry in its own transaction; otherwise the entry is committed here, and the
// answer goes out only once it is durable (DESIGN.md §3). A 403 for a signed-in user reaches
// here too, so refusals are on the record.
Response Dispatcher::runAudited(Request& request, const Route& route,
                                const std::optional<Response>& refusal) const {
    store::AuditContext context;
    std::optional<store::AuditScope> scope;
    if (!route.auditAction.empty()) {
        context.action = route.auditAction;
        context.sourceAddress = request.clientAddress;
        context.caseId = caseOf(request, route);
        if (request.actor) {
            context.actorId = request.actor->userId;
            context.role = core::roleName(request.actor->role);
        }
        scope.emplace(&context);
    }
    Response response;
    try {
        response = refusal ? *refusal : route.handler(request);
    } catch (const core::Error& e) {
        response = errorResponse(e);
    } catch (const std::exception& e) {
        // The exception text may quote internals; log its type and where, never to the client.
        spdlog::error("{} {} failed: {}", request.method, route.pattern, typeid(e).name());
        response = internalErrorResponse();
    } catch (...) {
        spdlog::error("{} {} failed with an unknown exception", request.method, route.pattern);
        response = internalErrorResponse();
    }
    if (!scope) return response;
    if (!context.written) context.outcome = outcomeFor(response.status);
    try {
        audit_.flush();
    } catch (const std::exception& e) {
        spdlog::error("audit entry for {} {} could not be written; answer withheld", request.method,
                      route.pattern);
        const auto* error = dynamic_cast<const core::Error*>(&e);
        if (error && error->code() == "storage_full")  // issue 10: say why, as the write did
            return response.status == 503 ? response
                                          : errorResponse(503, "storage_full",
                                                          "The server's storage is full, so this "
                                                          "access cannot be recorded; tell the "
                                                          "system administrator.");
        return errorResponse(503, "unavailable",
                             "The server cannot record this access right now; try again.");
    }
    return response;
}

// Returns a response with status 0 when the call may go ahead; signs the caller in on the way.
// Order: who are you (401), may a limited session do this (403), CSRF for cookie calls (403),
// may your role call this route (403). Case-level decisions are the handlers' (core::Policy).
Response Dispatcher::checkAccess(Request& request, const Route& route) const {
    Response allowed;
    allowed.status = 0;
    if (route.access.kind == Access::Kind::Anyone) return allowed;
    if (route.access.kind == Access::Kind::LoopbackOr && request.clientIsLoopback) return allowed;

    request.token = presentedToken(request, request.viaCookie);
    const auto session = identity_.resolve(request.token, route.refreshesSession);
    if (!session) return errorResponse(401, "unauthorized", "Sign in first.");
    request.actor = session->actor;  // known from here on, so refusals below are audited
    if (session->actor.limited && !route.allowLimited)
        return errorResponse(403, "totp_enrolment_required",
                             "Set up your second factor (authenticator app) before anything else.");
    const bool unsafe = request.method != "GET" && request.method != "HEAD";
    if (request.viaCookie && (route.csrf || unsafe) &&
        !identity_.csrfMatches(*session, request.header("x-csrf-token").value_or("")))
        return errorResponse(403, "csrf",
                             "The request is missing its CSRF token; reload the page.");
    if (!route.access.allowsRole(session->actor.role))
        return errorResponse(403, "forbidden", "Your role may not do this.");
    return allowed;
}

}  // namespace binhan::http
