#pragma once
// Seals small per-user secrets (the TOTP secret) for storage: encrypted and bound to the user
// record, so a database reader learns nothing and a sealed secret cannot be moved to another
// user. Implemented in src/app with the field cipher and a key derived from the master key.
#include <cstdint>
#include <vector>

#include "crypto/SecretBytes.h"

namespace binhan::service {

class SecretSealer {
  public:
    virtual ~SecretSealer() = default;
    virtual std::vector<std::uint8_t> seal(std::int64_t userId,
                                           const crypto::SecretBytes& secret) const = 0;
    // Throws when the sealed bytes were altered or belong to another user.
    virtual crypto::SecretBytes unseal(std::int64_t userId,
                                       const std::vector<std::uint8_t>& sealed) const = 0;
};

}  // namespace binhan::service
