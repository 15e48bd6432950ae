#pragma once
// The browser UI's files (src/web), read once at start-up and served from memory. Only files
// under the web root are reachable: no "..", no hidden files, no links out.
#include <map>
#include <string>

#include "http/Response.h"

namespace binhan::http {

class StaticFiles {
  public:
    // Loads every regular file below `root`; a missing root serves nothing (and logs a warning).
    explicit StaticFiles(const std::string& root);
    // The file at `relativePath` ("" means index.html), or a 404 JSON error.
    Response serve(const std::string& relativePath) const;
    // The content of the file at `relativePath`, or nullptr (e.g. "i18n/vi.json").
    const std::string* content(const std::string& relativePath) const;
    std::size_t size() const { return files_.size(); }

  private:
    struct File {
        std::string contentType;
        std::string body;
    };
    std::map<std::string, File> files_;
};

}  // namespace binhan::http
