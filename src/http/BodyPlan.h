#pragma once
// How a route takes its request body (issue 21). Most routes take a small JSON body, read whole
// by the connection under server.max_body before any handler runs. An upload route streams: the
// connection frames the body but hands it to the handler as a core::ByteSource under the
// route's own limit, so a 15 MB file is never held whole, and 413 comes as the bytes pass the
// limit (or straight after the head when the declared length already does).
#include <cstddef>
#include <string>

#include "core/ByteSource.h"

namespace binhan::http {

struct BodyPlan {
    bool streamed = false;
    std::size_t limit = 0;  // streamed bodies: bytes; else the server's limit applies
};

// Asked by the connection after the head, before reading a byte of the body.
class BodyPlanner {
  public:
    virtual ~BodyPlanner() = default;
    virtual BodyPlan bodyPlanFor(const std::string& method, const std::string& path) const = 0;
};

// A request whose body is streamed (the connection's request object implements it).
class StreamedRequest {
  public:
    virtual ~StreamedRequest() = default;
    virtual core::ByteSource* streamedBody() = 0;  // null when the body was read whole
    // Whether the streamed body was read to its end (else the connection cannot be reused).
    virtual bool streamedBodyEnded() const = 0;
};

}  // namespace binhan::http
