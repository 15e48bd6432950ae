#pragma once
// `binhan keys rotate [--batch N] [--pause MS]`: adds a master key version and re-wraps every
// case key under it, then retires the versions nothing uses (service/KeyRotationService). Safe
// while the server runs and after a crash: run it again and it continues. Exit 0 when done, 69
// when the database or the key file's lock is unavailable, 75 (EX_TEMPFAIL) when an older
// version is still in use and could not be retired (run again), 78 for a key file fault.
#include <iosfwd>
#include <string>
#include <vector>

#include "app/Config.h"

namespace binhan::app {

struct KeysCommandOptions {
    int batch = 500;  // case keys per transaction
    int pauseMs = 0;  // rest between batches
};

int runKeysCommand(const Config& config, const std::vector<std::string>& args,
                   const KeysCommandOptions& options, std::ostream& out);

}  // namespace binhan::app
