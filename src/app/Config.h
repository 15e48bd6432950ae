#pragma once
// Configuration (DESIGN.md §4): the defaults compiled in from config/binhan.properties, then an
// optional --config file, then BINHAN_* environment variables, then --set key=value, each layer
// stronger than the one before. Typed settings for the lower layers are read from it here, so
// no layer below src/app depends on Poco::Util.
#include <Poco/AutoPtr.h>
#include <Poco/Util/LayeredConfiguration.h>

#include <map>
#include <string>
#include <vector>

#include "http/HttpServer.h"
#include "store/Database.h"

namespace binhan::app {

struct ConfigSources {
    std::string file;                                       // --config, may be empty
    std::vector<std::pair<std::string, std::string>> sets;  // --set, in order
};

class Config {
  public:
    // Throws std::runtime_error with a readable message for a missing or malformed file, an
    // unknown key in --set, --config or the environment, or a value of the wrong type.
    explicit Config(const ConfigSources& sources);

    std::string string(const std::string& key) const;
    int integer(const std::string& key) const;
    // data.dir as an absolute path.
    std::string dataDir() const;

    http::ServerSettings serverSettings() const;
    store::DatabaseSettings databaseSettings() const;
    std::size_t maxBody() const;

    // The keys and defaults compiled into the binary (for --help and the docs test).
    static std::map<std::string, std::string> defaults();

  private:
    Poco::AutoPtr<Poco::Util::LayeredConfiguration> config_;
};

// Splits "key=value"; throws std::runtime_error when there is no '='.
std::pair<std::string, std::string> splitSetting(const std::string& text);

}  // namespace binhan::app
