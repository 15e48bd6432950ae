// Fuzz target: the route matcher (http/Router.h) over the real route table.
//
// The table's method and pattern columns are read from src/http/Routes.cpp itself (building
// the real rows needs every service), so the fuzzer follows the table as it changes. Input:
// "METHOD /path" (no space: GET). The dispatcher calls Router::match outside any handler's
// catch, for any request target starting with '/', so match must never throw and must keep
// its contract: Found names a row of that method whose {params} are all filled, NotFound
// matched nothing, MethodNotAllowed lists other methods only.
#include <fstream>
#include <map>
#include <sstream>

#include "fuzz/FuzzSupport.h"
#include "http/Router.h"

#ifndef BINHAN_SOURCE_DIR
#error "BINHAN_SOURCE_DIR must name the source tree (for src/http/Routes.cpp)"
#endif

namespace binhan::fuzz {
namespace {

// Every row's `{"METHOD", "/pattern"` (both on the row's first line, as Routes.cpp writes them).
std::vector<http::Route> routeTable() {
    std::ifstream in(BINHAN_SOURCE_DIR "/src/http/Routes.cpp");
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    std::map<std::size_t, http::Route> rows;  // by position: the table's order
    for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
        const std::string opening = std::string("{\"") + method + "\", \"/";
        for (auto at = source.find(opening); at != std::string::npos;
             at = source.find(opening, at + 1)) {
            const auto start = at + opening.size() - 1;
            const auto end = source.find('"', start);
            if (end == std::string::npos) break;
            rows[at].method = method;
            rows[at].pattern = source.substr(start, end - start);
        }
    }
    std::vector<http::Route> routes;
    for (auto& [at, route] : rows) routes.push_back(std::move(route));
    if (routes.size() < 20) {  // the table's layout changed: fix the scan above
        std::fprintf(stderr, "read only %zu routes from Routes.cpp\n", routes.size());
        std::abort();
    }
    return routes;
}

const http::Router& router() {
    static const http::Router instance(routeTable());
    return instance;
}

// The {name} and {name...} segments of a pattern.
std::vector<std::string> paramNames(const std::string& pattern) {
    std::vector<std::string> names;
    for (const auto& segment : http::splitPath(pattern)) {
        if (segment.size() < 3 || segment.front() != '{' || segment.back() != '}') continue;
        std::string name = segment.substr(1, segment.size() - 2);
        if (name.size() > 3 && name.compare(name.size() - 3, 3, "...") == 0)
            name.resize(name.size() - 3);
        names.push_back(name);
    }
    return names;
}

}  // namespace

int routeMatch(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const auto space = input.find(' ');
    const std::string method = space == std::string::npos ? "GET" : input.substr(0, space);
    const std::string path = space == std::string::npos ? input : input.substr(space + 1);
    if (path.empty() || path[0] != '/') return 0;  // the dispatcher answers 400 before matching

    const http::RouteMatch match = router().match(method, path);
    using Outcome = http::RouteMatch::Outcome;
    switch (match.outcome) {
        case Outcome::Found: {
            FUZZ_CHECK(match.route != nullptr && match.route->method == method);
            FUZZ_CHECK(match.pattern == match.route->pattern);
            const auto names = paramNames(match.pattern);
            FUZZ_CHECK(match.params.size() == names.size());
            for (const auto& name : names) {
                const auto it = match.params.find(name);
                FUZZ_CHECK(it != match.params.end());
                // Only the rest segment ({file...}) may be empty: "/ui/".
                FUZZ_CHECK(!it->second.empty() || name == "file");
            }
            break;
        }
        case Outcome::MethodNotAllowed:
            FUZZ_CHECK(match.route == nullptr && !match.allowed.empty());
            for (const auto& other : match.allowed) FUZZ_CHECK(other != method);
            break;
        case Outcome::NotFound:
            FUZZ_CHECK(match.route == nullptr && match.allowed.empty() && match.params.empty());
            break;
    }
    // The same request always takes the same route.
    const http::RouteMatch again = router().match(method, path);
    FUZZ_CHECK(again.outcome == match.outcome && again.route == match.route &&
               again.params == match.params);
    return 0;
}

}  // namespace binhan::fuzz

BINHAN_FUZZ_ENTRY(binhan::fuzz::routeMatch)
