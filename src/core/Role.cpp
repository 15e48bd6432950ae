#include "core/Role.h"

#include <array>
#include <utility>

namespace binhan::core {
namespace {

const std::array<std::pair<Role, const char*>, 8> kNames = {{
    {Role::Police, "police"},
    {Role::Justice, "justice"},
    {Role::Union, "union"},
    {Role::School, "school"},
    {Role::Social, "social"},
    {Role::Leader, "leader"},
    {Role::Oversight, "oversight"},
    {Role::Admin, "admin"},
}};

}  // namespace

std::optional<Role> parseRole(const std::string& name) {
    for (const auto& [role, text] : kNames)
        if (name == text) return role;
    return std::nullopt;
}

std::string roleName(Role role) {
    for (const auto& [r, text] : kNames)
        if (r == role) return text;
    return "unknown";
}

const std::vector<Role>& allRoles() {
    static const std::vector<Role> roles = [] {
        std::vector<Role> out;
        for (const auto& entry : kNames) out.push_back(entry.first);
        return out;
    }();
    return roles;
}

bool isCaseAgency(Role role) {
    return role == Role::Police || role == Role::Justice || role == Role::Union ||
           role == Role::School;
}

}  // namespace binhan::core
