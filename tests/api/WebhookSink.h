#pragma once
// A tiny HTTPS server on loopback that receives webhook POSTs, for tests of the notifications
// the server sends: it answers 200 "ok" and records the call, or, while down, answers 503 and
// records only that an attempt was made (a receiver that is out, for retry tests).
//
// Poco's HTTPServer runs the requests on its default thread pool; what they touch is shared
// with them and outlives the sink, so a request still in flight at the destructor is harmless.
// Every public method is thread-safe.
#include <Poco/Net/HTTPServer.h>

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace binhan::testing {

struct WebhookCall {
    std::string method;
    std::string path;                            // the request target without its query
    std::map<std::string, std::string> headers;  // names lower-cased; repeats joined by ", "
    std::string body;
};

class WebhookSink {
  public:
    // HTTPS on 127.0.0.1 on a free port, with the PEM certificate and key given. Throws when the
    // files cannot be loaded or the socket cannot be bound.
    WebhookSink(const std::string& certificateFile, const std::string& keyFile);
    // Stops the server and aborts the connections still open.
    ~WebhookSink();
    WebhookSink(const WebhookSink&) = delete;
    WebhookSink& operator=(const WebhookSink&) = delete;

    int port() const { return port_; }
    // "https://localhost:<port>/hook" (the test certificate names localhost).
    std::string url() const;
    // The calls answered 200, oldest first.
    std::vector<WebhookCall> calls() const;
    // Waits until at least `count` calls were answered 200 or `timeoutMs` passes; returns
    // calls() either way (the caller checks the count).
    std::vector<WebhookCall> waitFor(std::size_t count, int timeoutMs);
    // While down, every request is answered 503 and not recorded as a call.
    void setDown(bool down);
    // Every request received so far, up or down.
    int attempts() const;

    struct State;  // what the request handlers share with the sink (WebhookSink.cpp)

  private:
    std::shared_ptr<State> state_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    int port_ = 0;
};

}  // namespace binhan::testing
