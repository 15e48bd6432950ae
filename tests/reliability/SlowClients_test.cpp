// Slow and idle clients (issue 10, "Reliability tests"): 300 connections from 127.0.0.2–9 that
// sit idle, trickle a TLS ClientHello a byte at a time, or finish the handshake and trickle a
// request head, do not keep a normal client on 127.0.0.1 from being served within 1 s; the
// server's threads and memory stay bounded, and the tricklers are cut off (server defaults:
// 32 connections per address, 10 s to deliver a request head).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "api/TestServer.h"
#include "reliability/Probe.h"

using namespace binhan::testing;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kAttackers = 300;
constexpr int kAddresses = 8;        // 127.0.0.2 … 127.0.0.9
constexpr int kPerAddressCap = 32;   // server.max_connections_per_address default
constexpr int kServerThreads = 384;  // server.threads default
constexpr int kHeadSeconds = 10;     // server.request_head_seconds default
// Growth of the server's memory while it holds the attack's connections (about 256 of them):
// under AddressSanitizer every thread also carries shadow memory and fake stacks.
#if defined(__SANITIZE_ADDRESS__)
constexpr long kRssGrowthKb = 300 * 1024;
#else
constexpr long kRssGrowthKb = 100 * 1024;
#endif
const std::string kHead = "GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow\r\n";

enum class Kind { Idle, HandshakeTrickle, HeadTrickle };

// A TLS client's first flight (its ClientHello), to send a byte at a time.
std::string clientHello() {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL* ssl = SSL_new(ctx);
    BIO* in = BIO_new(BIO_s_mem());
    BIO* out = BIO_new(BIO_s_mem());
    SSL_set_bio(ssl, in, out);
    SSL_connect(ssl);  // wants to read the answer: the hello is in `out`
    char* data = nullptr;
    const long size = BIO_get_mem_data(out, &data);
    std::string hello(data, static_cast<std::size_t>(size));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return hello;
}

struct Attacker {
    Kind kind = Kind::Idle;
    std::string source;
    int fd = -1;
    SSL* ssl = nullptr;
    std::size_t sent = 0;
    bool firstWave = true;

    bool open() const { return fd >= 0; }
    void close() {
        if (ssl) SSL_free(ssl);
        if (fd >= 0) ::close(fd);
        ssl = nullptr;
        fd = -1;
    }
    // Connects from `source`; a HeadTrickle client also does its TLS handshake (a refused
    // connection ends closed).
    void connect(int port, SSL_CTX* ctx) {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in from{}, to{};
        from.sin_family = to.sin_family = AF_INET;
        ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
        ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
        to.sin_port = htons(static_cast<std::uint16_t>(port));
        timeval timeout{3, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
            ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0)
            return close();
        sent = 0;
        if (kind != Kind::HeadTrickle) return;
        ssl = SSL_new(ctx);
        SSL_set_fd(ssl, fd);
        if (SSL_connect(ssl) != 1) close();
    }
    // Reads and drops what the server sent; closes when the server has closed.
    void noticeClose() {
        char buffer[4096];
        for (;;) {
            const auto n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
            return close();
        }
    }
    void trickle(const std::string& hello) {
        if (kind == Kind::HandshakeTrickle && sent < hello.size()) {
            if (::send(fd, hello.data() + sent, 1, MSG_NOSIGNAL | MSG_DONTWAIT) == 1) ++sent;
        } else if (kind == Kind::HeadTrickle && sent < kHead.size()) {
            if (SSL_write(ssl, kHead.data() + sent, 1) == 1) ++sent;
        }
    }
};

struct Peak {
    long threads = 0, rssKb = 0;
    void sample(int pid) {
        threads = std::max(threads, procStatus(pid, "Threads"));
        rssKb = std::max(rssKb, procStatus(pid, "VmRSS"));
    }
};

}  // namespace

