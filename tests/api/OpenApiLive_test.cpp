// Issue 17: the OpenAPI document describes every answer the server gives. Each API test run by
// ctest records the answers it receives (TestServer.h, BINHAN_TEST_REPLY_LOG); this test, which
// ctest runs after the last of them (tests/CMakeLists.txt: a fixture's cleanup), checks them
// all against the document a server serves, with tests/openapi/validate-replies.mjs (Ajv).
// Hidden ([.]) so that a plain `api_tests` run, which records nothing, leaves it out.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "api/TestServer.h"

using namespace binhan::testing;

namespace {

// Runs `command` through the shell; its exit status and what it printed.
std::pair<int, std::string> shell(const std::string& command) {
    std::string output;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return {-1, "popen failed"};
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
    const int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace

TEST_CASE("issue 17: every answer of the API suite matches the OpenAPI document",
          "[.openapi-live]") {
    const char* dir = std::getenv("BINHAN_TEST_REPLY_LOG");
    REQUIRE(dir != nullptr);
    const std::string tools = std::string(BINHAN_SOURCE_DIR) + "/tests/openapi";
    {
        INFO("install the validator first: (cd tests/openapi && npm ci)");
        REQUIRE(std::filesystem::exists(tools + "/node_modules/ajv"));
    }

    TestServer server;
    const Reply doc = server.get("/api/v1/openapi.json");
    REQUIRE(doc.status == 200);
    const std::string documentFile = std::string(dir) + ".openapi.json";
    std::ofstream(documentFile) << doc.body;

    const auto [status, output] = shell("node " + quoted(tools + "/validate-replies.mjs") + " " +
                                        quoted(documentFile) + " " + quoted(dir));
    INFO(output);
    CHECK(status == 0);
    // Shown in ctest's log even when it passes: how many answers were checked.
    WARN(output.substr(0, output.find("\n  Operations")));
}
