#include "crypto/Digest.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <stdexcept>

namespace binhan::crypto {

Sha256 sha256(const std::string& data) {
    Sha256 out{};
    std::size_t length = 0;
    if (EVP_Q_digest(nullptr, "SHA256", nullptr, data.data(), data.size(), out.data(), &length) !=
        1)
        throw std::runtime_error("SHA-256 failed");
    return out;
}

std::vector<std::uint8_t> hmac(const char* digest, const std::uint8_t* key, std::size_t keySize,
                               const std::uint8_t* data, std::size_t size) {
    std::vector<std::uint8_t> out(EVP_MAX_MD_SIZE);
    std::size_t length = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, digest, nullptr, key, keySize, data, size, out.data(),
                   out.size(), &length))
        throw std::runtime_error("HMAC failed");
    out.resize(length);
    return out;
}

bool constantTimeEquals(const std::uint8_t* a, std::size_t aSize, const std::uint8_t* b,
                        std::size_t bSize) {
    return aSize == bSize && sodium_memcmp(a, b, aSize) == 0;
}

}  // namespace binhan::crypto
