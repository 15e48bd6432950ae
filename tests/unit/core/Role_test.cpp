#include "core/Role.h"

#include <catch2/catch.hpp>

using namespace binhan::core;

TEST_CASE("the eight roles of DESIGN.md parse and print by their API names", "[core][role]") {
    REQUIRE(allRoles().size() == 8);
    for (Role role : allRoles()) CHECK(parseRole(roleName(role)) == role);
    CHECK_FALSE(parseRole("Police"));
    CHECK_FALSE(parseRole("root"));
}

TEST_CASE("only police, justice, union and school are case agencies", "[core][role]") {
    int agencies = 0;
    for (Role role : allRoles()) agencies += isCaseAgency(role) ? 1 : 0;
    CHECK(agencies == 4);
    CHECK(isCaseAgency(Role::School));
    CHECK_FALSE(isCaseAgency(Role::Leader));
    CHECK_FALSE(isCaseAgency(Role::Admin));
}
