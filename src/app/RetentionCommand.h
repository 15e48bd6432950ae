#pragma once
// `binhan retention run`: erases once, now, every closed case past retention.years_after_closure
// (service/RetentionService; `binhan serve` also does it daily). Each erasure is in the ledger
// and the audit log (role "console", detail "reason: retention"). Safe while the server runs.
#include <iosfwd>
#include <string>
#include <vector>

#include "app/Config.h"

namespace binhan::app {

int runRetentionCommand(const Config& config, const std::vector<std::string>& args,
                        std::ostream& out);

}  // namespace binhan::app
