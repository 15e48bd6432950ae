#pragma once
// A handler's answer; the dispatcher adds the security headers and writes it.
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace binhan::http {

struct Response {
    int status = 200;
    std::string contentType = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // A body written as it is produced (a download, issue 21) instead of `body`: the writer
    // gets the open stream once the head is sent, with Content-Length `streamedLength`. It runs
    // after the audit entry is durable; if it throws, the connection is closed mid-body, so
    // the client sees a cut answer rather than a wrong one.
    std::function<void(std::ostream&)> writer;
    std::uint64_t streamedLength = 0;
    // A writer whose length is not known (an event stream, issue 22): sent chunked, and the
    // connection ends with it.
    bool openEnded = false;

    static Response json(int status, const Poco::JSON::Object& object);
    static Response json(int status, const Poco::JSON::Array& array);
    static Response text(int status, std::string contentType, std::string body);
    static Response noContent() {
        Response out;
        out.status = 204;
        out.contentType.clear();
        return out;
    }
};

// Stringifies compactly, keeping UTF-8 as it is (no \u escapes of Vietnamese letters).
std::string toJson(const Poco::Dynamic::Var& value);

}  // namespace binhan::http
