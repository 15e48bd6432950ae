#include "app/TotpSealer.h"

#include <cstring>

#include "crypto/FieldCipher.h"
#include "crypto/KeyDerivation.h"

namespace binhan::app {
namespace {

const char* const kTotpPurpose = "binhan totp-secret v1";

// The sealed form: 4-byte big-endian master key version, then the field ciphertext.
crypto::FieldContext contextFor(std::int64_t userId, std::uint32_t version) {
    return crypto::FieldContext{"users", userId, "totp_secret", version};
}

}  // namespace

TotpSealer::TotpSealer(const crypto::KeyRing& ring)
    : version_(ring.derivationRootVersion()),
      key_(crypto::deriveKey(ring.derivationRoot(), kTotpPurpose)) {}

std::vector<std::uint8_t> TotpSealer::seal(std::int64_t userId,
                                           const crypto::SecretBytes& secret) const {
    const std::uint32_t version = version_;
    const std::string plain(reinterpret_cast<const char*>(secret.data()), secret.size());
    auto body = crypto::encryptField(key_, contextFor(userId, version), plain);
    std::vector<std::uint8_t> out = {
        static_cast<std::uint8_t>(version >> 24), static_cast<std::uint8_t>(version >> 16),
        static_cast<std::uint8_t>(version >> 8), static_cast<std::uint8_t>(version)};
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

crypto::SecretBytes TotpSealer::unseal(std::int64_t userId,
                                       const std::vector<std::uint8_t>& sealed) const {
    if (sealed.size() < 4) throw crypto::DecryptionError("sealed secret too short");
    const std::uint32_t version = (std::uint32_t{sealed[0]} << 24) |
                                  (std::uint32_t{sealed[1]} << 16) |
                                  (std::uint32_t{sealed[2]} << 8) | std::uint32_t{sealed[3]};
    if (version != version_) throw crypto::DecryptionError("sealed under another master key");
    std::string plain = crypto::decryptField(key_, contextFor(userId, version), sealed.data() + 4,
                                             sealed.size() - 4);
    crypto::SecretBytes secret(reinterpret_cast<const std::uint8_t*>(plain.data()), plain.size());
    std::memset(plain.data(), 0, plain.size());
    return secret;
}

}  // namespace binhan::app
