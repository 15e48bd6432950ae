#pragma once
// The versioned master keys (DESIGN.md §3). Case data keys are wrapped by the current version;
// older versions stay until nothing uses them. The ring lives in a key file outside the database
// (KeyRingFile), never in it. Not thread-safe for mutation; share it const after loading.
#include <cstdint>
#include <map>

#include "crypto/SecretBytes.h"

namespace binhan::crypto {

class KeyRing {
public:
    static constexpr std::size_t kKeySize = 32;  // AES-256

    // Adds a key under `version`; throws std::invalid_argument on a bad size or a duplicate.
    void add(std::uint32_t version, SecretBytes key);
    bool empty() const { return keys_.empty(); }
    // The highest version; throws std::logic_error on an empty ring.
    std::uint32_t currentVersion() const;
    // Throws std::out_of_range for an unknown version.
    const SecretBytes& key(std::uint32_t version) const;
    const std::map<std::uint32_t, SecretBytes>& keys() const { return keys_; }

private:
    std::map<std::uint32_t, SecretBytes> keys_;
};

// A new ring holding one fresh random key, version 1.
KeyRing newKeyRing();

}  // namespace binhan::crypto
