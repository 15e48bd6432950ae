#include "app/AuditCommand.h"

#include <iostream>

#include "app/Runtime.h"

namespace binhan::app {

int runAuditCommand(const Config& config, const std::vector<std::string>& args,
                    const std::string& checkpointsFile, std::ostream& out) {
    if (args.size() != 1 || args[0] != "verify") {
        std::cerr << "usage: binhan audit verify [--checkpoints FILE]\n";
        return 64;
    }
    Runtime runtime(config);
    const auto result = runtime.audit().verify(checkpointsFile);
    if (result.ok) {
        out << "audit log intact: " << result.entries << " entries verified\n";
        return 0;
    }
    out << "AUDIT LOG BROKEN";
    if (result.firstBad) out << " at sequence " << *result.firstBad;
    out << ": " << result.reason << "\n";
    return 1;
}

}  // namespace binhan::app
