#pragma once
#include <string>

namespace binhan::core {

// A username is 3–64 characters of a–z, 0–9, '.', '_' or '-', starting with a letter.
// Throws core::Error(Invalid, field "username") otherwise.
void checkUsername(const std::string& username);

}  // namespace binhan::core
