#pragma once
// A text file compiled into the binary (schema migrations, default configuration), so the binary
// never runs against files of another version. Produced by cmake/Embed.cmake.
#include <string>
#include <vector>

namespace binhan::core {

struct EmbeddedFile {
    std::string name;  // file name without folder, e.g. "001_foundation.sql"
    std::string text;
};

}  // namespace binhan::core
