#include "app/ServeCommand.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <stdexcept>

#include "crypto/KeyRingFile.h"
#include "crypto/SecureRandom.h"
#include "http/Routes.h"
#include "store/Migrator.h"

#ifndef BINHAN_VERSION
#define BINHAN_VERSION "dev"
#endif
#ifndef BINHAN_DEFAULT_WEB_ROOT
#define BINHAN_DEFAULT_WEB_ROOT "/usr/share/binhan/web"
#endif

namespace binhan::app {

ServeCommand::ServeCommand(const Config& config) {
    namespace fs = std::filesystem;
    const auto dbSettings = config.databaseSettings();
    if (!fs::exists(dbSettings.path))
        throw std::runtime_error("no database at " + dbSettings.path +
                                 "; run: binhan init --set data.dir=" + config.dataDir());
    crypto::initialiseCrypto();
    crypto::KeyRingFile::load(config.string("keys.master_key_file"));
    db_ = std::make_unique<store::Database>(dbSettings);
    const int applied = store::Migrator(store::embeddedSchemaFiles()).migrate(*db_);
    if (applied > 0) spdlog::info("applied {} database migration(s)", applied);

    std::string webRoot = config.string("web.root");
    web_ = std::make_unique<http::StaticFiles>(webRoot.empty() ? BINHAN_DEFAULT_WEB_ROOT : webRoot);
    http::RouteContext context{metrics_, *web_, BINHAN_VERSION};
    router_ = std::make_unique<http::Router>(http::buildRoutes(context));
    dispatcher_ = std::make_unique<http::Dispatcher>(*router_, metrics_,
                                                     http::DispatcherSettings{config.maxBody()});
    const auto serverSettings = config.serverSettings();
    address_ = serverSettings.address;
    server_ = std::make_unique<http::HttpServer>(serverSettings, *dispatcher_);
}

ServeCommand::~ServeCommand() { stop(); }

void ServeCommand::start() {
    server_->start();
    spdlog::info("serving {}", url());
}

void ServeCommand::stop() {
    if (server_) {
        spdlog::info("stopping: finishing requests in flight");
        server_->stop();
        server_.reset();
    }
    if (db_) {
        db_.reset();
        spdlog::info("database closed; stopped cleanly");
    }
}

std::string ServeCommand::url() const {
    const std::string host = address_ == "0.0.0.0" || address_ == "127.0.0.1" ? "localhost" : address_;
    return "https://" + host + ":" + std::to_string(server_->port()) + "/";
}

}  // namespace binhan::app
