#include "http/StaticFiles.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/ErrorMapper.h"

namespace binhan::http {
namespace {

namespace fs = std::filesystem;

std::string contentTypeFor(const std::string& extension) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
    };
    auto it = types.find(extension);
    return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
        spdlog::warn("web root {} not found; the browser UI is not served", root);
        return;
    }
    for (auto it = fs::recursive_directory_iterator(root, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (!it->is_regular_file() || it->is_symlink()) continue;
        const std::string relative = fs::relative(it->path(), root).generic_string();
        if (relative.find("/.") != std::string::npos || relative[0] == '.') continue;
        std::ifstream in(it->path(), std::ios::binary);
        std::ostringstream body;
        body << in.rdbuf();
        files_[relative] = {contentTypeFor(it->path().extension().string()), body.str()};
    }
}

Response StaticFiles::serve(const std::string& relativePath) const {
    auto it = files_.find(relativePath.empty() ? "index.html" : relativePath);
    if (it == files_.end()) return errorResponse(404, "not_found", "No such page.");
    Response r = Response::text(200, it->second.contentType, it->second.body);
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
}

const std::string* StaticFiles::content(const std::string& relativePath) const {
    auto it = files_.find(relativePath);
    return it == files_.end() ? nullptr : &it->second.body;
}

}  // namespace binhan::http
