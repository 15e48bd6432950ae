#include "crypto/MerkleTree.h"

#include <sodium.h>

#include <stdexcept>

namespace binhan::crypto {
namespace {

Hash256 prefixedHash(std::uint8_t prefix, const std::uint8_t* a, std::size_t aSize,
                     const std::uint8_t* b, std::size_t bSize) {
    crypto_hash_sha256_state state;
    Hash256 out{};
    if (crypto_hash_sha256_init(&state) != 0 ||
        crypto_hash_sha256_update(&state, &prefix, 1) != 0 ||
        (aSize > 0 && crypto_hash_sha256_update(&state, a, aSize) != 0) ||
        (bSize > 0 && crypto_hash_sha256_update(&state, b, bSize) != 0) ||
        crypto_hash_sha256_final(&state, out.data()) != 0)
        throw std::runtime_error("SHA-256 failed");
    return out;
}

// MTH over leaves[begin, end), end > begin.
Hash256 subtreeRoot(const std::vector<Hash256>& leaves, std::size_t begin, std::size_t end) {
    const std::size_t n = end - begin;
    if (n == 1) return leaves[begin];
    std::size_t k = 1;
    while (k * 2 < n) k *= 2;  // the largest power of two smaller than n
    return merkleNodeHash(subtreeRoot(leaves, begin, begin + k),
                          subtreeRoot(leaves, begin + k, end));
}

}  // namespace

Hash256 emptyTreeHash() {
    Hash256 out{};
    if (crypto_hash_sha256(out.data(), nullptr, 0) != 0) throw std::runtime_error("SHA-256 failed");
    return out;
}

Hash256 merkleLeafHash(const std::uint8_t* data, std::size_t size) {
    return prefixedHash(0x00, data, size, nullptr, 0);
}

Hash256 merkleNodeHash(const Hash256& left, const Hash256& right) {
    return prefixedHash(0x01, left.data(), left.size(), right.data(), right.size());
}

Hash256 merkleRoot(const std::vector<Hash256>& leafHashes) {
    if (leafHashes.empty()) return emptyTreeHash();
    return subtreeRoot(leafHashes, 0, leafHashes.size());
}

void MerkleAccumulator::add(const Hash256& leafHash) {
    // Like incrementing a binary counter: each trailing 1 bit of size_ is a perfect subtree of
    // the same height as the carry, and merges with it into one twice as big.
    Hash256 carry = leafHash;
    for (std::int64_t n = size_; n & 1; n >>= 1) {
        carry = merkleNodeHash(frontier_.back(), carry);
        frontier_.pop_back();
    }
    frontier_.push_back(carry);
    ++size_;
}

Hash256 MerkleAccumulator::root() const {
    if (frontier_.empty()) return emptyTreeHash();
    // The largest power of two splits first, so the tree is the left-to-right chain of perfect
    // subtrees, folded from the right (smallest) end.
    Hash256 root = frontier_.back();
    for (auto it = frontier_.rbegin() + 1; it != frontier_.rend(); ++it)
        root = merkleNodeHash(*it, root);
    return root;
}

}  // namespace binhan::crypto
