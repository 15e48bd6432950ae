#include "crypto/Totp.h"

#include <Poco/URI.h>

#include <cstdio>

#include "crypto/Digest.h"
#include "crypto/SecureRandom.h"

namespace binhan::crypto {

std::string base32Encode(const std::uint8_t* data, std::size_t size) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 5) {
            out += alphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
    return out;
}

SecretBytes Totp::newSecret() {
    return randomSecret(kSecretSize);
}

std::string Totp::provisioningUri(const SecretBytes& secret, const std::string& issuer,
                                  const std::string& account) {
    std::string label, issuerParam;
    Poco::URI::encode(issuer + ":" + account, "?#/&=+", label);
    Poco::URI::encode(issuer, "?#/&=+:", issuerParam);
    return "otpauth://totp/" + label + "?secret=" + base32Encode(secret.data(), secret.size()) +
           "&issuer=" + issuerParam + "&algorithm=SHA1&digits=6&period=30";
}

std::int64_t Totp::stepOf(core::TimePoint at) {
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
    return seconds / kStepSeconds;
}

std::string Totp::codeForStep(const SecretBytes& secret, std::int64_t step) {
    std::uint8_t counter[8];
    for (int i = 7; i >= 0; --i) {
        counter[i] = static_cast<std::uint8_t>(step & 0xff);
        step >>= 8;
    }
    const auto mac = hmac("SHA1", secret.data(), secret.size(), counter, sizeof counter);
    const int offset = mac[mac.size() - 1] & 0x0f;  // RFC 4226 §5.3 dynamic truncation
    const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                                 (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                                 (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                                 static_cast<std::uint32_t>(mac[offset + 3]);
    char code[16];
    std::snprintf(code, sizeof code, "%06u", binary % 1000000u);
    return code;
}

std::string Totp::codeAt(const SecretBytes& secret, core::TimePoint at) {
    return codeForStep(secret, stepOf(at));
}

std::optional<std::int64_t> Totp::verify(const SecretBytes& secret, const std::string& code,
                                         core::TimePoint now) {
    if (code.size() != kDigits) return std::nullopt;
    for (char c : code)
        if (c < '0' || c > '9') return std::nullopt;
    const std::int64_t current = stepOf(now);
    std::optional<std::int64_t> matched;
    for (std::int64_t step = current - 1; step <= current + 1; ++step) {
        const std::string expected = codeForStep(secret, step);
        const bool equal = constantTimeEquals(
            reinterpret_cast<const std::uint8_t*>(expected.data()), expected.size(),
            reinterpret_cast<const std::uint8_t*>(code.data()), code.size());
        if (equal && !matched) matched = step;  // no early exit: same work for every code
    }
    return matched;
}

}  // namespace binhan::crypto
