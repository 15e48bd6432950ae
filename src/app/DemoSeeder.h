#pragma once
// `binhan init --demo`: a made-up demo commune for newcomers — one user per role with a random
// password (printed once), and about 30 made-up cases spread over every stage and state.
// Refused on a data dir that already holds cases: demo data must never mix with real data.
// Every name, phone and ID number is invented.
#include <iosfwd>

#include "app/Config.h"

namespace binhan::app {

// Returns the exit code; prints the demo users and their passwords on `out`.
int seedDemo(const Config& config, std::ostream& out);

}  // namespace binhan::app
