#include "app/Logging.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

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
    auto logger = std::make_shared<spdlog::logger>("binhan", sinks.begin(), sinks.end());
    logger->set_level(level);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
}

}  // namespace binhan::app
