#include "http/OpenApi.h"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>
#include <sstream>
#include <stdexcept>

#include "http/OpenApiSchemas.h"

using namespace binhan::http;

namespace {

Route row(std::string method, std::string pattern, Access access, Contract contract) {
    Route r{std::move(method), std::move(pattern), access, false, "", "a route", [](Request&) {
                return Response{};
            }};
    r.contract = std::move(contract);
    return r;
}

Poco::JSON::Object::Ptr document(const std::vector<Route>& routes) {
    return Poco::JSON::Parser()
        .parse(openApiDocument(routes, "1.0"))
        .extract<Poco::JSON::Object::Ptr>();
}

}  // namespace

TEST_CASE("issue 17: the document gives each operation its body, answers and errors",
          "[http][openapi]") {
    const auto doc = document(
        {row("POST", "/api/v1/cases/{id}/events", Access::to(binhan::core::Action::EventAdd),
             answers(201, "Event").takes("EventInput").reads("limit")),
         row("GET", "/healthz", Access::anyone(), answers(200, "Health"))});
    CHECK(doc->getValue<std::string>("openapi") == "3.1.0");
    CHECK(doc->getArray("servers")->size() == 1);
    const auto op =
        doc->getObject("paths")->getObject("/api/v1/cases/{id}/events")->getObject("post");
    CHECK(op->getValue<std::string>("operationId") == "postCasesByIdEvents");
    CHECK(op->getObject("requestBody")->getValue<bool>("required"));
    CHECK(op->getObject("responses")->has("201"));
    CHECK(op->getObject("responses")->has("4XX"));
    CHECK(op->getObject("responses")->has("5XX"));
    // {id}, ?limit=, and the CSRF header of a cookie-authenticated POST
    CHECK(op->getArray("parameters")->size() == 3);
    CHECK(op->getArray("security")->size() == 2);
    const auto health = doc->getObject("paths")->getObject("/healthz")->getObject("get");
    CHECK(health->getArray("security")->size() == 0);  // no sign-in
    CHECK_FALSE(health->has("requestBody"));
}

TEST_CASE("issue 17: a route naming a schema or parameter the document lacks stops the server",
          "[http][openapi]") {
    const auto anyone = Access::anyone();
    CHECK_THROWS_AS(document({row("GET", "/a", anyone, answers(200, "NoSuchSchema"))}),
                    std::logic_error);
    CHECK_THROWS_AS(document({row("POST", "/a", anyone, answers(200, "Health").takes("Nope"))}),
                    std::logic_error);
    CHECK_THROWS_AS(document({row("GET", "/a", anyone, answers(200, "Health").reads("nope"))}),
                    std::logic_error);
    CHECK_THROWS_AS(document({row("GET", "/a", anyone, Contract())}), std::logic_error);
}

TEST_CASE("issue 17: every schema's references name a schema of the document", "[http][openapi]") {
    const auto schemas = apiSchemas();
    const std::string text = [&] {
        std::ostringstream out;
        schemas->stringify(out);
        return out.str();
    }();
    const std::string marker = "\"#/components/schemas/";
    int refs = 0;
    for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
        const auto start = at + marker.size();
        const std::string name = text.substr(start, text.find('"', start) - start);
        INFO(name);
        CHECK(schemas->has(name));
        ++refs;
    }
    CHECK(refs > 50);
}
