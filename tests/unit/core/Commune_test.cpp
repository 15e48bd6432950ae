// Commune codes and the province level (issue 11).
#include "core/Commune.h"

#include <catch2/catch.hpp>

#include "core/Error.h"

using namespace binhan::core;

namespace {
std::string fieldOf(const std::string& code) {
    try {
        checkCommuneCode(code);
    } catch (const Error& e) {
        return e.field();
    }
    return "";
}
}  // namespace

TEST_CASE("a commune code is 1 to 16 ASCII letters or digits", "[core][communes]") {
    CHECK(fieldOf("HP").empty());
    CHECK(fieldOf("x").empty());
    CHECK(fieldOf("XA0123456789ABCD").empty());  // 16
    CHECK(fieldOf("") == "commune");
    CHECK(fieldOf("XA0123456789ABCDE") == "commune");  // 17
    CHECK(fieldOf("H P") == "commune");
    CHECK(fieldOf("HP-1") == "commune");
    CHECK(fieldOf("Hà") == "commune");  // not ASCII
    CHECK_THROWS_AS(checkCommuneName(""), Error);
    CHECK_NOTHROW(checkCommuneName("Xã Tân Lập"));
}

TEST_CASE("only statistics roles and the admin serve at the province level", "[core][communes]") {
    for (const Role role : allRoles())
        CHECK(mayServeAtProvince(role) ==
              (role == Role::Social || role == Role::Oversight || role == Role::Admin));
    const CommuneSettings none{"HP", "Xã Hòa Phong", "", ""};
    CHECK_FALSE(none.isProvince(""));
    CHECK_FALSE(none.isProvince("HP"));
    const CommuneSettings province{"HP", "Xã Hòa Phong", "HY", "Tỉnh Hưng Yên"};
    CHECK(province.isProvince("HY"));
    CHECK_FALSE(province.isProvince("HP"));
}
