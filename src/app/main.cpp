// binhan: the one process of Bình An (DESIGN.md §4). See app/BinhanApp.h.
#include <malloc.h>

#include <cstdlib>
#include <iostream>

#include <spdlog/spdlog.h>

#include "app/BinhanApp.h"

int main(int argc, char** argv) {
    // glibc gives each thread that allocates an arena of its own (up to 8 per core); with a
    // thread per connection the server's memory then grows with every thread it ever ran
    // (ops/bench: peak RSS 162 MB with the default, 82 MB with 2 arenas, at the same speed).
    // An environment MALLOC_ARENA_MAX still wins.
    if (!std::getenv("MALLOC_ARENA_MAX")) mallopt(M_ARENA_MAX, 2);
    int status = Poco::Util::Application::EXIT_SOFTWARE;
    try {  // as POCO_SERVER_MAIN does
        binhan::app::BinhanApp app;
        status = app.run(argc, argv);
    } catch (const Poco::Exception& e) {
        std::cerr << e.displayText() << std::endl;
    }
    spdlog::shutdown();  // the log is asynchronous (app/Logging.cpp): write out what is queued
    return status;
}
