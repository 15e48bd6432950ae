#pragma once
// The eight roles of DESIGN.md §1. A role is what a user's duty lets them do; the four case
// agencies also each own a stage track on a case.
#include <optional>
#include <string>
#include <vector>

namespace binhan::core {

enum class Role {
    Police,     // Công an xã
    Justice,    // Công chức Tư pháp – Hộ tịch
    Union,      // Hội Liên hiệp Phụ nữ xã
    School,     // Các cấp trường
    Social,     // Công chức Lao động – Thương binh và Xã hội
    Leader,     // Chủ tịch / Phó Chủ tịch UBND xã
    Oversight,  // Ban vì sự tiến bộ của phụ nữ xã
    Admin,      // Quản trị hệ thống
};

// API spelling: "police", "justice", … ; nullopt for anything else.
std::optional<Role> parseRole(const std::string& name);
std::string roleName(Role role);
const std::vector<Role>& allRoles();
// police, justice, union, school: the agencies that carry cases and own stage tracks.
bool isCaseAgency(Role role);

}  // namespace binhan::core
