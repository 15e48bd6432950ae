#include "http/Router.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <set>
#include <stdexcept>

namespace binhan::http {
namespace {

bool isParam(const std::string& s) {
    return s.size() > 2 && s.front() == '{' && s.back() == '}';
}
bool isRest(const std::string& s) {
    return isParam(s) && s.size() > 5 && s.substr(s.size() - 4) == "...}";
}
std::string paramName(const std::string& s) {
    return isRest(s) ? s.substr(1, s.size() - 5) : s.substr(1, s.size() - 2);
}

}  // namespace

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> parts;
    std::string current;
    for (std::size_t i = 1; i <= path.size(); ++i) {
        if (i == path.size() || path[i] == '/') {
            if (!current.empty() || (i < path.size())) {
                std::string decoded;
                Poco::URI::decode(current, decoded);
                parts.push_back(decoded);
            }
            current.clear();
        } else {
            current += path[i];
        }
    }
    // "/a/" keeps a trailing empty segment so it does not match "/a"
    if (path.size() > 1 && path.back() == '/' && (parts.empty() || !parts.back().empty()))
        parts.push_back("");
    return parts;
}

Router::Compiled Router::compile(const std::string& pattern) {
    if (pattern.empty() || pattern[0] != '/')
        throw std::invalid_argument("route pattern must start with /: " + pattern);
    Compiled c;
    c.segments = pattern == "/" ? std::vector<std::string>{} : splitPath(pattern);
    for (std::size_t i = 0; i < c.segments.size(); ++i) {
        if (isRest(c.segments[i])) {
            if (i + 1 != c.segments.size())
                throw std::invalid_argument("{name...} must be last: " + pattern);
            c.rest = true;
        }
    }
    return c;
}

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
    std::set<std::string> seen;
    for (const auto& route : routes_) {
        if (!seen.insert(route.method + " " + route.pattern).second)
            throw std::invalid_argument("duplicate route " + route.method + " " + route.pattern);
        compiled_.push_back(compile(route.pattern));
    }
}

bool Router::matches(const Compiled& c, const std::vector<std::string>& parts,
                     std::map<std::string, std::string>& params) {
    const std::size_t fixed = c.rest ? c.segments.size() - 1 : c.segments.size();
    if (c.rest ? parts.size() < c.segments.size() : parts.size() != fixed) return false;
    for (std::size_t i = 0; i < fixed; ++i) {
        const std::string& seg = c.segments[i];
        if (isParam(seg)) {
            if (parts[i].empty()) return false;
            params[paramName(seg)] = parts[i];
        } else if (seg != parts[i]) {
            return false;
        }
    }
    if (c.rest) {
        std::string rest;
        for (std::size_t i = fixed; i < parts.size(); ++i)
            rest += (i > fixed ? "/" : "") + parts[i];
        params[paramName(c.segments.back())] = rest;
    }
    return true;
}

RouteMatch Router::match(const std::string& method, const std::string& path) const {
    RouteMatch result;
    std::vector<std::string> parts;
    try {
        if (path != "/") parts = splitPath(path);
    } catch (const Poco::SyntaxException&) {
        return result;  // a malformed %-escape ("%3s", a lone "%") names no route: NotFound
    }
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        std::map<std::string, std::string> params;
        if (!matches(compiled_[i], parts, params)) continue;
        if (routes_[i].method == method) {
            result.outcome = RouteMatch::Outcome::Found;
            result.route = &routes_[i];
            result.pattern = routes_[i].pattern;
            result.params = std::move(params);
            return result;
        }
        result.allowed.push_back(routes_[i].method);
        result.pattern = routes_[i].pattern;
    }
    if (!result.allowed.empty()) result.outcome = RouteMatch::Outcome::MethodNotAllowed;
    return result;
}

}  // namespace binhan::http
