#pragma once
// service::SecretSealer for TOTP secrets: AES-256-GCM (crypto/FieldCipher) under a key derived
// from the current master key, bound to (users, user id, totp_secret). Thread-safe.
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
    const crypto::KeyRing& ring_;
};

}  // namespace binhan::app
