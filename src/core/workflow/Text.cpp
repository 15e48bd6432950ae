#include "core/workflow/Text.h"

#include <algorithm>

#include "core/Error.h"

namespace binhan::core::workflow {

std::size_t codePoints(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool isBlank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    });
}

void checkText(const std::string& field, const std::string& text, const std::string& what) {
    if (isBlank(text)) throw Invalid(field, "Please write the " + what + "; it cannot be empty.");
    if (codePoints(text) > kMaxTextChars)
        throw Invalid(field, "The " + what + " is too long: at most 5,000 characters.");
}

std::string agencyLabel(Role role) {
    switch (role) {
        case Role::Police:
            return "the commune police";
        case Role::Justice:
            return "the justice officer";
        case Role::Union:
            return "the Women's Union";
        case Role::School:
            return "the school";
        case Role::Social:
            return "the social affairs officer";
        case Role::Leader:
            return "the commune leader";
        case Role::Oversight:
            return "the committee for the advancement of women";
        case Role::Admin:
            return "the system administrator";
    }
    return "an unknown body";
}

std::string joinLabels(const std::set<Role>& roles) {
    std::string out;
    std::size_t i = 0;
    for (Role role : roles) {
        if (i > 0) out += (i + 1 == roles.size()) ? " and " : ", ";
        out += agencyLabel(role);
        ++i;
    }
    return out;
}

}  // namespace binhan::core::workflow
