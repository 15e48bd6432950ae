#pragma once
// spdlog set-up: messages to stderr, and for the server also to rotating files in
// data.dir/logs. What is logged never holds names, phones, narratives, tokens or passwords:
// callers log route patterns, ids and counts only.
#include <string>

namespace binhan::app {

struct LogSettings {
    std::string level = "info";
    std::string directory;  // empty: console only
    int fileMaxMb = 10;
    int files = 5;
};

// Throws std::runtime_error for an unknown level or an unwritable directory.
void setUpLogging(const LogSettings& settings);

}  // namespace binhan::app
