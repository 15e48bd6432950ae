#pragma once
// Sub-keys derived from a master key with HKDF-SHA256 (RFC 5869, OpenSSL 3 EVP_KDF "HKDF"), one
// per purpose, so that the blind index, the audit chain and backups never share a key with each
// other or with case-key wrapping. The purpose label is the HKDF "info"; the salt is empty
// (RFC 5869 §3.1: the master key is already uniformly random). docs/formats.md, "Derived keys".
//
// Thread-safe: each call uses its own EVP_KDF context. Failure: an empty input key or purpose,
// an info over 1024 bytes (OpenSSL's limit) or an output length outside 1..8160 (255 × 32)
// bytes throws std::invalid_argument; an OpenSSL failure throws std::runtime_error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "crypto/SecretBytes.h"

namespace binhan::crypto {

// The fixed purpose labels. Changing one changes every key derived for it: add a new "v2"
// label (and migrate) instead.
inline constexpr char kPurposeBlindIndex[] = "binhan blind-index v1";
inline constexpr char kPurposeAuditChain[] = "binhan audit-chain v1";
inline constexpr char kPurposeBackup[] = "binhan backup v1";

constexpr std::size_t kDerivedKeySize = 32;

// A 32-byte key for `purpose` (one of the labels above) from `master`. Deterministic: the same
// master and purpose always give the same key; different purposes give unrelated keys.
SecretBytes deriveKey(const SecretBytes& master, const std::string& purpose);

// HKDF-SHA256 itself: extract with `salt` (empty = 32 zero bytes), expand with `info` to
// `length` bytes. deriveKey is hkdfSha256(master, "", purpose, 32); exposed for RFC 5869 tests.
SecretBytes hkdfSha256(const SecretBytes& inputKey, const std::string& salt,
                       const std::string& info, std::size_t length);

}  // namespace binhan::crypto
