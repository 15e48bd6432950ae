#include "app/Config.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace binhan::app;
namespace fs = std::filesystem;

TEST_CASE("defaults come from config/binhan.properties", "[app][config]") {
    Config config({});
    CHECK(config.integer("server.port") == 8443);
    CHECK(config.string("server.address") == "127.0.0.1");
    CHECK(config.maxBody() == 1048576);
    CHECK(config.string("commune.code") == "HP");
}

TEST_CASE("file, environment and --set override in that order", "[app][config]") {
    const std::string file = (fs::temp_directory_path() / "binhan-config-test.properties").string();
    std::ofstream(file) << "server.port = 9000\nserver.threads = 3\nserver.queue = 5\n";
    ::setenv("BINHAN_SERVER_THREADS", "7", 1);
    ::setenv("BINHAN_SERVER_QUEUE", "9", 1);
    Config config({file, {{"server.queue", "11"}, {"data.dir", "/srv/binhan"}}});
    CHECK(config.integer("server.port") == 9000);     // file over default
    CHECK(config.integer("server.threads") == 7);     // environment over file
    CHECK(config.integer("server.queue") == 11);      // --set over environment
    CHECK(config.string("store.path") == "/srv/binhan/binhan.db");  // ${data.dir} expands
    ::unsetenv("BINHAN_SERVER_THREADS");
    ::unsetenv("BINHAN_SERVER_QUEUE");
    fs::remove(file);
}

TEST_CASE("unknown keys and malformed values are refused with the key's name", "[app][config]") {
    CHECK_THROWS_WITH(Config({"", {{"server.prot", "1"}}}), Catch::Contains("server.prot"));
    CHECK_THROWS_WITH(Config({"/no/such/file.properties", {}}), Catch::Contains("not found"));
    Config config({"", {{"server.port", "eighty"}}});
    CHECK_THROWS_WITH(config.integer("server.port"), Catch::Contains("server.port"));
    CHECK_THROWS(splitSetting("novalue"));
}

TEST_CASE("every configuration key is documented by a comment above it", "[app][config]") {
    std::ifstream in(std::string(BINHAN_SOURCE_DIR) + "/config/binhan.properties");
    // A key line must follow a comment, directly or through keys of the same group.
    std::string line;
    bool documented = false;
    int keys = 0;
    while (std::getline(in, line)) {
        if (line.empty()) {
            documented = false;
        } else if (line[0] == '#') {
            documented = true;
        } else {
            ++keys;
            INFO(line);
            CHECK(documented);
        }
    }
    CHECK(keys == static_cast<int>(Config::defaults().size()));
}