TEST_CASE("300 slow and idle connections from other addresses do not starve a normal client",
          "[reliability][slowclients]") {
    ::signal(SIGPIPE, SIG_IGN);
    TestServer server;
    const Login hoa = server.addUser("canbo.hoa", "union");
    const int pid = server.pid();
    Peak before;
    before.sample(pid);

    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    const std::string hello = clientHello();
    std::vector<Attacker> attackers(kAttackers);
    const auto started = Clock::now();
    for (int i = 0; i < kAttackers; ++i) {
        attackers[i].kind = static_cast<Kind>(i % 3);
        attackers[i].source = "127.0.0.";
        attackers[i].source += std::to_string(2 + i % kAddresses);
        attackers[i].connect(server.port(), ctx);
    }

    // The normal client, and the server's threads and memory, while the attack goes on.
    std::atomic<bool> done{false};
    std::vector<double> waits;  // seconds per request of the normal client
    int served = 0, failed = 0;
    Peak during;
    std::thread normal([&] {
        while (!done) {
            const auto t0 = Clock::now();
            try {
                if (server.call(hoa, "GET", "/api/v1/me").status == 200)
                    ++served;
                else
                    ++failed;
            } catch (const std::exception&) {
                ++failed;
            }
            waits.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
            during.sample(pid);
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    });

    // Every second: notice closes, trickle a byte every other second, and reconnect some of
    // what was closed (as a persistent attacker would, without turning it into a SYN flood,
    // which is the kernel's business; the raw clients only, to keep this fast).
    const auto end = started + std::chrono::seconds(kHeadSeconds + 3);
    int mostOpenFromOneAddress = 0;  // once the server has seen the first wave
    for (int tick = 0; Clock::now() < end; ++tick) {
        int reconnects = 0;
        std::map<std::string, int> openBySource;
        for (auto& a : attackers) {
            if (a.open()) a.noticeClose();
            if (tick == 2 && a.open())
                mostOpenFromOneAddress = std::max(mostOpenFromOneAddress, ++openBySource[a.source]);
            if (a.open() && tick % 2 == 1) a.trickle(hello);
            if (!a.open() && a.kind != Kind::HeadTrickle && tick > 0 && reconnects < 40) {
                ++reconnects;
                a.firstWave = false;
                a.connect(server.port(), ctx);
            }
        }
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    done = true;
    normal.join();

    int firstWaveOpen = 0;
    for (auto& a : attackers) {
        if (a.open()) a.noticeClose();
        if (a.firstWave && a.open()) ++firstWaveOpen;
    }
    for (auto& a : attackers) a.close();
    SSL_CTX_free(ctx);

    std::sort(waits.begin(), waits.end());
    const double slowest = waits.empty() ? 0 : waits.back();
    const double p95 = waits.empty() ? 0 : waits[waits.size() * 95 / 100];
    INFO("normal client: " << served << " served, " << failed << " failed, 95% within " << p95
                           << " s, slowest " << slowest << " s; threads " << before.threads
                           << " -> " << during.threads << ", RSS " << before.rssKb << " -> "
                           << during.rssKb << " kB");
    CHECK(failed == 0);
    CHECK(served >= 20);
    // Within 1 s; the margin for the slowest is for a shared, overloaded CI machine (a stall of
    // 3.5 s was seen once at load average 7.6 on 2 cores). Without the guard none is served.
    CHECK(p95 < 1.0);
    CHECK(slowest < 5.0);
    // Only kPerAddressCap connections per address hold a thread (plus a few, briefly, that a
    // burst got past the filter and are refused on their thread), and never more than
    // server.threads connection threads in all.
    CHECK(during.threads <= before.threads + kAddresses * kPerAddressCap + 32);
    CHECK(during.threads <= before.threads + kServerThreads);
    CHECK(during.rssKb - before.rssKb < kRssGrowthKb);
    // Over the cap, connections were closed at once (37 or 38 came from each address); every
    // first-wave trickler was cut by the head deadline, though each sent a byte every two seconds.
    INFO("most connections open from one address 2 s in: " << mostOpenFromOneAddress);
    CHECK(mostOpenFromOneAddress <= kPerAddressCap);
    CHECK(mostOpenFromOneAddress >= kPerAddressCap / 2);  // the attack did hold connections
    CHECK(firstWaveOpen == 0);
    CHECK(server.get("/healthz").status == 200);
}
