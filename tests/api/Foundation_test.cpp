// Black-box tests of the foundation (issue 2): HTTPS only, security headers, JSON errors,
// body limit, graceful stop, init idempotence, schema versions and what reaches the log.
#include <Poco/DigestStream.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/SHA2Engine.h>
#include <openssl/ssl.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "api/TestServer.h"

using binhan::testing::Reply;
using binhan::testing::TestServer;

namespace {

std::string fileDigest(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    Poco::SHA2Engine sha;
    sha.update(s.str());
    return Poco::DigestEngine::digestToHex(sha.digest());
}

void requireSecurityHeaders(const Reply& r) {
    CHECK(r.header("Strict-Transport-Security").find("max-age=31536000") != std::string::npos);
    CHECK(r.header("X-Content-Type-Options") == "nosniff");
    const std::string csp = r.header("Content-Security-Policy");
    CHECK(csp.find("default-src 'self'") != std::string::npos);
    CHECK(csp.find("object-src 'none'") != std::string::npos);
    CHECK(csp.find("base-uri 'none'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(csp.find("unsafe-eval") == std::string::npos);
    CHECK(r.header("Cross-Origin-Opener-Policy") == "same-origin");
    CHECK(r.header("Referrer-Policy") == "no-referrer");
    CHECK_FALSE(r.hasHeader("Server"));
}

}  // namespace

TEST_CASE("healthz answers ok over HTTPS with the security headers", "[api][foundation]") {
    TestServer server;
    Reply r = server.get("/healthz");
    REQUIRE(r.status == 200);
    CHECK(r.body == R"({"status":"ok"})");
    CHECK(r.header("Content-Type").find("application/json") == 0);
    CHECK(r.header("Cache-Control") == "no-store");
    requireSecurityHeaders(r);
}

TEST_CASE("unknown paths get a JSON 404 with the security headers", "[api][foundation]") {
    TestServer server;
    Reply r = server.get("/api/v1/no-such-thing");
    REQUIRE(r.status == 404);
    CHECK(r.body.find(R"("error":{"code":"not_found")") != std::string::npos);
    CHECK(r.header("Content-Type").find("application/json") == 0);
    requireSecurityHeaders(r);
}

TEST_CASE("a method not in the route table is 405 and TRACE is refused", "[api][foundation]") {
    TestServer server;
    Reply post = server.request("POST", "/healthz", "{}");
    CHECK(post.status == 405);
    CHECK(post.header("Allow") == "GET");
    CHECK(post.body.find(R"("code":"method_not_allowed")") != std::string::npos);
    Reply trace = server.request("TRACE", "/healthz");
    CHECK(trace.status == 405);
    CHECK(trace.body.find("TRACE") == std::string::npos);
}

TEST_CASE("bodies over server.max_body get 413", "[api][foundation]") {
    TestServer server;
    const std::string big(1024 * 1024 + 1, 'x');
    Reply r = server.request("POST", "/api/v1/openapi.json", big);
    CHECK(r.status == 413);
    CHECK(r.body.find(R"("code":"too_large")") != std::string::npos);
    // Just under the limit is read and routed (405: the route exists for GET only).
    Reply ok = server.request("POST", "/api/v1/openapi.json", std::string(1000, 'x'));
    CHECK(ok.status == 405);
}

TEST_CASE("a smaller server.max_body is honoured, chunked bodies included", "[api][foundation]") {
    TestServer server({"server.max_body=2048"});
    CHECK(server.request("POST", "/healthz", std::string(4096, 'y')).status == 413);
    Poco::Net::Context::Ptr ctx = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "",
                                                         "", Poco::Net::Context::VERIFY_NONE);
    Poco::Net::SecureStreamSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(server.port())), ctx);
    std::string chunk(3000, 'z');
    std::ostringstream req;
    req << "POST /healthz HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
        << std::hex << chunk.size() << "\r\n"
        << chunk << "\r\n0\r\n\r\n";
    const std::string text = req.str();
    socket.sendBytes(text.data(), static_cast<int>(text.size()));
    char buffer[512] = {};
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    const int n = socket.receiveBytes(buffer, sizeof buffer - 1);
    CHECK(std::string(buffer, n > 0 ? n : 0).rfind("HTTP/1.1 413", 0) == 0);
}

TEST_CASE("the OpenAPI document lists the routes", "[api][foundation]") {
    TestServer server;
    Reply r = server.get("/api/v1/openapi.json");
    REQUIRE(r.status == 200);
    CHECK(r.body.find(R"("openapi":"3.1.0")") != std::string::npos);
    CHECK(r.body.find(R"("/healthz")") != std::string::npos);
    CHECK(r.body.find(R"("/metrics")") != std::string::npos);
}

TEST_CASE("metrics are open on loopback and count requests by route pattern", "[api][foundation]") {
    TestServer server;
    server.get("/api/v1/openapi.json");
    server.get("/api/v1/openapi.json");
    server.get("/api/v1/cases-not-a-route/123");
    Reply r = server.get("/metrics");
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type").find("text/plain") == 0);
    CHECK(
        r.body.find(
            R"(binhan_http_requests_total{method="GET",route="/api/v1/openapi.json",status="200"} 2)") !=
        std::string::npos);
    // Raw paths never become labels (an unmatched path is counted under one fixed label). Not
    // `find("123")`: a duration or a count may hold those digits.
    CHECK(r.body.find("cases-not-a-route") == std::string::npos);
    CHECK(r.body.find("binhan_http_request_duration_seconds_bucket") != std::string::npos);
}

