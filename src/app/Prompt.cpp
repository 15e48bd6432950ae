#include "app/Prompt.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <stdexcept>

namespace binhan::app {

bool stdinIsTerminal() {
    return ::isatty(STDIN_FILENO) == 1;
}

std::string prompt(const std::string& question, bool secret) {
    std::cerr << question << std::flush;
    termios saved{};
    const bool hide = secret && stdinIsTerminal() && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (hide) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool ok = static_cast<bool>(std::getline(std::cin, line));
    if (hide) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::cerr << "\n";
    }
    if (!ok) throw std::runtime_error("no answer on standard input");
    return line;
}

}  // namespace binhan::app
