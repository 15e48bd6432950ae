#pragma once
// The RFC 6962 (Certificate Transparency) Merkle Tree Hash, used by audit checkpoints
// (docs/formats.md, "Audit checkpoints") to commit to every audit entry up to a size.
//
//   MTH({})        = SHA-256()                               (the empty string)
//   MTH({d0})      = leaf hash, given                        (SHA-256(0x00 || entry) for RFC 6962)
//   MTH(D[0:n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))  for n > 1, k the largest power
//                    of two smaller than n
//
// Both forms here take leaf hashes (already SHA-256(0x00 || data)), not the data itself.
// merkleRoot() is the recursive definition over a list in memory; MerkleAccumulator computes the
// same root incrementally from a frontier of at most 64 subtree roots (O(log n) memory), so a
// checkpoint over millions of entries never holds them all.
//
// Thread-safety: the free functions are pure; a MerkleAccumulator is a value without internal
// locking (use one per thread or guard it). Failure: std::runtime_error only if libsodium's
// SHA-256 fails, which it does not in practice.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace binhan::crypto {

using Hash256 = std::array<std::uint8_t, 32>;

// SHA-256 of the empty string: the root of a tree with no leaves.
Hash256 emptyTreeHash();
// RFC 6962 leaf hash of arbitrary data: SHA-256(0x00 || data).
Hash256 merkleLeafHash(const std::uint8_t* data, std::size_t size);
// RFC 6962 interior node: SHA-256(0x01 || left || right).
Hash256 merkleNodeHash(const Hash256& left, const Hash256& right);
// The recursive MTH over `leafHashes` (the reference definition).
Hash256 merkleRoot(const std::vector<Hash256>& leafHashes);

class MerkleAccumulator {
  public:
    // Appends the next leaf hash. O(log n) time amortised O(1) node hashes.
    void add(const Hash256& leafHash);
    // The MTH over every leaf added so far (emptyTreeHash() when none). O(log n).
    Hash256 root() const;
    std::int64_t size() const { return size_; }

  private:
    // Roots of the perfect subtrees that make up the leaves so far, largest (leftmost) first:
    // one per set bit of size_, so at most 64 entries.
    std::vector<Hash256> frontier_;
    std::int64_t size_ = 0;
};

}  // namespace binhan::crypto
