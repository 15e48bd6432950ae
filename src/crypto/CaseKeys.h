#pragma once
// Per-case data keys and their envelope (DESIGN.md §3, "Encryption at rest"). Each case has
// its own random 256-bit data key that encrypts the case's fields (FieldCipher); the database
// stores that key only wrapped (AES-256-GCM) under a version of the master key in the KeyRing,
// bound to the case id and master version, so a wrapped key copied onto another case, or
// relabelled with another master version, does not unwrap. Destroying the wrapped key erases
// the case (crypto-shredding). Rotating the master key re-wraps case keys only
// (rewrapCaseKey); field ciphertexts are untouched. Layout: docs/formats.md, "Wrapped case key".
//
// Thread-safe as long as the KeyRing is not mutated meanwhile (KeyRing.h). Failure: a case key
// that is not 32 bytes throws std::invalid_argument; an empty ring std::logic_error; a master
// version missing from the ring std::out_of_range (a configuration fault, not tampering); a
// wrapped key that does not authenticate (wrong master key, other case or version, altered,
// truncated) throws DecryptionError (FieldCipher.h).
#include <cstdint>
#include <vector>

#include "crypto/KeyRing.h"
#include "crypto/SecretBytes.h"

namespace binhan::crypto {

constexpr std::size_t kCaseKeySize = 32;

// A case data key as stored: which master version wraps it, and the sealed box
// (version 0x01 | nonce 12 | encrypted key 32 | tag 16 = 61 bytes).
struct WrappedKey {
    std::uint32_t masterVersion = 0;
    std::vector<std::uint8_t> blob;
};

// A fresh random 32-byte case data key (libsodium randombytes_buf).
SecretBytes newCaseKey();

// Wraps `caseKey` for case `caseId` under the ring's current master version.
WrappedKey wrapCaseKey(const KeyRing& ring, std::int64_t caseId, const SecretBytes& caseKey);

// The case key inside `wrapped`, unwrapped with master version wrapped.masterVersion.
SecretBytes unwrapCaseKey(const KeyRing& ring, std::int64_t caseId, const WrappedKey& wrapped);

// Key rotation: `wrapped` unwrapped with its own master version and wrapped again under the
// ring's current version. Returns a copy of `wrapped` when it already uses the current version.
WrappedKey rewrapCaseKey(const KeyRing& ring, std::int64_t caseId, const WrappedKey& wrapped);

}  // namespace binhan::crypto
