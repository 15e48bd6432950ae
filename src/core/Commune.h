#pragma once
// Communes and the province above them (issue 11, multi-commune hosting). Every user and case
// belongs to a commune by its code; a province that hosts its communes on one database adds a
// province level: users whose commune is the province code. They see no case (their roles work
// with statistics only) and read the report of every commune together or of one.
#include <string>

#include "core/Role.h"

namespace binhan::core {

// The deployment's own commune and the province above it (configuration: commune.code,
// commune.name, province.code, province.name; an empty province code = no province level).
struct CommuneSettings {
    std::string code;
    std::string name;
    std::string provinceCode;
    std::string provinceName;

    // True when `commune` is the province level (never when no province is configured).
    bool isProvince(const std::string& commune) const {
        return !provinceCode.empty() && commune == provinceCode;
    }
};

// A commune code is 1–16 ASCII letters or digits ("HP", "XA01"). Throws Invalid naming `field`.
void checkCommuneCode(const std::string& code, const std::string& field = "commune");
// A commune name is 1–200 bytes. Throws Invalid naming "name".
void checkCommuneName(const std::string& name);
// Roles a province-level user may have: social, oversight, admin (the statistics roles and the
// administrator; no case agency, no commune chair).
bool mayServeAtProvince(Role role);
// Throws Invalid naming "role" when `role` may not serve at the province level.
void checkRoleAtProvince(Role role);

}  // namespace binhan::core
