#include "crypto/Totp.h"

#include <catch2/catch.hpp>

#include "core/TimeFormat.h"

using namespace binhan;
using crypto::Totp;

namespace {
crypto::SecretBytes rfcSecret() {
    const std::string ascii = "12345678901234567890";  // RFC 6238 Appendix B, SHA-1 key
    return crypto::SecretBytes(reinterpret_cast<const std::uint8_t*>(ascii.data()), ascii.size());
}
core::TimePoint at(long long seconds) {
    return core::TimePoint(std::chrono::seconds(seconds));
}
}  // namespace

TEST_CASE("RFC 6238 Appendix B test vectors (last 6 digits)", "[crypto][totp]") {
    const auto secret = rfcSecret();
    CHECK(Totp::codeAt(secret, at(59)) == "287082");
    CHECK(Totp::codeAt(secret, at(1111111109)) == "081804");
    CHECK(Totp::codeAt(secret, at(1111111111)) == "050471");
    CHECK(Totp::codeAt(secret, at(1234567890)) == "005924");
    CHECK(Totp::codeAt(secret, at(2000000000)) == "279037");
}

TEST_CASE("RFC 6238 §5.2: codes one step either side are accepted, two steps are not",
          "[crypto][totp]") {
    const auto secret = rfcSecret();
    const auto now = at(1111111111);
    const auto step = Totp::stepOf(now);
    CHECK(Totp::verify(secret, Totp::codeForStep(secret, step), now) == step);
    CHECK(Totp::verify(secret, Totp::codeForStep(secret, step - 1), now) == step - 1);
    CHECK(Totp::verify(secret, Totp::codeForStep(secret, step + 1), now) == step + 1);
    CHECK_FALSE(Totp::verify(secret, Totp::codeForStep(secret, step - 2), now));
    CHECK_FALSE(Totp::verify(secret, "12345", now));
    CHECK_FALSE(Totp::verify(secret, "abcdef", now));
}

TEST_CASE("the provisioning URI carries the base32 secret and issuer", "[crypto][totp]") {
    const auto uri = Totp::provisioningUri(rfcSecret(), "Bình An", "canbo.hoa");
    CHECK(uri.rfind("otpauth://totp/", 0) == 0);
    CHECK(uri.find("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") != std::string::npos);
    CHECK(uri.find("canbo.hoa") != std::string::npos);
    CHECK(uri.find("digits=6") != std::string::npos);
}
