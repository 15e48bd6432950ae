#include "app/Config.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/EmbeddedFile.h"

namespace binhan::app {
std::vector<core::EmbeddedFile> embeddedConfigFiles();

namespace {

using Poco::AutoPtr;
using Poco::Util::AbstractConfiguration;
using Poco::Util::MapConfiguration;
using Poco::Util::PropertyFileConfiguration;

AutoPtr<PropertyFileConfiguration> defaultsFile() {
    for (const auto& file : embeddedConfigFiles()) {
        if (file.name != "binhan.properties") continue;
        std::istringstream in(file.text);
        return new PropertyFileConfiguration(in);
    }
    throw std::logic_error("binhan.properties was not compiled in");
}

std::vector<std::string> keysOf(const AbstractConfiguration& config,
                                const std::string& prefix = "") {
    std::vector<std::string> out;
    AbstractConfiguration::Keys keys;
    config.keys(prefix, keys);
    for (const auto& key : keys) {
        const std::string full = prefix.empty() ? key : prefix + "." + key;
        if (config.hasProperty(full)) out.push_back(full);
        for (const auto& sub : keysOf(config, full)) out.push_back(sub);
    }
    return out;
}

std::string environmentName(const std::string& key) {
    std::string name = "BINHAN_";
    for (char c : key)
        name += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

}  // namespace

std::pair<std::string, std::string> splitSetting(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw std::runtime_error("--set takes key=value, got: " + text);
    return {text.substr(0, eq), text.substr(eq + 1)};
}

std::map<std::string, std::string> Config::defaults() {
    auto file = defaultsFile();
    std::map<std::string, std::string> out;
    for (const auto& key : keysOf(*file)) out[key] = file->getRawString(key);
    return out;
}

Config::Config(const ConfigSources& sources) : config_(new Poco::Util::LayeredConfiguration) {
    auto defaults = defaultsFile();
    const auto known = keysOf(*defaults);
    auto isKnown = [&](const std::string& key) {
        return std::find(known.begin(), known.end(), key) != known.end();
    };
    config_->add(AutoPtr<AbstractConfiguration>(defaults), 300);

    if (!sources.file.empty()) {
        if (!Poco::File(sources.file).exists())
            throw std::runtime_error("configuration file not found: " + sources.file);
        AutoPtr<PropertyFileConfiguration> file = new PropertyFileConfiguration(sources.file);
        for (const auto& key : keysOf(*file))
            if (!isKnown(key))
                throw std::runtime_error("unknown configuration key '" + key + "' in " +
                                         sources.file);
        config_->add(AutoPtr<AbstractConfiguration>(file), 200);
    }

    AutoPtr<MapConfiguration> environment = new MapConfiguration;
    for (const auto& key : known)
        if (const char* value = std::getenv(environmentName(key).c_str()))
            environment->setString(key, value);
    config_->add(AutoPtr<AbstractConfiguration>(environment), 100);

    AutoPtr<MapConfiguration> sets = new MapConfiguration;
    for (const auto& [key, value] : sources.sets) {
        if (!isKnown(key))
            throw std::runtime_error("unknown configuration key '" + key + "' in --set");
        sets->setString(key, value);
    }
    config_->add(AutoPtr<AbstractConfiguration>(sets), 0);
}

std::string Config::string(const std::string& key) const {
    if (key == "data.dir") return dataDir();
    return config_->getString(key);
}

int Config::integer(const std::string& key) const {
    const std::string text = config_->getString(key);
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
        return value;
    } catch (const std::exception&) {
        throw std::runtime_error("configuration key " + key + " must be a whole number, got '" +
                                 text + "'");
    }
}

std::string Config::dataDir() const {
    return Poco::Path(config_->getString("data.dir"))
        .makeAbsolute()
        .toString(Poco::Path::PATH_UNIX);
}

std::size_t Config::maxBody() const {
    const int value = integer("server.max_body");
    if (value < 1024) throw std::runtime_error("server.max_body must be at least 1024 bytes");
    return static_cast<std::size_t>(value);
}

http::ServerSettings Config::serverSettings() const {
    http::ServerSettings s;
    s.address = string("server.address");
    s.port = integer("server.port");
    if (s.port < 0 || s.port > 65535) throw std::runtime_error("server.port must be 0 to 65535");
    s.threads = integer("server.threads");
    s.queue = integer("server.queue");
    s.receiveTimeoutSeconds = integer("server.receive_timeout_seconds");
    s.maxConnectionsPerAddress = integer("server.max_connections_per_address");
    s.requestHeadSeconds = integer("server.request_head_seconds");
    if (s.requestHeadSeconds < 1)
        throw std::runtime_error("server.request_head_seconds must be at least 1");
    s.keepAliveSeconds = integer("server.keep_alive_seconds");
    s.drainSeconds = integer("server.drain_seconds");
    s.maxBody = maxBody();
    s.certificateFile = string("tls.certificate");
    s.keyFile = string("tls.key");
    if (s.threads < 1 || s.queue < 1)
        throw std::runtime_error("server.threads and server.queue must be at least 1");
    return s;
}

namespace {

// A libpq connection-string value, quoted so spaces and quotes in it are kept.
std::string conninfoValue(const std::string& value) {
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

std::string readPasswordFile(const std::string& path) {
    if (path.empty()) return "";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("store.postgresql.password_file: cannot read " + path);
    std::string password;
    std::getline(in, password);
    return password;
}

}  // namespace

store::DatabaseSettings Config::databaseSettings() const {
    store::DatabaseSettings s;
    const std::string backend = string("store.backend");
    if (backend == "postgresql") {
        s.backend = store::Backend::PostgreSQL;
        const std::string host = string("store.postgresql.host"),
                          port = string("store.postgresql.port"),
                          database = string("store.postgresql.database"),
                          user = string("store.postgresql.user"),
                          sslmode = string("store.postgresql.sslmode");
        s.connection = "host=" + conninfoValue(host) + " port=" + conninfoValue(port) +
                       " dbname=" + conninfoValue(database) + " user=" + conninfoValue(user) +
                       " sslmode=" + conninfoValue(sslmode) +
                       " application_name='binhan' connect_timeout='10'";
        s.toolConnection = s.connection;
        const std::string password = readPasswordFile(string("store.postgresql.password_file"));
        if (!password.empty()) s.connection += " password=" + conninfoValue(password);
        s.password = password;
        s.description = "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    } else if (backend != "sqlite") {
        throw std::runtime_error("store.backend must be sqlite or postgresql");
    }
    s.path = s.backend == store::Backend::SQLite ? string("store.path") : "";
    s.readers = integer("store.readers");
    s.busyTimeoutMs = integer("store.busy_timeout_ms");
    s.groupWaitMicros = integer("store.group_commit_wait_us");
    const int reserveMb = integer("store.reserve_mb");
    if (reserveMb < 0) throw std::runtime_error("store.reserve_mb must be 0 or more");
    s.reserveBytes = static_cast<std::uint64_t>(reserveMb) * 1024 * 1024;
    if (s.readers < 1) throw std::runtime_error("store.readers must be at least 1");
    return s;
}

}  // namespace binhan::app
