#pragma once
// A handler's answer; the dispatcher adds the security headers and writes it.
#include <Poco/JSON/Object.h>

#include <string>
#include <utility>
#include <vector>

namespace binhan::http {

struct Response {
    int status = 200;
    std::string contentType = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    static Response json(int status, const Poco::JSON::Object& object);
    static Response json(int status, const Poco::JSON::Array& array);
    static Response text(int status, std::string contentType, std::string body);
    static Response noContent() { return Response{204, "", "", {}}; }
};

// Stringifies compactly, keeping UTF-8 as it is (no \u escapes of Vietnamese letters).
std::string toJson(const Poco::Dynamic::Var& value);

}  // namespace binhan::http
