#include "core/Commune.h"

#include <cctype>

#include "core/Error.h"

namespace binhan::core {

void checkCommuneCode(const std::string& code, const std::string& field) {
    bool ok = !code.empty() && code.size() <= 16;
    for (const unsigned char c : code) ok = ok && c < 0x80 && std::isalnum(c);
    if (!ok) throw Invalid(field, "A commune code has 1 to 16 letters or digits (A-Z, a-z, 0-9).");
}

void checkCommuneName(const std::string& name) {
    if (name.empty() || name.size() > 200)
        throw Invalid("name", "A commune name has 1 to 200 characters.");
}

bool mayServeAtProvince(Role role) {
    return role == Role::Social || role == Role::Oversight || role == Role::Admin;
}

void checkRoleAtProvince(Role role) {
    if (!mayServeAtProvince(role))
        throw Invalid("role",
                      "At the province level only the roles social, oversight and admin exist: "
                      "province staff read statistics and see no case.");
}

}  // namespace binhan::core
