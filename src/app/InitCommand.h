#pragma once
// `binhan init`: makes a data dir ready to serve. Creates data.dir (0700), the master key file
// (0600), a self-signed localhost certificate when none exists, the database with every
// migration, and the first admin. Each step is skipped when already done, so a second run
// changes nothing and says so.
#include <iosfwd>
#include <string>

#include "app/Config.h"

namespace binhan::app {

struct InitOptions {
    std::string adminUser;      // --admin-user; prompted for when empty
    std::string adminPassword;  // --admin-password; prompted for (no echo) when empty
    std::string adminName;      // --admin-name; the username when empty
    bool demo = false;          // --demo: seed a made-up demo commune (refused if cases exist)
};

// Returns the process exit code; reports progress on `out`, problems on stderr.
int runInit(const Config& config, const InitOptions& options, std::ostream& out);

}  // namespace binhan::app
