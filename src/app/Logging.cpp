#include "app/Logging.h"

#include <spdlog/async.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <mutex>
#include <stdexcept>
#include <vector>

namespace binhan::app {

void setUpLogging(const LogSettings& settings) {
    const auto level = spdlog::level::from_str(settings.level);
    if (level == spdlog::level::off && settings.level != "off")
        throw std::runtime_error("log.level must be trace, debug, info, warn, error or off");
    std::vector<spdlog::sink_ptr> sinks;
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    if (!settings.directory.empty()) {
        ::mkdir(settings.directory.c_str(), 0700);
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            settings.directory + "/binhan.log",
            static_cast<std::size_t>(settings.fileMaxMb) * 1024 * 1024,
            static_cast<std::size_t>(settings.files)));
    }
    // Asynchronous (issue 18): a request thread only queues its line; one logging thread formats,
    // writes and flushes, so the per-request info line no longer holds every thread on the
    // sinks' mutex while it writes. `block`: under overload a line waits for room, never dropped.
    // The pool is made once; main() shuts it down (flushing what is queued) before exit.
    static std::once_flag pool;
    std::call_once(pool, [] { spdlog::init_thread_pool(8192, 1); });
    auto logger = std::make_shared<spdlog::async_logger>("binhan", sinks.begin(), sinks.end(),
                                                         spdlog::thread_pool(),
                                                         spdlog::async_overflow_policy::block);
    logger->set_level(level);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
}

}  // namespace binhan::app
