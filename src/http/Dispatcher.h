#pragma once
// The central request path (STYLE.md, "From Redis"): every request goes through Dispatcher,
// which matches the route table, enforces the body limit and the route's access rule, runs
// the handler, maps any exception to the JSON error body, adds the security headers, logs one
// line (method, route pattern, status, duration: never the raw path, query or body) and counts
// it in the metrics. Handlers never see Poco::Net.
//
// Thread-safe: one Dispatcher serves every connection thread.
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <cstddef>
#include <functional>
#include <optional>

#include "http/BodyPlan.h"
#include "http/Metrics.h"
#include "http/Router.h"
#include "service/AuditService.h"
#include "service/IdentityService.h"

namespace binhan::http {

class Dispatcher {
  public:
    Dispatcher(const Router& router, Metrics& metrics, service::IdentityService& identity,
               service::AuditService& audit)
        : router_(router), metrics_(metrics), identity_(identity), audit_(audit) {}

    void handle(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out);
    // The body plan of the route `method` `path` matches (streamed upload routes, issue 21).
    BodyPlan bodyPlanFor(const std::string& method, const std::string& path) const;

  private:
    Response dispatch(Request& request, const RouteMatch& match) const;
    Response checkAccess(Request& request, const Route& route) const;
    Response runAudited(Request& request, const Route& route,
                        const std::optional<Response>& refusal) const;

    const Router& router_;
    Metrics& metrics_;
    service::IdentityService& identity_;
    service::AuditService& audit_;
};

// Adapts Dispatcher to Poco's HTTPServer.
class DispatcherFactory : public Poco::Net::HTTPRequestHandlerFactory, public BodyPlanner {
  public:
    explicit DispatcherFactory(Dispatcher& dispatcher) : dispatcher_(dispatcher) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override;
    BodyPlan bodyPlanFor(const std::string& method, const std::string& path) const override {
        return dispatcher_.bodyPlanFor(method, path);
    }

  private:
    Dispatcher& dispatcher_;
};

}  // namespace binhan::http
