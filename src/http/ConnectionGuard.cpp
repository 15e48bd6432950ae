#include "http/ConnectionGuard.h"

#include "http/BodyPlan.h"

#include "http/HttpConnection.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <memory>

namespace binhan::http {
namespace {

using Clock = std::chrono::steady_clock;

// The connection this thread serves, so the handler factory can tell the guard a head arrived.
thread_local ConnectionGuard::Tracked* tlsConnection = nullptr;

class AddressCap : public Poco::Net::TCPServerConnectionFilter {
  public:
    explicit AddressCap(ConnectionGuard& guard) : guard_(guard) {}
    bool accept(const Poco::Net::StreamSocket& socket) override {
        try {
            return guard_.underCap(socket.peerAddress().host().toString());
        } catch (const Poco::Exception&) {
            return false;  // already gone
        }
    }

  private:
    ConnectionGuard& guard_;
};

// Busy from its creation (the head has been read) until its answer is done.
class GuardedHandler : public Poco::Net::HTTPRequestHandler {
  public:
    GuardedHandler(Poco::Net::HTTPRequestHandler* inner, ConnectionGuard& guard,
                   ConnectionGuard::Tracked* tracked)
        : inner_(inner), guard_(guard), tracked_(tracked) {
        if (tracked_) guard_.markBusy(*tracked_, true);
    }
    ~GuardedHandler() override {
        if (tracked_) guard_.markBusy(*tracked_, false);
    }
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        inner_->handleRequest(request, response);
    }

  private:
    std::unique_ptr<Poco::Net::HTTPRequestHandler> inner_;
    ConnectionGuard& guard_;
    ConnectionGuard::Tracked* tracked_;
};

class GuardedHandlers : public Poco::Net::HTTPRequestHandlerFactory, public BodyPlanner {
  public:
    BodyPlan bodyPlanFor(const std::string& method, const std::string& path) const override {
        const auto* planner = dynamic_cast<const BodyPlanner*>(inner_.get());
        return planner ? planner->bodyPlanFor(method, path) : BodyPlan{};
    }
    GuardedHandlers(Poco::Net::HTTPRequestHandlerFactory::Ptr inner, ConnectionGuard& guard)
        : inner_(std::move(inner)), guard_(guard) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override {
        Poco::Net::HTTPRequestHandler* handler = inner_->createRequestHandler(request);
        return handler ? new GuardedHandler(handler, guard_, tlsConnection) : nullptr;
    }
    void stopped() {
        const bool abortCurrent = false;
        serverStopped(this, abortCurrent);
    }

  private:
    Poco::Net::HTTPRequestHandlerFactory::Ptr inner_;
    ConnectionGuard& guard_;
};

class GuardedConnection : public HttpConnection {
  public:
    GuardedConnection(const Poco::Net::StreamSocket& socket,
                      Poco::Net::HTTPServerParams::Ptr params,
                      Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, ConnectionGuard& guard,
                      std::size_t maxBody)
        : HttpConnection(socket, params, handlers, maxBody), guard_(guard) {
        tracked_.socket = socket;
        try {
            tracked_.address = socket.peerAddress().host().toString();
            guard_.admit(tracked_);
        } catch (const Poco::Exception&) {  // the client has gone already
        }
    }
    ~GuardedConnection() override { guard_.release(tracked_); }

    void run() override {
        if (!tracked_.admitted) return;  // over its address's cap: closed unanswered
        tlsConnection = &tracked_;
        try {
            HttpConnection::run();
        } catch (const Poco::Exception&) {
            tlsConnection = nullptr;
            if (!guard_.wasCut(tracked_)) throw;  // cut by the watchdog: expected, not logged
        }
        tlsConnection = nullptr;
    }

