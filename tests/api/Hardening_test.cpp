// Issue 17: clean answers to bad requests, from outside. Ids that are not positive ids are 404
// on every route (not a 503 from an audit entry naming case -1); filters take only their
// enumerations; a JSON body must say it is JSON; control characters never reach an HTML page
// raw; /metrics takes label values from closed sets only and parses as the Prometheus text
// format (checked with the Debian package python3-prometheus-client's parser).
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

#include "api/TestServer.h"
#include "api/WorkflowClient.h"
#include "fixtures/people.h"

using binhan::testing::jsonField;
using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;

namespace {

// Parses `text` with prometheus_client's exposition-format parser; "" when it parses, else the
// parser's complaint. Prints every label set, one a line, after "ok".
std::string prometheusParse(const std::string& text, std::string& labels) {
    const char* script =
        "import sys\n"
        "from prometheus_client.parser import text_string_to_metric_families\n"
        "out = []\n"
        "for family in text_string_to_metric_families(sys.stdin.read()):\n"
        "    for s in family.samples:\n"
        "        out.append(repr(sorted(s.labels.items())))\n"
        "print('ok')\n"
        "print('\\n'.join(out))\n";
    Poco::Pipe in, out;
    Poco::ProcessHandle handle =
        Poco::Process::launch("/usr/bin/python3", {"-c", script}, &in, &out, &out);
    Poco::PipeOutputStream toChild(in);
    toChild << text;
    toChild.close();
    Poco::PipeInputStream fromChild(out);
    std::string result;
    Poco::StreamCopier::copyToString(fromChild, result);
    const int code = handle.wait();
    if (code == 0 && result.rfind("ok\n", 0) == 0) {
        labels = result.substr(3);
        return "";
    }
    return result.empty() ? "exit " + std::to_string(code) : result;
}

}  // namespace

TEST_CASE("issue 17: an id that is not a positive id is a 404 on every case route",
          "[api][hardening]") {
    TestServer server;
    const Login hoa = server.addUser("canbo.hoa", "union");
    for (const char* id : {"-1", "0", "abc", "99999999999999999999", "1e3", "+1", "%2D1"}) {
        INFO(id);
        CHECK(server.call(hoa, "GET", std::string("/api/v1/cases/") + id).status == 404);
        CHECK(server.call(hoa, "GET", std::string("/api/v1/cases/") + id + "/events").status ==
              404);
        CHECK(server
                  .call(hoa, "POST", std::string("/api/v1/cases/") + id + "/close",
                        R"({"reason":"x"})")
                  .status == 404);
    }
    CHECK(server.logText().find("could not be written") == std::string::npos);
}

TEST_CASE("issue 17: filters take only their values, JSON bodies must say they are JSON",
          "[api][hardening]") {
    TestServer server;
    const Login hoa = server.addUser("canbo.hoa", "union");
    for (const char* filter : {"status=bogus", "stage=none", "risk=extreme"}) {
        INFO(filter);
        Reply r = server.call(hoa, "GET", std::string("/api/v1/cases?") + filter);
        CHECK(r.status == 400);
        CHECK(r.body.find(std::string(R"("field":")") +
                          std::string(filter).substr(0, std::string(filter).find('='))) !=
              std::string::npos);
    }
    CHECK(server.call(hoa, "GET", "/api/v1/cases?status=open&risk=high").status == 200);
    Reply plain =
        server.request("POST", "/api/v1/cases", binhan::fixtures::adultCaseJson(),
                       {{"Authorization", "Bearer " + hoa.token}, {"Content-Type", "text/plain"}});
    CHECK(plain.status == 415);
    CHECK(jsonField(plain.body, "code") == "unsupported_media_type");
    Reply form = server.request("POST", "/api/v1/cases", "a=b",
                                {{"Authorization", "Bearer " + hoa.token},
                                 {"Content-Type", "application/x-www-form-urlencoded"}});
    CHECK(form.status == 415);
    Reply json = server.request("POST", "/api/v1/cases", binhan::fixtures::adultCaseJson(),
                                {{"Authorization", "Bearer " + hoa.token},
                                 {"Content-Type", "application/json; charset=utf-8"}});
    CHECK(json.status == 201);
}

TEST_CASE("issue 17: a control character in a note never reaches the printable export raw",
          "[api][hardening]") {
    TestServer server;
    const Login hoa = server.addUser("canbo.hoa", "union");
    const std::string path = binhan::testing::openCasePath(server, hoa);
    Reply note = server.call(hoa, "POST", path + "/events",
                             R"({"type":"note","details":{"text":"a\u0000b\u001bc"}})");
    REQUIRE(note.status == 201);
    Reply html = server.call(hoa, "GET", path + "/export?format=html");
    REQUIRE(html.status == 200);
    CHECK(html.body.find('\0') == std::string::npos);
    CHECK(html.body.find('\x1b') == std::string::npos);
    Reply json = server.call(hoa, "GET", path + "/export");
    CHECK(json.body.find('\0') == std::string::npos);  // JSON escapes it (\u0000)
}

TEST_CASE("issue 17: /metrics labels come from closed sets and the text parses",
          "[api][hardening][metrics]") {
    TestServer server;
    for (const char* method : {"GE\"T", "FOO", "BREW", "M,x=\"1\""})
        server.request(method, "/api/v1/cases/1");
    server.request("GET", "/no/such/path/123456");
    Reply metrics = server.get("/metrics");
    REQUIRE(metrics.status == 200);
    std::string labels;
    const std::string complaint = prometheusParse(metrics.body, labels);
    INFO(metrics.body);
    CHECK(complaint.empty());
    CHECK(labels.find("('method', 'other')") != std::string::npos);
    for (const char* injected : {"GE\"T", "FOO", "BREW", "x=", "123456"}) {
        INFO(injected);
        CHECK(metrics.body.find(injected) == std::string::npos);
    }
}
