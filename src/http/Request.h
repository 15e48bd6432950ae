#pragma once
// What a handler sees of an HTTP request: no Poco::Net types, so handlers stay thin and testable.
#include <map>
#include <optional>
#include <string>

#include "core/Actor.h"
#include "core/ByteSource.h"

namespace binhan::http {

struct Request {
    std::string method;
    std::string path;                               // without the query string
    std::map<std::string, std::string> query;       // decoded; last value wins
    std::map<std::string, std::string> pathParams;  // from the route pattern: {id} → "42"
    std::map<std::string, std::string> headers;     // names lower-cased
    std::string body;
    // An upload route's body as it arrives (Route::streamLimit), instead of `body`; owned by
    // the connection for the request's duration.
    core::ByteSource* bodySource = nullptr;
    std::string clientAddress;  // IP only
    bool clientIsLoopback = false;

    // Set by the dispatcher once the caller is signed in (routes other than Access::anyone()).
    std::optional<core::Actor> actor;
    std::string token;       // the session token presented, if any
    bool viaCookie = false;  // the token came in the __Host-binhan cookie (not Bearer)

    const core::Actor& signedIn() const { return actor.value(); }

    std::optional<std::string> header(const std::string& lowerName) const {
        auto it = headers.find(lowerName);
        if (it == headers.end()) return std::nullopt;
        return it->second;
    }
    std::string queryOr(const std::string& name, const std::string& fallback) const {
        auto it = query.find(name);
        return it == query.end() ? fallback : it->second;
    }
};

// The one parser of path ids (issue 17): the path parameter `name` as a positive id of 1–18
// decimal digits (no sign, no space); anything else — "-1", "0", "+1", "1e3", too large — is
// core::NotFound(notFound), on every route alike.
std::int64_t pathId(const Request& request, const char* name, const char* notFound);

}  // namespace binhan::http
