#include "app/RetentionCommand.h"

#include <iostream>

#include "app/Runtime.h"

namespace binhan::app {

int runRetentionCommand(const Config& config, const std::vector<std::string>& args,
                        std::ostream& out) {
    if (args.size() != 1 || args[0] != "run") {
        std::cerr << "usage: binhan retention run\n";
        return 64;
    }
    Runtime runtime(config);
    const auto result = runtime.retention().run("console");
    out << "retention: " << result.erased << " closed case(s) erased (closed on or before "
        << result.cutoff << ")\n";
    return 0;
}

}  // namespace binhan::app
