// RFC 9112 framing (issue 17, http/Framing.h), rule by rule.
#include "http/Framing.h"

#include <catch2/catch.hpp>

using namespace binhan::http;

namespace {

FramingVerdict check(const HeaderList& headers, const std::string& version = "HTTP/1.1") {
    return checkFraming(version, headers, 1000);
}

BodyOutcome chunked(const std::string& wire, std::string& body, std::size_t max = 1000) {
    std::size_t at = 0;
    return readChunkedBody(
        [&] { return at < wire.size() ? static_cast<unsigned char>(wire[at++]) : -1; }, max, body);
}

}  // namespace

TEST_CASE("RFC 9112 §6.3: duplicate, conflicting or malformed lengths are refused",
          "[http][framing]") {
    CHECK(check({{"Content-Length", "5"}}).status == 0);
    CHECK(check({{"Content-Length", "5"}}).contentLength == 5);
    CHECK(check({{"Content-Length", "5"}, {"content-length", "6"}}).status == 400);
    CHECK(check({{"Content-Length", "5"}, {"Content-Length", "5"}}).status == 400);
    CHECK(check({{"Content-Length", "5, 5"}}).status == 400);
    for (const char* bad : {"abc", "-1", "+5", "0x10", "", "1 2", "9999999999999999999"})
        CHECK(check({{"Content-Length", bad}}).status == 400);
    CHECK(check({{"Content-Length", "1001"}}).status == 413);  // straight after the head
    CHECK(check({{"Content-Length", "1000"}}).status == 0);
}

TEST_CASE("RFC 9112 §6.1: only a single chunked coding, never beside Content-Length",
          "[http][framing]") {
    CHECK(check({{"Transfer-Encoding", "chunked"}}).chunked);
    CHECK(check({{"Transfer-Encoding", "Chunked"}}).status == 0);
    CHECK(check({{"Transfer-Encoding", "chunked"}, {"Content-Length", "5"}}).status == 400);
    CHECK(check({{"Transfer-Encoding", "gzip, chunked"}}).status == 501);
    CHECK(check({{"Transfer-Encoding", "identity"}}).status == 501);
    CHECK(check({{"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "chunked"}}).status ==
          501);
    CHECK(check({{"Transfer-Encoding", "chunked"}}, "HTTP/1.0").status == 400);
}

TEST_CASE("RFC 9110 §15.6.6: an unknown HTTP version is 505", "[http][framing]") {
    CHECK(check({}, "HTTP/9.9").status == 505);
    CHECK(check({}, "HTTP/2.0").status == 505);
    CHECK(check({}, "HTTP/1.0").status == 0);
}

TEST_CASE("a chunked body is read strictly, under the limit as it arrives", "[http][framing]") {
    std::string body;
    CHECK(chunked("5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nTrailer: 1\r\n\r\n", body) ==
          BodyOutcome::Complete);
    CHECK(body == "hello world");
    CHECK(chunked("zz\r\nhello\r\n0\r\n\r\n", body) == BodyOutcome::Malformed);
    CHECK(chunked(" 5\r\nhello\r\n0\r\n\r\n", body) == BodyOutcome::Malformed);
    CHECK(chunked("5\nhello\r\n0\r\n\r\n", body) == BodyOutcome::Malformed);  // bare LF
    CHECK(chunked("5\r\nhelloXX0\r\n\r\n", body) == BodyOutcome::Malformed);  // no CRLF after
    CHECK(chunked("5\r\nhel", body) == BodyOutcome::Truncated);
    CHECK(chunked("5\r\nhello\r\n", body) == BodyOutcome::Truncated);        // no last chunk
    CHECK(chunked("ffffffffffffffff\r\n", body) == BodyOutcome::Malformed);  // 16 digits
    CHECK(chunked("3e9\r\n", body) == BodyOutcome::TooLarge);                // 1001 bytes declared
    CHECK(chunked("200\r\n" + std::string(512, 'a') + "\r\n200\r\n", body) ==
          BodyOutcome::TooLarge);  // the second chunk would pass 1000
}

TEST_CASE("a streamed chunked body gives its bytes in pieces and stops at the limit (issue 21)",
          "[http][framing]") {
    const std::string wire = "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
    std::size_t at = 0;
    ChunkedBodyStream stream(
        [&] { return at < wire.size() ? static_cast<unsigned char>(wire[at++]) : -1; }, 1000);
    std::string body;
    char piece[3];
    while (!stream.ended()) body.append(piece, stream.read(piece, sizeof piece));
    CHECK(body == "hello world");
    CHECK(stream.outcome() == BodyOutcome::Complete);

    const std::string big =
        "200\r\n" + std::string(512, 'a') + "\r\n200\r\n" + std::string(512, 'b') + "\r\n0\r\n\r\n";
    at = 0;
    ChunkedBodyStream limited(
        [&] { return at < big.size() ? static_cast<unsigned char>(big[at++]) : -1; }, 1000);
    std::size_t got = 0;
    char buffer[100];
    while (!limited.ended()) got += limited.read(buffer, sizeof buffer);
    CHECK(limited.outcome() == BodyOutcome::TooLarge);
    CHECK(got == 512);  // the first chunk only: the second is refused by its size line
    CHECK(at < big.size() / 2 + 16);  // and none of its bytes were read
}
