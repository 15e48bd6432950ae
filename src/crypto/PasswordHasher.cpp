#include "crypto/PasswordHasher.h"

#include <sodium.h>

#include <stdexcept>

namespace binhan::crypto {

std::string PasswordHasher::hash(const std::string& password) const {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.opsLimit,
                              cost_.memoryBytes, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("password hashing ran out of memory");
    return out;
}

bool PasswordHasher::verify(const std::string& password, const std::string& encodedHash) const {
    if (encodedHash.empty() || encodedHash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(encodedHash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needsRehash(const std::string& encodedHash) const {
    return crypto_pwhash_str_needs_rehash(encodedHash.c_str(), cost_.opsLimit,
                                          cost_.memoryBytes) != 0;
}

}  // namespace binhan::crypto
