// Issue 17: request framing per RFC 9112, over raw TLS sockets (a client that sends exactly the
// bytes written here). Every refusal of the server's own carries API.md's JSON error and closes
// the connection; nothing after an ambiguous length is ever run as a second request; a body
// shorter than declared runs nothing; an oversized declared length is answered at once.
#include <Poco/Net/Context.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "api/TestServer.h"
#include "fixtures/people.h"

using binhan::testing::Login;
using binhan::testing::TestServer;

namespace {

struct RawAnswer {
    std::string text;  // everything received until the server closed (or the timeout)
    bool closed = false;
    double seconds = 0;
    int status() const {
        return text.size() >= 12 && text.rfind("HTTP/1.", 0) == 0 ? std::stoi(text.substr(9, 3))
                                                                  : 0;
    }
    int answers() const {  // how many status lines came back
        int n = 0;
        for (auto at = text.find("HTTP/1.1 "); at != std::string::npos;
             at = text.find("HTTP/1.1 ", at + 1))
            ++n;
        return n;
    }
    bool jsonError() const { return text.find(R"({"error":{"code":)") != std::string::npos; }
};

// Sends `bytes` (then, with `endWrite`, closes the sending side) and reads until close.
RawAnswer exchange(int port, const std::string& bytes, bool endWrite = false, int waitSeconds = 8) {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                             Poco::Net::Context::VERIFY_NONE);
    Poco::Net::SecureStreamSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), context);
    socket.setReceiveTimeout(Poco::Timespan(waitSeconds, 0));
    const auto started = std::chrono::steady_clock::now();
    socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    if (endWrite) socket.shutdownSend();
    RawAnswer answer;
    char buffer[4096];
    try {
        for (;;) {
            const int n = socket.receiveBytes(buffer, sizeof buffer);
            if (n <= 0) {
                answer.closed = true;
                break;
            }
            answer.text.append(buffer, static_cast<std::size_t>(n));
        }
    } catch (const Poco::TimeoutException&) {
    } catch (const Poco::Exception&) {
        answer.closed = true;  // reset: closed too
    }
    answer.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return answer;
}

std::string post(const std::string& headers, const std::string& body) {
    return "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
           "application/json\r\n" +
           headers + "\r\n" + body;
}

}  // namespace

TEST_CASE(
    "issue 17: ambiguous lengths are refused with the JSON error and the connection "
    "closed, the rest of the body never runs as a request",
    "[api][framing]") {
    TestServer server;
    const std::string smuggled = "GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n";
    for (const std::string& headers :
         {std::string("Content-Length: 2\r\nContent-Length: ") +
              std::to_string(2 + smuggled.size()) + "\r\n",
          std::string("Content-Length: 2\r\nTransfer-Encoding: chunked\r\n"),
          std::string("Transfer-Encoding: chunked\r\nContent-Length: 2\r\n")}) {
        INFO(headers);
        const RawAnswer a = exchange(server.port(), post(headers, "{}" + smuggled));
        CHECK(a.status() == 400);
        CHECK(a.jsonError());
        CHECK(a.closed);
        CHECK(a.answers() == 1);  // the smuggled request got no answer: it never ran
    }
}

TEST_CASE("issue 17: transfer codings, chunk sizes, versions and malformed heads",
          "[api][framing]") {
    TestServer server;
    struct Case {
        std::string name, bytes;
        int status;
    };
    const std::vector<Case> cases = {
        {"gzip coding", post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"), 501},
        {"bad chunk size", post("Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n"), 400},
        {"chunk without CRLF", post("Transfer-Encoding: chunked\r\n", "2\r\n{}XX0\r\n\r\n"), 400},
        {"HTTP/9.9", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 505},
        {"HTTP/0.9 line", "GET /healthz\r\n\r\n", 400},
        {"Content-Length abc", post("Content-Length: abc\r\n", ""), 400},
        {"64 KiB header", "GET /healthz HTTP/1.1\r\nX-Big: " + std::string(65536, 'a') + "\r\n\r\n",
         400},
        {"100 KiB target", "GET /" + std::string(100 * 1024, 'a') + " HTTP/1.1\r\n\r\n", 400},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const RawAnswer a = exchange(server.port(), c.bytes);
        CHECK(a.status() == c.status);
        CHECK(a.jsonError());
        CHECK(a.closed);
    }
    std::string many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 120; ++i) many += "X-H" + std::to_string(i) + ": 1\r\n";
    const RawAnswer a = exchange(server.port(), many + "\r\n");
    CHECK(a.status() == 400);
    CHECK(a.jsonError());
    // A well-formed chunked body is served.
    const RawAnswer ok = exchange(server.port(),
                                  "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: "
                                  "close\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "0\r\n\r\n");
    CHECK(ok.status() == 200);
}

TEST_CASE(
    "issue 17: a declared length over the limit is answered at once, a short body runs "
    "nothing",
    "[api][framing]") {
    TestServer server;
    const RawAnswer big = exchange(server.port(), post("Content-Length: 104857600\r\n", "{\"a\":"));
    CHECK(big.status() == 413);
    CHECK(big.jsonError());
    CHECK(big.seconds < 4);  // not after the server's read timeout
    const Login hoa = server.addUser("canbo.hoa", "union");
    const std::string body = binhan::fixtures::adultCaseJson();
    const std::string request =
        "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + hoa.token +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n\r\n" + body.substr(0, body.size() / 2);
    const RawAnswer cut = exchange(server.port(), request, true);
    CHECK(cut.text.empty());  // closed without an answer
    CHECK(cut.closed);
    CHECK(server.query("SELECT COUNT(*) FROM cases")[0][0] == "0");  // nothing was executed
}
