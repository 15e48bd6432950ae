#include "http/HttpServer.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SecureServerSocket.h>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

namespace binhan::http {

const char* const kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

namespace {

Poco::Net::Context::Ptr tlsContext(const ServerSettings& s) {
    Poco::Net::Context::Params params;
    params.privateKeyFile = s.keyFile;
    params.certificateFile = s.certificateFile;
    params.verificationMode = Poco::Net::Context::VERIFY_NONE;
    params.loadDefaultCAs = false;
    params.cipherList = kTls12Ciphers;
    params.ecdhCurve = "X25519:P-256:P-384";
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    context->preferServerCiphers();
    SSL_CTX_set_options(context->sslContext(), SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    return context;
}

}  // namespace

HttpServer::HttpServer(const ServerSettings& settings, Dispatcher& dispatcher)
    : HttpServer(settings, new DispatcherFactory(dispatcher)) {}

HttpServer::HttpServer(const ServerSettings& settings,
                       Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
    : settings_(settings), pool_(2, settings.threads) {
    // A deep accept backlog (the kernel caps it at net.core.somaxconn): a burst of connections,
    // say one refused over its address's cap, must not push a new client's SYN out.
    Poco::Net::SecureServerSocket socket(
        Poco::Net::SocketAddress(settings.address, static_cast<Poco::UInt16>(settings.port)), 1024,
        tlsContext(settings));
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(settings.threads);
    params->setMaxQueued(settings.queue);
    params->setTimeout(Poco::Timespan(settings.receiveTimeoutSeconds, 0));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(settings.keepAliveSeconds, 0));
    params->setMaxKeepAliveRequests(1000);
    params->setServerName("");
    params->setSoftwareVersion("");
    guard_ = std::make_unique<ConnectionGuard>(
        GuardSettings{settings.maxConnectionsPerAddress, settings.requestHeadSeconds,
                      settings.keepAliveSeconds, settings.maxBody});
    server_ = std::make_unique<Poco::Net::TCPServer>(guard_->connections(params, factory), pool_,
                                                     socket, params);
    server_->setConnectionFilter(guard_->filter());
}

HttpServer::~HttpServer() {
    if (server_) stop();
}

void HttpServer::start() {
    server_->start();
}

int HttpServer::port() const {
    return server_->port();
}

void HttpServer::stop() {
    if (!server_) return;
    server_->stop();          // what HTTPServer::stopAll(false) does: stop accepting, and
    guard_->serverStopped();  // let each connection close after its current request
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(settings_.drainSeconds);
    while (server_->currentConnections() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (server_->currentConnections() > 0)
        spdlog::warn("{} connections still open after {} s; closing them",
                     server_->currentConnections(), settings_.drainSeconds);
    server_.reset();
    pool_.joinAll();
}

}  // namespace binhan::http
