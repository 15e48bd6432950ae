#pragma once
// service::SecretSealer for TOTP secrets: AES-256-GCM (crypto/FieldCipher) under a key derived
// from the derivation root of the key ring (its oldest version, which rotation never removes;
// docs/decisions.md), bound to (users, user id, totp_secret). Thread-safe.
#include "crypto/KeyRing.h"
#include "service/SecretSealer.h"

namespace binhan::app {

class TotpSealer final : public service::SecretSealer {
  public:
    explicit TotpSealer(const crypto::KeyRing& ring);
    std::vector<std::uint8_t> seal(std::int64_t userId,
                                   const crypto::SecretBytes& secret) const override;
    crypto::SecretBytes unseal(std::int64_t userId,
                               const std::vector<std::uint8_t>& sealed) const override;

  private:
    std::uint32_t version_;  // of the derivation root, written before each sealed secret
    crypto::SecretBytes key_;
};

}  // namespace binhan::app
