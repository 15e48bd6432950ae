#include "http/Request.h"

#include "core/Error.h"

namespace binhan::http {

std::int64_t pathId(const Request& request, const char* name, const char* notFound) {
    const auto it = request.pathParams.find(name);
    if (it != request.pathParams.end()) {
        const std::string& text = it->second;
        // At most 18 digits, checked before any arithmetic: an int64 cannot overflow.
        bool digits = !text.empty() && text.size() <= 18;
        std::int64_t id = 0;
        for (std::size_t i = 0; digits && i < text.size(); ++i) {
            const char c = text[i];
            digits = c >= '0' && c <= '9';
            if (digits) id = id * 10 + (c - '0');
        }
        if (digits && id > 0) return id;
    }
    throw core::NotFound(notFound);
}

}  // namespace binhan::http
