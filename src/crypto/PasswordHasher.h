#pragma once
// Argon2id password hashing (libsodium crypto_pwhash_str_alg), ASVS 2.4.1. The cost is at least
// OWASP's m=19 MiB, t=2, p=1; the encoded string carries its own salt and parameters, so
// stronger settings later still verify old hashes. Thread-safe. Each call is deliberately slow
// (tens of milliseconds) and allocates `memoryBytes`.
#include <cstddef>
#include <string>

namespace binhan::crypto {

class PasswordHasher {
public:
    struct Cost {
        unsigned long long opsLimit = 2;           // t
        std::size_t memoryBytes = 19u * 1024 * 1024;  // m
    };

    PasswordHasher() = default;
    explicit PasswordHasher(Cost cost) : cost_(cost) {}

    // "$argon2id$v=19$m=19456,t=2,p=1$…"; throws std::runtime_error when out of memory.
    std::string hash(const std::string& password) const;
    // Constant-time check; false for a wrong password or a malformed hash.
    bool verify(const std::string& password, const std::string& encodedHash) const;
    // True when the stored hash uses weaker parameters than this hasher's.
    bool needsRehash(const std::string& encodedHash) const;

private:
    Cost cost_;
};

}  // namespace binhan::crypto
