#include "app/KeysCommand.h"

#include <iostream>

#include "app/Runtime.h"
#include "service/KeyRotationService.h"

namespace binhan::app {

int runKeysCommand(const Config& config, const std::vector<std::string>& args,
                   const KeysCommandOptions& options, std::ostream& out) {
    if (args.size() != 1 || args[0] != "rotate" || options.batch < 1 || options.pauseMs < 0) {
        std::cerr << "usage: binhan keys rotate [--batch N (>= 1)] [--pause MS]\n";
        return 64;
    }
    Runtime runtime(config);
    service::KeyRotationService rotation(runtime.database(), runtime.wrappedKeys(),
                                         {config.string("keys.master_key_file"), options.batch,
                                          std::chrono::milliseconds(options.pauseMs)});
    const auto result = rotation.rotate([&out](const service::RotationProgress& step) {
        out << "re-wrapped " << step.rewrapped << " of " << step.total
            << " case keys under master key version " << step.version << std::endl;
    });
    out << (result.resumed ? "resumed the rotation to" : "added") << " master key version "
        << result.version << "; " << result.rewrapped << " case keys re-wrapped\n";
    for (const auto version : result.retired)
        out << "retired master key version " << version << "\n";
    for (const auto& [version, count] : result.stillUsed)
        out << "master key version " << version << " still wraps " << count
            << " case key(s); not retired — run `binhan keys rotate` again\n";
    for (const auto caseId : result.unreadable)
        out << "case " << caseId << ": its wrapped key does not unwrap (damaged?)\n";
    return result.stillUsed.empty() ? 0 : 75;
}

}  // namespace binhan::app
