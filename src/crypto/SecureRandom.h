#pragma once
// Cryptographically secure random bytes from libsodium (randombytes_buf, backed by getrandom).
// Never Poco::RandomInputStream (STYLE.md pitfalls): it can fall back silently.
#include <cstddef>
#include <string>
#include <vector>

#include "crypto/SecretBytes.h"

namespace binhan::crypto {

// Call once at start-up, before any thread uses crypto; throws when libsodium cannot start.
void initialiseCrypto();
SecretBytes randomSecret(std::size_t size);
std::vector<std::uint8_t> randomBytes(std::size_t size);
// `size` random bytes as URL-safe base64 without padding (for tokens and generated passwords).
std::string randomToken(std::size_t size);

std::string toHex(const std::uint8_t* data, std::size_t size);
std::string base64Encode(const std::uint8_t* data, std::size_t size);
// Throws std::invalid_argument on malformed input.
std::vector<std::uint8_t> base64Decode(const std::string& text);

}  // namespace binhan::crypto
