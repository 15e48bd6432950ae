#pragma once
#include <string>

namespace binhan::app {

bool stdinIsTerminal();
// Asks on stderr and reads one line from stdin; with `secret`, the terminal does not echo it.
// Throws std::runtime_error when stdin is closed.
std::string prompt(const std::string& question, bool secret);

}  // namespace binhan::app
