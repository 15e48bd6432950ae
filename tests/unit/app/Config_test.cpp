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
    CHECK(config.integer("server.port") == 9000);                   // file over default
    CHECK(config.integer("server.threads") == 7);                   // environment over file
    CHECK(config.integer("server.queue") == 11);                    // --set over environment
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

TEST_CASE("store.backend = postgresql builds a connection string, the password comes from its file",
          "[app][config][postgresql]") {
    CHECK(Config({}).databaseSettings().backend == binhan::store::Backend::SQLite);
    const std::string secret = (fs::temp_directory_path() / "binhan-pg-password").string();
    std::ofstream(secret) << "p'ss w\\rd\nignored second line\n";
    Config config({"",
                   {{"store.backend", "postgresql"},
                    {"store.postgresql.host", "db.tinh.local"},
                    {"store.postgresql.database", "binhan tinh"},
                    {"store.postgresql.password_file", secret},
                    {"store.postgresql.sslmode", "verify-full"}}});
    const auto settings = config.databaseSettings();
    CHECK(settings.backend == binhan::store::Backend::PostgreSQL);
    CHECK(settings.path.empty());
    // Values quoted for libpq, so a space or a quote in one cannot add another keyword.
    CHECK_THAT(settings.connection, Catch::Contains("host='db.tinh.local'") &&
                                        Catch::Contains("dbname='binhan tinh'") &&
                                        Catch::Contains("sslmode='verify-full'") &&
                                        Catch::Contains("password='p\\'ss w\\\\rd'"));
    CHECK_THAT(settings.connection, !Catch::Contains("ignored"));
    // What messages and logs may show names the place, never the password.
    CHECK(settings.description == "postgresql://binhan@db.tinh.local:5432/binhan tinh");
    fs::remove(secret);

    CHECK_THROWS_WITH(Config({"", {{"store.backend", "mysql"}}}).databaseSettings(),
                      Catch::Contains("store.backend"));
    CHECK_THROWS_WITH(Config({"",
                              {{"store.backend", "postgresql"},
                               {"store.postgresql.password_file", "/no/such/password"}}})
                          .databaseSettings(),
                      Catch::Contains("password_file"));
}
