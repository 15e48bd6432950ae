#pragma once
// `binhan serve`: wires the layers together (store → service → http) and serves HTTPS until
// stopped. Refuses to start on a data dir that `binhan init` has not prepared.
#include <memory>
#include <string>

#include "app/Config.h"
#include "app/Runtime.h"
#include "http/Dispatcher.h"
#include "http/HttpServer.h"
#include "http/Metrics.h"
#include "http/NotificationHandlers.h"
#include "http/Router.h"
#include "http/StaticFiles.h"
#include "service/AuditCheckpointer.h"
#include "service/NotificationDispatcher.h"
#include "service/NotificationService.h"

namespace binhan::app {

class ServeCommand {
  public:
    // Opens and migrates the database and binds the port; throws with a readable message.
    explicit ServeCommand(const Config& config);
    ~ServeCommand();

    void start();
    // Stops accepting, finishes in-flight requests, closes the database.
    void stop();
    std::string url() const;

  private:
    std::string address_;
    std::unique_ptr<Runtime> runtime_;
    http::Metrics metrics_;
    std::unique_ptr<http::StaticFiles> web_;
    std::unique_ptr<http::Router> router_;
    std::unique_ptr<http::Dispatcher> dispatcher_;
    std::unique_ptr<http::HttpServer> server_;
    std::unique_ptr<service::AuditCheckpointer> checkpointer_;
    // Issue 22: the bell's service, its live streams, and the sender of the outbox.
    std::unique_ptr<service::NotificationService> notifications_;
    std::unique_ptr<http::NotificationStreams> streams_;
    std::unique_ptr<service::NotificationDispatcher> notifier_;
};

}  // namespace binhan::app
