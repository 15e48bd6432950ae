#include "app/ServeCommand.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "app/Notifications.h"
#include "http/Routes.h"

#ifndef BINHAN_VERSION
#define BINHAN_VERSION "dev"
#endif
#ifndef BINHAN_DEFAULT_WEB_ROOT
#define BINHAN_DEFAULT_WEB_ROOT "/usr/share/binhan/web"
#endif

namespace binhan::app {

ServeCommand::ServeCommand(const Config& config) {
    runtime_ = std::make_unique<Runtime>(config);
    checkpointer_ = std::make_unique<service::AuditCheckpointer>(
        runtime_->auditLog(), runtime_->clock(),
        service::CheckpointSettings{config.string("audit.checkpoints_file"),
                                    config.string("audit.signing_key"),
                                    config.integer("audit.checkpoint_entries"),
                                    config.integer("audit.checkpoint_minutes")});
    metrics_.addSource([db = &runtime_->database()] { return db->metricsText(); });

    std::string webRoot = config.string("web.root");
    web_ = std::make_unique<http::StaticFiles>(webRoot.empty() ? BINHAN_DEFAULT_WEB_ROOT : webRoot);
    auto wiring = notificationWiring(config);
    notifications_ = std::make_unique<service::NotificationService>(
        runtime_->notices(), runtime_->clock(), wiring.service);
    streams_ =
        std::make_unique<http::NotificationStreams>(wiring.maxStreams, 3, wiring.streamSeconds);
    notifier_ = std::make_unique<service::NotificationDispatcher>(
        runtime_->notices(), runtime_->caseRecords(), runtime_->clock(), wiring.dispatcher,
        wiring.channels);
    http::RouteContext context{metrics_,
                               *web_,
                               BINHAN_VERSION,
                               runtime_->identity(),
                               runtime_->users(),
                               runtime_->cases(),
                               runtime_->audit(),
                               runtime_->workflow(),
                               runtime_->erasure(),
                               runtime_->exports(),
                               runtime_->reports(),
                               runtime_->attachments(),
                               runtime_->earlier(),
                               *notifications_,
                               *streams_};
    router_ = std::make_unique<http::Router>(http::buildRoutes(context));
    dispatcher_ = std::make_unique<http::Dispatcher>(*router_, metrics_, runtime_->identity(),
                                                     runtime_->audit());
    const auto serverSettings = config.serverSettings();
    address_ = serverSettings.address;
    server_ = std::make_unique<http::HttpServer>(serverSettings, *dispatcher_);
}

ServeCommand::~ServeCommand() {
    stop();
}

void ServeCommand::start() {
    // Search terms written before they knew their field match nobody until re-indexed (009).
    if (const int reindexed = runtime_->cases().reindexSearchTerms())
        spdlog::info("re-indexed the search terms of {} case(s)", reindexed);
    checkpointer_->start();
    runtime_->retention().start();  // now, then daily: closed cases past their retention
    notifier_->start();
    server_->start();
    spdlog::info("serving {}", url());
}

void ServeCommand::stop() {
    if (streams_) streams_->closeAll();  // open bell streams end within a second
    if (server_) {
        spdlog::info("stopping: finishing requests in flight");
        server_->stop();
        server_.reset();
    }
    if (notifier_) notifier_->stop();
    if (runtime_) runtime_->retention().stop();
    if (checkpointer_) {
        checkpointer_->stop();  // signs a last checkpoint over everything written
        checkpointer_.reset();
    }
    if (runtime_) {
        dispatcher_.reset();
        router_.reset();
        notifier_.reset();
        notifications_.reset();
        runtime_.reset();
        spdlog::info("database closed; stopped cleanly");
    }
}

std::string ServeCommand::url() const {
    const std::string host =
        address_ == "0.0.0.0" || address_ == "127.0.0.1" ? "localhost" : address_;
    return "https://" + host + ":" + std::to_string(server_->port()) + "/";
}

}  // namespace binhan::app