TEST_CASE("plain HTTP is not served", "[api][foundation][tls]") {
    TestServer server;
    Poco::Net::HTTPClientSession plain("127.0.0.1", static_cast<Poco::UInt16>(server.port()));
    plain.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest req("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
    bool answered = false;
    try {
        plain.sendRequest(req);
        Poco::Net::HTTPResponse res;
        plain.receiveResponse(res);
        answered = res.getStatus() == 200;
    } catch (const Poco::Exception&) {
    }
    CHECK_FALSE(answered);
    CHECK(server.get("/healthz").status == 200);  // the server is still up
}

TEST_CASE("TLS 1.0 and 1.1 and weak TLS 1.2 suites are refused", "[api][foundation][tls]") {
    TestServer server;
    using binhan::testing::tlsHandshakeSucceeds;
    CHECK_FALSE(tlsHandshakeSucceeds(server.port(), TLS1_VERSION, TLS1_VERSION, "ALL:@SECLEVEL=0"));
    CHECK_FALSE(
        tlsHandshakeSucceeds(server.port(), TLS1_1_VERSION, TLS1_1_VERSION, "ALL:@SECLEVEL=0"));
    CHECK_FALSE(tlsHandshakeSucceeds(server.port(), TLS1_2_VERSION, TLS1_2_VERSION,
                                     "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:@SECLEVEL=0"));
    CHECK_FALSE(tlsHandshakeSucceeds(server.port(), TLS1_2_VERSION, TLS1_2_VERSION,
                                     "ECDHE-ECDSA-AES128-SHA256:@SECLEVEL=0"));
    // Controls: forward-secret AEAD in TLS 1.2, and TLS 1.3, are accepted.
    CHECK(tlsHandshakeSucceeds(server.port(), TLS1_2_VERSION, TLS1_2_VERSION,
                               "ECDHE-ECDSA-AES128-GCM-SHA256"));
    CHECK(tlsHandshakeSucceeds(server.port(), TLS1_3_VERSION, TLS1_3_VERSION, ""));
}

TEST_CASE("SIGTERM lets a slow in-flight request finish, then the server exits cleanly",
          "[api][foundation]") {
    TestServer server;
    Poco::Net::Context::Ptr ctx = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "",
                                                         "", Poco::Net::Context::VERIFY_NONE);
    Poco::Net::SecureStreamSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(server.port())), ctx);
    // A client that uploads its body slowly: the request is in flight when SIGTERM arrives.
    const std::string head =
        "POST /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20\r\n\r\n0123456789";
    socket.sendBytes(head.data(), static_cast<int>(head.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    server.terminate(false);
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    CHECK(server.running());  // still finishing our request
    const std::string rest = "0123456789";
    socket.sendBytes(rest.data(), static_cast<int>(rest.size()));
    char buffer[1024] = {};
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    const int n = socket.receiveBytes(buffer, sizeof buffer - 1);
    CHECK(std::string(buffer, n > 0 ? n : 0).rfind("HTTP/1.1 405", 0) == 0);
    socket.close();
    auto code = server.waitForExit();
    REQUIRE(code.has_value());
    CHECK(*code == 0);
    CHECK(server.logText().find("stopped cleanly") != std::string::npos);
}

TEST_CASE("init twice changes nothing and says so", "[api][foundation][init]") {
    TestServer server({}, false);
    const std::string key = server.dataDir() + "/master.key";
    const std::string cert = server.dataDir() + "/tls/cert.pem";
    const std::string before = fileDigest(key) + fileDigest(cert);
    auto args = server.baseArgs();
    args.insert(args.begin(), "init");
    auto [code, text] = binhan::testing::runBinhan(args);
    CHECK(code == 0);
    CHECK(text.find("nothing changed") != std::string::npos);
    CHECK(fileDigest(key) + fileDigest(cert) == before);
    server.start();
    CHECK(server.get("/healthz").status == 200);
}

TEST_CASE("init makes the data dir private", "[api][foundation][init]") {
    TestServer server({}, false);
    namespace fs = std::filesystem;
    const auto perms = [](const std::string& p) {
        return fs::status(p).permissions() & fs::perms::all;
    };
    CHECK(perms(server.dataDir()) == fs::perms::owner_all);
    CHECK(perms(server.dataDir() + "/master.key") ==
          (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(perms(server.dataDir() + "/tls/key.pem") ==
          (fs::perms::owner_read | fs::perms::owner_write));
    if (!server.onPostgreSQL())
        CHECK(perms(server.dataDir() + "/binhan.db") ==
              (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("serve refuses a database newer than the binary", "[api][foundation][schema]") {
    TestServer server({}, false);
    server.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
    auto args = server.baseArgs();
    args.insert(args.begin(), "serve");
    auto [code, text] = binhan::testing::runBinhan(args);
    CHECK(code != 0);
    CHECK(text.find("schema version 999") != std::string::npos);
}

TEST_CASE("no request body or query string reaches the log", "[api][foundation][privacy]") {
    TestServer server;
    server.get("/healthz?name=Nguyen-Thi-Hoa-QUERYMARK");
    server.request("POST", "/api/v1/openapi.json", R"({"full_name":"BODYMARK Tran Van Nam"})");
    server.get("/api/v1/cases/4242-PATHMARK");
    server.terminate(true);
    const std::string log = server.logText();
    CHECK(log.find("GET /healthz 200") != std::string::npos);
    CHECK(log.find("POST /api/v1/openapi.json 405") != std::string::npos);
    CHECK(log.find("QUERYMARK") == std::string::npos);
    CHECK(log.find("BODYMARK") == std::string::npos);
    CHECK(log.find("PATHMARK") == std::string::npos);
}
