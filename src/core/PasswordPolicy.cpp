#include "core/PasswordPolicy.h"

#include <algorithm>
#include <cctype>

#include "core/Error.h"

namespace binhan::core {
namespace {

std::size_t codePoints(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

void PasswordPolicy::check(const std::string& username, const std::string& password) const {
    const std::size_t length = codePoints(password);
    if (length < 12) throw Invalid("password", "The password must have at least 12 characters.");
    if (length > 128) throw Invalid("password", "The password must have at most 128 characters.");
    const std::string folded = lower(password);
    if (!username.empty() && folded.find(lower(username)) != std::string::npos)
        throw Invalid("password", "The password must not contain the username.");
    if (common_.count(folded))
        throw Invalid("password", "This password is too common; choose another.");
}

}  // namespace binhan::core
