#include "crypto/SecureRandom.h"

#include <sodium.h>

#include <stdexcept>

namespace binhan::crypto {

void initialiseCrypto() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

SecretBytes randomSecret(std::size_t size) {
    SecretBytes out(size);
    randombytes_buf(out.data(), size);
    return out;
}

std::vector<std::uint8_t> randomBytes(std::size_t size) {
    std::vector<std::uint8_t> out(size);
    randombytes_buf(out.data(), size);
    return out;
}

std::string randomToken(std::size_t size) {
    auto bytes = randomBytes(size);
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                    '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    sodium_memzero(bytes.data(), bytes.size());
    return out;
}

std::string toHex(const std::uint8_t* data, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.resize(size * 2);
    return out;
}

std::string base64Encode(const std::uint8_t* data, std::size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

std::vector<std::uint8_t> base64Decode(const std::string& text) {
    if (text.empty()) return {};  // libsodium's output buffer must not be null
    std::vector<std::uint8_t> out(text.size());
    std::size_t length = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length,
                          nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        throw std::invalid_argument("malformed base64");
    out.resize(length);
    return out;
}

}  // namespace binhan::crypto
