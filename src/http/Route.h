#pragma once
// One row of the route table (STYLE.md, "From Redis"): method, path pattern, handler, who may
// call it, whether a cookie-authenticated call needs the CSRF header, and the audit action it
// records. Anything not in the table is refused before any handler runs.
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/Role.h"
#include "http/Request.h"
#include "http/Response.h"

namespace binhan::http {

using Handler = std::function<Response(Request&)>;

// Who may call a route. The central check in the dispatcher applies it; handlers then ask the
// core policy for case-level decisions.
struct Access {
    enum class Kind {
        Anyone,      // no sign-in (health, OpenAPI, sign-in itself, static UI)
        LoopbackOr,  // anyone from 127.0.0.0/8 or ::1, else a signed-in user of `roles`
        SignedIn,    // a signed-in user of one of `roles` (all roles when `roles` is empty)
    };
    Kind kind = Kind::SignedIn;
    std::set<core::Role> roles;

    static Access anyone() { return {Kind::Anyone, {}}; }
    static Access loopbackOr(std::set<core::Role> roles) { return {Kind::LoopbackOr, roles}; }
    static Access signedIn() { return {Kind::SignedIn, {}}; }
    static Access only(std::set<core::Role> roles) { return {Kind::SignedIn, roles}; }
    bool allowsRole(core::Role role) const { return roles.empty() || roles.count(role) > 0; }
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
