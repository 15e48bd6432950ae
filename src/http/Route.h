#pragma once
// One row of the route table (STYLE.md, "From Redis"): method, path pattern, handler, who may
// call it, whether a cookie-authenticated call needs the CSRF header, the audit action it
// records, and the schemas of its request and answers. Anything not in the table is refused
// before any handler runs.
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/Policy.h"
#include "core/Role.h"
#include "http/Request.h"
#include "http/Response.h"

namespace binhan::http {

using Handler = std::function<Response(Request&)>;

// Who may call a route: the core::Action the route performs (issue 16). The dispatcher's one
// central check asks core/Policy whether the caller's role has any row for that action; the
// case-level answer (which case, which relation) is then the service's, from the same table.
// No route holds a role set of its own.
struct Access {
    enum class Kind {
        Anyone,      // no sign-in (health, OpenAPI, sign-in itself, static UI)
        LoopbackOr,  // anyone from 127.0.0.0/8 or ::1, else a signed-in user allowed `action`
        SignedIn,    // a signed-in user whose role core/Policy allows `action` in some relation
    };
    Kind kind = Kind::SignedIn;
    core::Action action = core::Action::SelfRead;

    static Access anyone() { return {Kind::Anyone, core::Action::SelfRead}; }
    static Access loopbackOr(core::Action action) { return {Kind::LoopbackOr, action}; }
    static Access to(core::Action action) { return {Kind::SignedIn, action}; }
    bool allowsRole(core::Role role) const { return core::roleMay(role, action); }
};

// What the OpenAPI document says of a route beyond its method, pattern and access (issue 17):
// the names of its request body's schema and of each success answer's, in components/schemas
// (http/OpenApiSchemas.h), and of the parameters it reads, in components/parameters. The
// document refuses to build (std::logic_error at start-up) when a row names one it lacks.
struct Answer {
    int status = 200;
    std::string schema;  // JSON answers: a schema name; "" for 204 or a body of another type
    std::string mediaType = "application/json";
};

struct Contract {
    std::string body;                     // schema of the JSON body; "" when the route reads none
    std::vector<Answer> answers;          // the success answers (errors are the common schema)
    std::vector<std::string> parameters;  // query and header parameters ("limit", "case.q", …)

    // For the rows of Routes.cpp: answers(201, "Case").takes("CaseInput"),
    // answers(200, "CasePage").reads("limit", "cursor"), answers(204),
    // answers(200, "CaseExport").orAnswers(200, "", "text/html").
    Contract takes(std::string schema) const {
        Contract out = *this;
        out.body = std::move(schema);
        return out;
    }
    Contract orAnswers(int status, std::string schema = "",
                       std::string mediaType = "application/json") const {
        Contract out = *this;
        out.answers.push_back({status, std::move(schema), std::move(mediaType)});
        return out;
    }
    template <typename... Names>
    Contract reads(Names... names) const {
        Contract out = *this;
        (out.parameters.push_back(names), ...);
        return out;
    }
};

inline Contract answers(int status, std::string schema = "",
                        std::string mediaType = "application/json") {
    return Contract().orAnswers(status, std::move(schema), std::move(mediaType));
}

struct Route {
    std::string method;   // "GET", "POST", …
    std::string pattern;  // "/api/v1/cases/{id}"; a last segment "{name...}" takes the rest
    Access access;
    bool csrf = false;        // cookie-authenticated calls must send X-CSRF-Token
    std::string auditAction;  // e.g. "case.read"; empty when the route records none
    std::string summary;      // one line for the OpenAPI document
    Handler handler;
    // A session that still has to enrol a second factor may call this route.
    bool allowLimited = false;
    Contract contract;  // its request and answers, for the OpenAPI document
    // Non-zero: an upload route whose body is streamed to the handler (Request::bodySource)
    // under this many bytes (http/BodyPlan.h), instead of read whole under server.max_body.
    std::size_t streamLimit = 0;
    // False: calling the route does not renew the session's idle time (the event stream).
    bool refreshesSession = true;
};

}  // namespace binhan::http
