#pragma once
// Matches a method and path against the route table. Pure: no I/O, unit-tested on its own.
// A path no pattern matches is NotFound; a path matched by a pattern of another method is
// MethodNotAllowed with the allowed methods (for the Allow header). match never throws: the
// dispatcher calls it for any request target before a handler's error mapping applies, so a
// path that is not valid percent-encoding is NotFound too.
#include <map>
#include <string>
#include <vector>

#include "http/Route.h"

namespace binhan::http {

struct RouteMatch {
    enum class Outcome { Found, NotFound, MethodNotAllowed };
    Outcome outcome = Outcome::NotFound;
    const Route* route = nullptr;
    std::string pattern;  // the matching pattern (Found or MethodNotAllowed), for logs and metrics
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed;  // for MethodNotAllowed
};

class Router {
  public:
    // Throws std::invalid_argument when two rows share method and pattern, or a pattern is
    // malformed.
    explicit Router(std::vector<Route> routes);

    RouteMatch match(const std::string& method, const std::string& path) const;
    const std::vector<Route>& routes() const { return routes_; }

  private:
    struct Compiled {
        std::vector<std::string> segments;
        bool rest = false;  // last segment captures the remainder
    };
    static Compiled compile(const std::string& pattern);
    static bool matches(const Compiled& c, const std::vector<std::string>& parts,
                        std::map<std::string, std::string>& params);

    std::vector<Route> routes_;
    std::vector<Compiled> compiled_;
};

// Splits "/a/b/c" into {"a","b","c"}; percent-decodes each segment. Throws
// Poco::SyntaxException when a '%' is not followed by two hex digits.
std::vector<std::string> splitPath(const std::string& path);

}  // namespace binhan::http
