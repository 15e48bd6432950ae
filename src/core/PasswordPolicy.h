#pragma once
// What a password must be (ASVS 2.1.1, 2.1.7): at least 12 characters (counted as Unicode code
// points), at most 128, not containing the username, not one of the commonly used passwords.
#include <string>
#include <unordered_set>

namespace binhan::core {

class PasswordPolicy {
public:
    PasswordPolicy() = default;
    // `common`: lower-cased passwords to refuse (shipped in config/common-passwords.txt).
    explicit PasswordPolicy(std::unordered_set<std::string> common) : common_(std::move(common)) {}

    // Throws core::Error(Invalid, field "password") saying what is wrong; never echoes it.
    void check(const std::string& username, const std::string& password) const;

private:
    std::unordered_set<std::string> common_;
};

}  // namespace binhan::core
