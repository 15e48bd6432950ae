#pragma once
// Keeps slow and idle clients from holding the server (issue 10). Poco's HTTP server gives each
// connection a thread for as long as it lasts, and its receive timeout restarts at every byte, so
// a few hundred connections that trickle a byte every few seconds (or never finish their TLS
// handshake) would hold every thread. The guard bounds that:
// - at most `perAddress` open connections from one client address: more are closed as they
//   are accepted (TCPServerConnectionFilter), or as they reach a thread when a burst got past;
// - a deadline to deliver a request head, TLS handshake included: `headSeconds` from when the
//   connection was taken up, or keep-alive plus `headSeconds` from its last answer. Past it a
//   watchdog thread shuts the socket down, which frees the thread blocked on it.
// The request body is bounded by the receive timeout and server.max_body only.
//
// Thread-safe: the filter runs on the acceptor thread, connections on the pool's threads, the
// watchdog on its own; all share the table below under one mutex.
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace binhan::http {

struct GuardSettings {
    int perAddress = 8;         // open connections allowed from one client address
    int headSeconds = 10;       // to deliver a request head (and the TLS handshake before it)
    int keepAliveSeconds = 10;  // an idle keep-alive wait, added to headSeconds after an answer
    std::size_t maxBody = 1024 * 1024;  // bytes of a request body (http/Framing.h)
};

class ConnectionGuard {
  public:
    explicit ConnectionGuard(const GuardSettings& settings);
    std::size_t maxBody() const { return settings_.maxBody; }
    ~ConnectionGuard();  // stops the watchdog; every connection must be gone by then
    ConnectionGuard(const ConnectionGuard&) = delete;
    ConnectionGuard& operator=(const ConnectionGuard&) = delete;

    // For TCPServer::setConnectionFilter: refuses an address already at its cap.
    Poco::Net::TCPServerConnectionFilter::Ptr filter();
    // Makes HTTP connections that the guard counts and times, serving `handlers` (wrapped so the
    // guard knows when a request head has arrived and when its answer is done).
    Poco::Net::TCPServerConnectionFactory::Ptr connections(
        Poco::Net::HTTPServerParams::Ptr params,
        Poco::Net::HTTPRequestHandlerFactory::Ptr handlers);
    // Tells every connection the server is stopping (what HTTPServer::stopAll does): each
    // closes after the request it is serving.
    void serverStopped();

    // One connection as the guard sees it; public for the classes in ConnectionGuard.cpp.
    struct Tracked {
        Poco::Net::StreamSocket socket;  // shares the connection's socket, to shut it down
        std::string address;
        bool admitted = false;
        bool busy = false;  // a request head arrived; its answer is not done yet
        bool cut = false;   // shut down by the watchdog
        std::chrono::steady_clock::time_point deadline;
    };
    // The filter's question: may one more connection from `address` be accepted?
    bool underCap(const std::string& address);
    // Counts `t` against its address; false (and not counted) when the address is at its cap.
    bool admit(Tracked& t);
    void release(Tracked& t);
    void markBusy(Tracked& t, bool busy);
    bool wasCut(const Tracked& t);

  private:
    bool atCap(const std::string& address) const;  // REQUIRES(mutex_)
    void watch();

    GuardSettings settings_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;  // the wrapper, once connections() ran

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::string, int> open_;      // GUARDED_BY(mutex_): admitted connections per address
    std::set<Tracked*> tracked_;           // GUARDED_BY(mutex_)
    std::uint64_t refused_ = 0, cut_ = 0;  // GUARDED_BY(mutex_): since the last log line
    bool stopping_ = false;                // GUARDED_BY(mutex_)
    std::thread watchdog_;
};

}  // namespace binhan::http
