#pragma once
// One row of the route table (STYLE.md, "From Redis"): method, path pattern, handler, who may
// call it, whether a cookie-authenticated call needs the CSRF header, and the audit action it
// records. Anything not in the table is refused before any handler runs.
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
};

}  // namespace binhan::http
