#include "core/PasswordPolicy.h"

#include <catch2/catch.hpp>

#include "core/Error.h"

using namespace binhan::core;

namespace {
std::string fieldOf(const PasswordPolicy& p, const std::string& user, const std::string& pw) {
    try {
        p.check(user, pw);
    } catch (const Error& e) {
        return e.field();
    }
    return "";
}
}  // namespace

TEST_CASE("ASVS 2.1.1: passwords under 12 characters are refused", "[core][password]") {
    PasswordPolicy policy;
    CHECK(fieldOf(policy, "hoa", "short-pw-11") == "password");
    CHECK(fieldOf(policy, "hoa", "long-enough-12") == "");
    // Vietnamese letters count as one character each, not as their UTF-8 bytes.
    CHECK(fieldOf(policy, "hoa", "Bình-An-ổn") == "password");
}

TEST_CASE("passwords containing the username or on the common list are refused", "[core][password]") {
    PasswordPolicy policy({"password1234", "123456789012"});
    CHECK(fieldOf(policy, "nguyenvan", "xx-NguyenVan-2024") == "password");
    CHECK(fieldOf(policy, "hoa", "Password1234") == "password");
    CHECK(fieldOf(policy, "hoa", "a-sound-passphrase") == "");
}
