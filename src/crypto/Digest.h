#pragma once
// One-shot digests and MACs (OpenSSL 3 EVP_Q_*). Thread-safe.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "crypto/SecretBytes.h"

namespace binhan::crypto {

using Sha256 = std::array<std::uint8_t, 32>;

Sha256 sha256(const std::string& data);
// HMAC with the named digest ("SHA1", "SHA256"); throws std::runtime_error if OpenSSL fails.
std::vector<std::uint8_t> hmac(const char* digest, const std::uint8_t* key, std::size_t keySize,
                               const std::uint8_t* data, std::size_t size);
// Constant-time equality of two byte strings (different lengths compare unequal).
bool constantTimeEquals(const std::uint8_t* a, std::size_t aSize, const std::uint8_t* b,
                        std::size_t bSize);

}  // namespace binhan::crypto
