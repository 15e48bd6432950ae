#pragma once
// The audit hash chain (docs/formats.md, "Audit hash chain"). Entry n's stored hash is
//
//   hash(n) = HMAC-SHA-256(chainKey, hash(n-1) || canonicalBytes(entry n)),  hash(0) = 32 zero
//   bytes
//
// so editing, deleting, inserting or reordering any entry breaks every later link, and nobody
// without the chain key can forge a new chain. The chain key is derived from the master key
// (outside the database) for the purpose "binhan audit-chain v1" (crypto/KeyDerivation.h); it
// must always come from the same master-key version, or old entries stop verifying after a
// rotation. A full rewrite by someone holding the key is caught by the signed
// checkpoints (Checkpoint, AuditVerification), not by the chain.
//
// Thread-safety: the free functions are pure. A ChainVerifier is single-threaded state.
// Failure: std::invalid_argument for a chain key shorter than kMinChainKeyBytes or an entry that
// canonicalBytes refuses (chainHash, leafHash); ChainVerifier::add never throws for bad data —
// it reports it.
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "crypto/AuditEntry.h"
#include "crypto/MerkleTree.h"
#include "crypto/SecretBytes.h"

namespace binhan::crypto {

constexpr std::size_t kMinChainKeyBytes = 32;

// The hash before the first entry: 32 zero bytes.
Hash256 genesisHash();

// HMAC-SHA-256(chainKey, previousHash || canonicalBytes(entry)).
Hash256 chainHash(const SecretBytes& chainKey, const Hash256& previousHash,
                  const AuditEntry& entry);

// The RFC 6962 leaf hash of an entry for checkpoint Merkle trees: SHA-256(0x00 || canonicalBytes).
Hash256 leafHash(const AuditEntry& entry);

// Checks a chain fed in storage order, entry by entry, and remembers the first bad sequence:
// a stored hash that does not match, a malformed entry, or a sequence other than the next one
// (a gap from a deleted row, a repeat, or a reordering). The first entry must be sequence 1.
// After the first bad entry it accepts nothing more: count() and headHash() stay those of the
// last good entry.
class ChainVerifier {
  public:
    // Throws std::invalid_argument when the key is shorter than kMinChainKeyBytes.
    explicit ChainVerifier(SecretBytes chainKey);

    // True when `entry` is the next sequence and `storedHash` is its chain hash.
    bool add(const AuditEntry& entry, const Hash256& storedHash);
    // The first sequence that is wrong or missing; nullopt while every entry is good.
    std::optional<std::int64_t> firstBad() const { return firstBad_; }
    // Why firstBad() is bad, for people (empty while good).
    const std::string& reason() const { return reason_; }
    // The number of good entries, which is also the sequence of the last good entry.
    std::int64_t count() const { return count_; }
    // The chain hash of the last good entry (genesisHash() before the first).
    const Hash256& headHash() const { return head_; }

  private:
    bool fail(std::int64_t sequence, std::string reason);

    SecretBytes key_;
    Hash256 head_;
    std::int64_t count_ = 0;
    std::optional<std::int64_t> firstBad_;
    std::string reason_;
};

}  // namespace binhan::crypto