  private:
    ConnectionGuard& guard_;
    ConnectionGuard::Tracked tracked_;
};

class GuardedConnections : public Poco::Net::TCPServerConnectionFactory {
  public:
    GuardedConnections(Poco::Net::HTTPServerParams::Ptr params,
                       Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, ConnectionGuard& guard)
        : params_(std::move(params)), handlers_(std::move(handlers)), guard_(guard) {}
    Poco::Net::TCPServerConnection* createConnection(
        const Poco::Net::StreamSocket& socket) override {
        return new GuardedConnection(socket, params_, handlers_, guard_, guard_.maxBody());
    }

  private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
    ConnectionGuard& guard_;
};

}  // namespace

ConnectionGuard::ConnectionGuard(const GuardSettings& settings)
    : settings_(settings), watchdog_([this] { watch(); }) {}

ConnectionGuard::~ConnectionGuard() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    watchdog_.join();
}

Poco::Net::TCPServerConnectionFilter::Ptr ConnectionGuard::filter() {
    return new AddressCap(*this);
}

Poco::Net::TCPServerConnectionFactory::Ptr ConnectionGuard::connections(
    Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers) {
    handlers_ = new GuardedHandlers(std::move(handlers), *this);
    return new GuardedConnections(std::move(params), handlers_, *this);
}

void ConnectionGuard::serverStopped() {
    if (auto* handlers = dynamic_cast<GuardedHandlers*>(handlers_.get())) handlers->stopped();
}

bool ConnectionGuard::atCap(const std::string& address) const {
    if (settings_.perAddress <= 0) return false;
    const auto it = open_.find(address);
    return it != open_.end() && it->second >= settings_.perAddress;
}

bool ConnectionGuard::underCap(const std::string& address) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!atCap(address)) return true;
    ++refused_;
    return false;
}

bool ConnectionGuard::admit(Tracked& t) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (atCap(t.address)) {
        ++refused_;
        return false;
    }
    ++open_[t.address];
    t.admitted = true;
    t.deadline = Clock::now() + std::chrono::seconds(settings_.headSeconds);
    tracked_.insert(&t);
    return true;
}

void ConnectionGuard::release(Tracked& t) {
    std::lock_guard<std::mutex> lock(mutex_);
    tracked_.erase(&t);
    if (!t.admitted) return;
    t.admitted = false;
    if (--open_[t.address] <= 0) open_.erase(t.address);
}

void ConnectionGuard::markBusy(Tracked& t, bool busy) {
    std::lock_guard<std::mutex> lock(mutex_);
    t.busy = busy;
    if (!busy)
        t.deadline =
            Clock::now() + std::chrono::seconds(settings_.keepAliveSeconds + settings_.headSeconds);
}

bool ConnectionGuard::wasCut(const Tracked& t) {
    std::lock_guard<std::mutex> lock(mutex_);
    return t.cut;
}

void ConnectionGuard::watch() {
    std::unique_lock<std::mutex> lock(mutex_);
    auto lastLog = Clock::now() - std::chrono::minutes(1);
    while (!stopping_) {
        wake_.wait_for(lock, std::chrono::milliseconds(250));
        const auto now = Clock::now();
        for (Tracked* t : tracked_) {
            if (t->busy || t->cut || now < t->deadline) continue;
            // The socket is still open while tracked (a closed one reads as invalid): shutting
            // it down wakes the thread blocked on it, which then ends the connection.
            const auto fd = t->socket.impl()->sockfd();
            if (fd != POCO_INVALID_SOCKET) ::shutdown(fd, SHUT_RDWR);
            t->cut = true;
            ++cut_;
        }
        if ((refused_ > 0 || cut_ > 0) && now - lastLog >= std::chrono::minutes(1)) {
            spdlog::warn(
                "slow or crowding clients: {} connections refused (over {} from one "
                "address), {} cut (no request within {} s)",
                refused_, settings_.perAddress, cut_, settings_.headSeconds);
            refused_ = cut_ = 0;
            lastLog = now;
        }
    }
}

}  // namespace binhan::http
