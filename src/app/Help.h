#pragma once
#include <string>

namespace binhan::app {

// Help text for `binhan --help` (empty command) or `binhan COMMAND --help`; empty string when
// the command is unknown.
std::string helpText(const std::string& command);

}  // namespace binhan::app
