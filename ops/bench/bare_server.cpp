// bench_bare_server — scenario (0) of ops/bench/run: the framework's ceiling on this machine.
// The same listener as `binhan serve` (http::HttpServer: TLS settings, thread pool, queue,
// keep-alive) and the same configuration layers (--set data.dir=… picks the same certificate
// and port), but every request is answered with a fixed JSON body: no routing, no session, no
// database, no audit. Runs until SIGINT or SIGTERM.
//
// Usage: bench_bare_server [--set key=value]…
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <string>

#include "app/Config.h"
#include "http/HttpServer.h"

namespace {

const std::string kBody = R"({"status":"ok"})";

class FixedHandler : public Poco::Net::HTTPRequestHandler {
  public:
    void handleRequest(Poco::Net::HTTPServerRequest& in,
                       Poco::Net::HTTPServerResponse& out) override {
        in.stream().ignore(in.getContentLength64() > 0 ? in.getContentLength64() : 0);
        out.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
        out.setContentType("application/json");
        out.setContentLength64(static_cast<Poco::Int64>(kBody.size()));
        out.send() << kBody;
    }
};

class FixedFactory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new FixedHandler;
    }
};

}  // namespace

int main(int argc, char** argv) {
    // Blocked before any thread starts, so every thread leaves them to sigwait below.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    binhan::app::ConfigSources sources;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) != "--set") {
            std::fprintf(stderr, "usage: bench_bare_server [--set key=value]...\n");
            return 64;
        }
        sources.sets.push_back(binhan::app::splitSetting(argv[i + 1]));
    }
    try {
        const binhan::app::Config config(sources);
        Poco::Net::initializeSSL();
        binhan::http::HttpServer server(config.serverSettings(), new FixedFactory);
        server.start();
        std::printf("bare server listening on port %d\n", server.port());
        std::fflush(stdout);
        int received = 0;
        sigwait(&signals, &received);
        server.stop();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_bare_server: %s\n", e.what());
        return 1;
    }
    return 0;
}
