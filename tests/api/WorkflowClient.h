#pragma once
// Small helpers for the workflow API tests (issue 5): JSON answers, ids, and times the server
// will accept (the server and the tests share the machine's clock).
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <ctime>
#include <string>

#include <catch2/catch.hpp>

#include "api/TestServer.h"
#include "fixtures/people.h"

namespace binhan::testing {

inline Poco::JSON::Object::Ptr jsonOf(const Reply& reply) {
    return Poco::JSON::Parser().parse(reply.body).extract<Poco::JSON::Object::Ptr>();
}

// The "code" and "field" of an error answer ("" when it names no field).
inline std::string errorCode(const Reply& reply) {
    return jsonOf(reply)->getObject("error")->getValue<std::string>("code");
}

inline std::string errorField(const Reply& reply) {
    const auto error = jsonOf(reply)->getObject("error");
    return error && error->has("field") ? error->getValue<std::string>("field") : "";
}

inline std::string idText(const Reply& reply) {
    return std::to_string(jsonOf(reply)->getValue<std::int64_t>("id"));
}

// Now plus `hours`, "YYYY-MM-DDTHH:MM:SSZ".
// `hours` from `base` (default: now), whole seconds. Pass one base to build several times that
// must be an exact distance apart, however slow the test runs (e.g. under sanitizers).
inline std::string utcIn(int hours, std::time_t base = 0) {
    if (base == 0) base = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    const std::time_t t = base + static_cast<std::time_t>(hours) * 3600;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

// The date in Vietnam (UTC+7) `days` from today, "YYYY-MM-DD".
inline std::string vietnamDateIn(int days) {
    return utcIn(7 + 24 * days).substr(0, 10);
}

// {"type": type, "details": details[, "due": due]}
inline std::string eventBody(const std::string& type, const std::string& details,
                             const std::string& due = "") {
    return R"({"type":")" + type + R"(","details":)" + details +
           (due.empty() ? "" : R"(,"due":")" + due + "\"") + "}";
}

// Opens a made-up adult case as `who` (201 required) and returns its path, /api/v1/cases/ID.
inline std::string openCasePath(TestServer& server, const Login& who,
                                const std::string& body = fixtures::adultCaseJson()) {
    const Reply opened = server.call(who, "POST", "/api/v1/cases", body);
    REQUIRE(opened.status == 201);
    return "/api/v1/cases/" + idText(opened);
}

}  // namespace binhan::testing
