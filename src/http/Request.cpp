#include "http/Request.h"

#include "core/Error.h"

namespace binhan::http {

std::int64_t pathId(const Request& request, const char* name, const char* notFound) {
    const auto it = request.pathParams.find(name);
    if (it != request.pathParams.end()) {
        const std::string& text = it->second;
        std::int64_t id = 0;
        bool digits = !text.empty() && text.size() <= 18;
        for (char c : text) {
            if (c < '0' || c > '9') {
                digits = false;
                break;
            }
            id = id * 10 + (c - '0');
        }
        if (digits && id > 0) return id;
    }
    throw core::NotFound(notFound);
}

}  // namespace binhan::http
