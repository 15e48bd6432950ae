#include "http/Router.h"

#include <catch2/catch.hpp>

using namespace binhan::http;

namespace {
Route row(const std::string& method, const std::string& pattern) {
    return {method, pattern, Access::anyone(), false, "", "", [](Request&) { return Response{}; }};
}
}  // namespace

TEST_CASE("routes match by method and pattern and capture parameters", "[http][router]") {
    Router router({row("GET", "/api/v1/cases"), row("GET", "/api/v1/cases/{id}"),
                   row("POST", "/api/v1/cases/{id}/stages/{agency}/complete"),
                   row("GET", "/ui/{file...}")});
    auto m = router.match("GET", "/api/v1/cases/42");
    REQUIRE(m.outcome == RouteMatch::Outcome::Found);
    CHECK(m.route->pattern == "/api/v1/cases/{id}");
    CHECK(m.params.at("id") == "42");
    m = router.match("POST", "/api/v1/cases/7/stages/justice/complete");
    REQUIRE(m.outcome == RouteMatch::Outcome::Found);
    CHECK(m.params.at("agency") == "justice");
    m = router.match("GET", "/ui/i18n/vi.json");
    REQUIRE(m.outcome == RouteMatch::Outcome::Found);
    CHECK(m.params.at("file") == "i18n/vi.json");
}

TEST_CASE("unknown paths are NotFound, known paths with another method are 405", "[http][router]") {
    Router router({row("GET", "/api/v1/cases"), row("POST", "/api/v1/cases")});
    CHECK(router.match("GET", "/api/v1/casesx").outcome == RouteMatch::Outcome::NotFound);
    CHECK(router.match("GET", "/api/v1/cases/").outcome == RouteMatch::Outcome::NotFound);
    CHECK(router.match("GET", "/api/v1").outcome == RouteMatch::Outcome::NotFound);
    auto m = router.match("DELETE", "/api/v1/cases");
    CHECK(m.outcome == RouteMatch::Outcome::MethodNotAllowed);
    CHECK(m.allowed == std::vector<std::string>{"GET", "POST"});
    CHECK(router.match("TRACE", "/api/v1/cases").outcome == RouteMatch::Outcome::MethodNotAllowed);
}

TEST_CASE("an empty path parameter does not match", "[http][router]") {
    Router router({row("GET", "/api/v1/cases/{id}")});
    CHECK(router.match("GET", "/api/v1/cases//").outcome == RouteMatch::Outcome::NotFound);
}

// Found by tests/fuzz/route_match_fuzz (kept as corpus/route_match/crash-eaebe7d…): the
// URISyntaxException escaped the dispatcher, so the client got Poco's bare 500, not our 404.
TEST_CASE("a path with a malformed percent-escape is NotFound, never an exception",
          "[http][router]") {
    Router router({row("GET", "/api/v1/cases/{id}"), row("GET", "/ui/{file...}")});
    for (const char* path :
         {"/api/v1/cases/%3s", "/api/v1/cases/%", "/api/v1/cases/4%2", "/ui/%zz/app.js"}) {
        INFO(path);
        RouteMatch m;
        CHECK_NOTHROW(m = router.match("GET", path));
        CHECK(m.outcome == RouteMatch::Outcome::NotFound);
    }
    CHECK(router.match("GET", "/api/v1/cases/%34%32").params.at("id") == "42");
}

TEST_CASE("duplicate rows and malformed patterns are refused at start-up", "[http][router]") {
    CHECK_THROWS(Router({row("GET", "/a"), row("GET", "/a")}));
    CHECK_THROWS(Router({row("GET", "a")}));
    CHECK_THROWS(Router({row("GET", "/a/{rest...}/b")}));
}
