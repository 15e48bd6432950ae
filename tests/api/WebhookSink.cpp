#include "api/WebhookSink.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace binhan::testing {

struct WebhookSink::State {
    std::atomic<bool> down{false};
    std::atomic<int> attempts{0};
    mutable std::mutex mutex;
    std::condition_variable arrived;
    std::vector<WebhookCall> calls;  // GUARDED_BY(mutex)

    void record(WebhookCall call) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            calls.push_back(std::move(call));
        }
        arrived.notify_all();
    }
};

namespace {

struct SslInit {
    SslInit() { Poco::Net::initializeSSL(); }
    ~SslInit() { Poco::Net::uninitializeSSL(); }
};

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

WebhookCall callOf(Poco::Net::HTTPServerRequest& request) {
    WebhookCall call;
    call.method = request.getMethod();
    call.path = request.getURI().substr(0, request.getURI().find('?'));
    for (const auto& [name, value] : request) {
        auto& joined = call.headers[lower(name)];
        joined += (joined.empty() ? "" : ", ") + value;
    }
    Poco::StreamCopier::copyToString(request.stream(), call.body);
    return call;
}

// Answers every request: 200 "ok" and recorded while up, 503 while down; counts them all.
class Hook : public Poco::Net::HTTPRequestHandler {
  public:
    explicit Hook(std::shared_ptr<WebhookSink::State> state) : state_(std::move(state)) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        WebhookCall call = callOf(request);
        ++state_->attempts;
        const bool up = !state_->down;
        if (up) state_->record(std::move(call));  // before answering: visible once it returns
        const std::string body = up ? "ok" : "down";
        response.setStatus(up ? Poco::Net::HTTPResponse::HTTP_OK
                              : Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
        response.setContentType("text/plain");
        response.sendBuffer(body.data(), body.size());
    }

  private:
    std::shared_ptr<WebhookSink::State> state_;
};

class HookFactory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit HookFactory(std::shared_ptr<WebhookSink::State> state) : state_(std::move(state)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new Hook(state_);
    }

  private:
    std::shared_ptr<WebhookSink::State> state_;
};

}  // namespace

WebhookSink::WebhookSink(const std::string& certificateFile, const std::string& keyFile)
    : state_(std::make_shared<State>()) {
    static SslInit ssl;
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, keyFile, certificateFile, "",
                               Poco::Net::Context::VERIFY_NONE);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, context);
    port_ = socket.address().port();
    server_ = std::make_unique<Poco::Net::HTTPServer>(new HookFactory(state_), socket,
                                                      new Poco::Net::HTTPServerParams);
    server_->start();
}

WebhookSink::~WebhookSink() {
    server_->stopAll(true);
}

std::string WebhookSink::url() const {
    return "https://localhost:" + std::to_string(port_) + "/hook";
}

std::vector<WebhookCall> WebhookSink::calls() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->calls;
}

std::vector<WebhookCall> WebhookSink::waitFor(std::size_t count, int timeoutMs) {
    std::unique_lock<std::mutex> lock(state_->mutex);
    state_->arrived.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                             [&] { return state_->calls.size() >= count; });
    return state_->calls;
}

void WebhookSink::setDown(bool down) {
    state_->down = down;
}

int WebhookSink::attempts() const {
    return state_->attempts;
}

}  // namespace binhan::testing
