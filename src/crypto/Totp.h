#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps,
// 6 digits, accepting the step before and after for clock drift. Single use is the caller's
// job: verify() returns the step that matched, and the caller refuses any step not newer than
// the last one accepted for that user. Pure computation; thread-safe.
#include <cstdint>
#include <optional>
#include <string>

#include "core/Clock.h"
#include "crypto/SecretBytes.h"

namespace binhan::crypto {

class Totp {
  public:
    static constexpr int kDigits = 6;
    static constexpr int kStepSeconds = 30;
    static constexpr std::size_t kSecretSize = 20;  // 160 bits, RFC 4226 §4

    static SecretBytes newSecret();
    // "otpauth://totp/Bình An:username?secret=…&issuer=…" for authenticator apps.
    static std::string provisioningUri(const SecretBytes& secret, const std::string& issuer,
                                       const std::string& account);

    // The code for the step containing `at` (zero-padded, 6 digits).
    static std::string codeAt(const SecretBytes& secret, core::TimePoint at);
    static std::string codeForStep(const SecretBytes& secret, std::int64_t step);
    static std::int64_t stepOf(core::TimePoint at);
    // The step (within ±1 of `now`) whose code equals `code`, compared in constant time;
    // nullopt when none does or `code` is not 6 digits.
    static std::optional<std::int64_t> verify(const SecretBytes& secret, const std::string& code,
                                              core::TimePoint now);
};

std::string base32Encode(const std::uint8_t* data, std::size_t size);  // RFC 4648, no padding

}  // namespace binhan::crypto
