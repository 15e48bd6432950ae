#pragma once
// `binhan audit verify [--checkpoints FILE]`: checks the audit hash chain and every signed
// checkpoint (DESIGN.md §3). Exit 0 when intact; otherwise 1, naming the first bad sequence.
#include <iosfwd>
#include <string>
#include <vector>

#include "app/Config.h"

namespace binhan::app {

int runAuditCommand(const Config& config, const std::vector<std::string>& args,
                    const std::string& checkpointsFile, std::ostream& out);

}  // namespace binhan::app
