// Fuzz target: a raw HTTP request as it arrives (issue 17) — the head read by Poco's parser,
// the server's own parser, then the framing rules and the strict chunked reader of
// http/Framing.h over the rest. Poco may refuse a head (Poco::Exception); after that nothing
// may throw, a verdict is one of the statuses of the contract, a chunked body never passes the
// limit, and a complete one is decided the same way twice.
#include <Poco/Net/HTTPRequest.h>

#include <sstream>

#include "fuzz/FuzzSupport.h"
#include "http/Framing.h"

namespace binhan::fuzz {

int requestHead(const std::uint8_t* data, std::size_t size) {
    constexpr std::size_t kLimit = 4096;
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    Poco::Net::HTTPRequest request;
    try {
        request.read(in);
    } catch (const Poco::Exception&) {
        return 0;  // refused by the head parser: answered 400 by the connection
    }
    http::HeaderList headers;
    for (const auto& [name, value] : request) headers.emplace_back(name, value);
    const auto verdict = http::checkFraming(request.getVersion(), headers, kLimit);
    FUZZ_CHECK(verdict.status == 0 || verdict.status == 400 || verdict.status == 413 ||
               verdict.status == 501 || verdict.status == 505);
    if (verdict.status != 0) return 0;
    FUZZ_CHECK(verdict.chunked || verdict.contentLength <= kLimit);
    if (!verdict.chunked) return 0;
    const std::streampos start = in.tellg();
    std::string body;
    const auto outcome = http::readChunkedBody([&] { return in.get(); }, kLimit, body);
    FUZZ_CHECK(body.size() <= kLimit);
    if (outcome == http::BodyOutcome::Complete && start >= 0) {
        in.clear();
        in.seekg(start);
        std::string again;
        FUZZ_CHECK(http::readChunkedBody([&] { return in.get(); }, kLimit, again) ==
                   http::BodyOutcome::Complete);
        FUZZ_CHECK(again == body);
    }
    return 0;
}

}  // namespace binhan::fuzz

BINHAN_FUZZ_ENTRY(binhan::fuzz::requestHead)
