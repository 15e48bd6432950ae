#pragma once
// The versioned master keys (DESIGN.md §3). Case data keys are wrapped by the current version;
// older versions stay until nothing uses them (key rotation, service/KeyRotationService). The
// ring lives in a key file outside the database (KeyRingFile), never in it.
//
// The derivation root is the lowest version in the ring. The blind-index, audit-chain and TOTP
// sealing keys are derived from it (docs/decisions.md), so it never leaves the ring: when
// rotation retires it, it stays as a derivation-only key that wraps and unwraps nothing.
// Not thread-safe for mutation; share it const after loading (or through LiveKeyRing).
#include <cstdint>
#include <map>

#include "crypto/SecretBytes.h"

namespace binhan::crypto {

class KeyRing {
  public:
    static constexpr std::size_t kKeySize = 32;  // AES-256

    // Adds a wrapping key under `version`; throws std::invalid_argument on a bad size, version 0,
    // or a version already in the ring.
    void add(std::uint32_t version, SecretBytes key);
    // Adds the derivation root as derivation-only (retired for wrapping); it must be lower than
    // every other version. Throws std::invalid_argument otherwise, or when there is one already.
    void addDerivationOnly(std::uint32_t version, SecretBytes key);
    // True when the ring holds no wrapping key.
    bool empty() const { return keys_.empty(); }
    // The highest wrapping version; throws std::logic_error on an empty ring.
    std::uint32_t currentVersion() const;
    // A wrapping key. Throws std::out_of_range for an unknown or derivation-only version.
    const SecretBytes& key(std::uint32_t version) const;
    bool has(std::uint32_t version) const { return keys_.count(version) > 0; }
    // The wrapping keys, lowest version first (derivation-only keys are not among them).
    const std::map<std::uint32_t, SecretBytes>& keys() const { return keys_; }

    // The root of the derived keys: the lowest version, wrapping or derivation-only. Throws
    // std::logic_error on an empty ring.
    std::uint32_t derivationRootVersion() const;
    const SecretBytes& derivationRoot() const;
    // True when the derivation root is kept for derivation only.
    bool rootIsDerivationOnly() const { return !derivationOnly_.empty(); }

    // Key rotation: adds a fresh random key as version current + 1 and returns that version.
    std::uint32_t addNewVersion();
    // Retires `version` once nothing is wrapped under it: the derivation root becomes
    // derivation-only, any other version is removed. Throws std::invalid_argument for the
    // current version or one that is not a wrapping key.
    void retire(std::uint32_t version);

  private:
    std::map<std::uint32_t, SecretBytes> keys_;
    std::map<std::uint32_t, SecretBytes> derivationOnly_;  // at most one: the root
};

// A new ring holding one fresh random key, version 1.
KeyRing newKeyRing();

// The ring a running server should hold after reading `fromFile` while it held `held`: every
// key of both (a version retired from the file stays usable for reads already under way), the
// wrapping versions of either staying wrapping. Throws std::runtime_error when a version holds
// different bytes in the two, or the derivation root differs — the file is then not this
// deployment's key ring and must not be used.
KeyRing mergeKeyRings(const KeyRing& held, const KeyRing& fromFile);

}  // namespace binhan::crypto
