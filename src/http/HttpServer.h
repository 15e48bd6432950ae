#pragma once
// The HTTPS listener (DESIGN.md §3 "Transport"): TLS 1.2 and 1.3 only, forward-secret AEAD
// suites only, HTTP/1.1 keep-alive, a bounded thread pool and queue. Plain HTTP is not served.
// Slow and idle clients are bounded by a ConnectionGuard (a cap per client address, a deadline
// for the TLS handshake and request head). stop() stops accepting and lets in-flight requests
// finish (bounded by drainSeconds).
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <memory>
#include <string>

#include "http/ConnectionGuard.h"
#include "http/Dispatcher.h"

namespace binhan::http {

struct ServerSettings {
    std::string address = "127.0.0.1";
    int port = 8443;
    int threads = 384;                  // connection threads (one per open connection)
    int queue = 64;                     // accepted connections waiting for a thread
    int receiveTimeoutSeconds = 10;     // a client that sends nothing for this long is dropped
    int maxConnectionsPerAddress = 32;  // open connections from one client address; 0: no cap
    int requestHeadSeconds = 10;        // to finish the TLS handshake and send a request head
    int keepAliveSeconds = 10;
    int drainSeconds = 30;              // longest wait for in-flight requests on stop
    std::size_t maxBody = 1024 * 1024;  // bytes of a request body; over it 413 after the head
    std::string certificateFile;
    std::string keyFile;
};

// The TLS 1.2 suites allowed (Mozilla "intermediate"); TLS 1.3 suites are all AEAD.
extern const char* const kTls12Ciphers;

class HttpServer {
  public:
    // Throws Poco::Exception when the certificate cannot be loaded or the address is taken.
    HttpServer(const ServerSettings& settings, Dispatcher& dispatcher);
    // The same listener (TLS, threads, keep-alive) around any handler factory: ops/bench's bare
    // server measures the framework's ceiling with it.
    HttpServer(const ServerSettings& settings, Poco::Net::HTTPRequestHandlerFactory::Ptr factory);
    ~HttpServer();

    void start();
    // Stops accepting, waits for in-flight requests up to drainSeconds, then closes.
    void stop();
    int port() const;

  private:
    ServerSettings settings_;
    Poco::ThreadPool pool_;
    std::unique_ptr<ConnectionGuard> guard_;  // outlives server_ and its connections
    std::unique_ptr<Poco::Net::TCPServer> server_;
};

}  // namespace binhan::http
