#pragma once
// Request framing per RFC 9112 (issue 17), decided before any handler runs, so a request whose
// length is ambiguous is never executed (request smuggling behind a proxy):
//   - a version other than HTTP/1.0 or HTTP/1.1: 505;
//   - more than one Content-Length, or one that is not 1–18 digits: 400;
//   - Content-Length together with Transfer-Encoding, or Transfer-Encoding on HTTP/1.0: 400;
//   - any transfer coding but a single "chunked": 501;
//   - a declared length over the body limit: 413 straight after the head.
// Every refusal closes the connection. ChunkedBodyReader reads a chunked body strictly: a
// malformed chunk size, a missing CRLF or an over-long line is 400; the limit applies as the
// bytes arrive (413). Pure: no sockets (the reader takes a byte source); unit-tested and fuzzed.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace binhan::http {

struct FramingVerdict {
    int status = 0;  // 0: the request may be read; else the answer, and the connection closes
    std::string code;
    std::string message;
    bool chunked = false;
    std::uint64_t contentLength = 0;  // when not chunked
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

FramingVerdict checkFraming(const std::string& version, const HeaderList& headers,
                            std::size_t maxBody);

// How a body read ended.
enum class BodyOutcome { Complete, Truncated, Malformed, TooLarge };

// A chunked body decoded as it is read (issue 21: an upload streamed to storage), strictly and
// under the limit, as readChunkedBody. read() gives up to `most` decoded bytes, 0 once the body
// ended or failed; outcome() then says which (Complete, or why not).
class ChunkedBodyStream {
  public:
    ChunkedBodyStream(std::function<int()> next, std::size_t maxBody)
        : next_(std::move(next)), maxBody_(maxBody) {}
    std::size_t read(char* into, std::size_t most);
    // Complete only after the last chunk and the trailer; Truncated while still reading.
    BodyOutcome outcome() const { return outcome_; }
    bool ended() const { return ended_; }

  private:
    bool startChunk();  // reads a chunk-size line (and at size 0 the trailer); false: ended
    std::size_t fail(BodyOutcome outcome);

    std::function<int()> next_;
    std::size_t maxBody_;
    std::uint64_t received_ = 0;
    std::uint64_t remaining_ = 0;  // bytes left in the current chunk
    bool inChunk_ = false;
    bool ended_ = false;
    BodyOutcome outcome_ = BodyOutcome::Truncated;
};

// Reads a chunked body from `next` (one byte at a time, -1 at the end of the stream) into
// `body`; trailer fields are read and dropped.
BodyOutcome readChunkedBody(const std::function<int()>& next, std::size_t maxBody,
                            std::string& body);

}  // namespace binhan::http
