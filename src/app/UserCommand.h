#pragma once
// `binhan user add|disable|reset USERNAME`: user administration from the server's console, for
// when no admin can sign in (first steps, lost password). Same rules as the API.
#include <iosfwd>
#include <string>
#include <vector>

#include "app/Config.h"

namespace binhan::app {

struct UserCommandOptions {
    std::string role;         // --role, for add
    std::string displayName;  // --display-name, for add
    std::string password;     // --password; prompted for (no echo) when empty
};

// args: {"add"|"disable"|"reset", USERNAME}. Returns the exit code.
int runUserCommand(const Config& config, const std::vector<std::string>& args,
                   const UserCommandOptions& options, std::ostream& out);

}  // namespace binhan::app
