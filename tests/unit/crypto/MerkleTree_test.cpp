#include "crypto/MerkleTree.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "crypto/SecureRandom.h"

using namespace binhan::crypto;

namespace {

std::vector<std::uint8_t> fromHex(const std::string& hex) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

std::string hex(const Hash256& h) {
    return toHex(h.data(), h.size());
}

Hash256 leafOf(const std::vector<std::uint8_t>& data) {
    return merkleLeafHash(data.data(), data.size());
}

// Leaf i of a made-up log: the 4-byte big-endian index.
std::vector<Hash256> leaves(std::size_t count) {
    std::vector<Hash256> out;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint8_t data[4] = {
            static_cast<std::uint8_t>(i >> 24), static_cast<std::uint8_t>(i >> 16),
            static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i)};
        out.push_back(merkleLeafHash(data, sizeof data));
    }
    return out;
}

// The tree heads published with Certificate Transparency's reference implementation for the
// eight RFC 6962 test leaves below (tree sizes 0..8).
const std::vector<std::string> kCtLeaves = {"",
                                            "00",
                                            "10",
                                            "2021",
                                            "3031",
                                            "40414243",
                                            "5051525354555657",
                                            "606162636465666768696a6b6c6d6e6f"};
const std::vector<std::string> kCtRoots = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

}  // namespace

TEST_CASE("Merkle roots match the RFC 6962 / Certificate Transparency test vectors",
          "[crypto][audit][merkle]") {
    std::vector<Hash256> leafHashes;
    MerkleAccumulator accumulator;
    CHECK(hex(merkleRoot(leafHashes)) == kCtRoots[0]);
    CHECK(hex(accumulator.root()) == kCtRoots[0]);
    for (std::size_t n = 1; n <= kCtLeaves.size(); ++n) {
        INFO("tree size " << n);
        leafHashes.push_back(leafOf(fromHex(kCtLeaves[n - 1])));
        accumulator.add(leafHashes.back());
        CHECK(hex(merkleRoot(leafHashes)) == kCtRoots[n]);
        CHECK(hex(accumulator.root()) == kCtRoots[n]);
        CHECK(accumulator.size() == static_cast<std::int64_t>(n));
    }
}

TEST_CASE("the empty tree, leaf and node hashes are the RFC 6962 ones", "[crypto][audit][merkle]") {
    CHECK(hex(emptyTreeHash()) == kCtRoots[0]);             // SHA-256 of the empty string
    CHECK(hex(merkleLeafHash(nullptr, 0)) == kCtRoots[1]);  // SHA-256(0x00)
    const Hash256 a = leafOf({}), b = leafOf({0x00});       // the first two CT leaves
    CHECK(hex(merkleNodeHash(a, b)) == kCtRoots[2]);
    CHECK(merkleNodeHash(a, b) != merkleNodeHash(b, a));
    // Domain separation: a node is not the leaf hash of its children's concatenation.
    std::vector<std::uint8_t> joined(a.begin(), a.end());
    joined.insert(joined.end(), b.begin(), b.end());
    CHECK(leafOf(joined) != merkleNodeHash(a, b));
}

TEST_CASE("the incremental accumulator equals the recursive definition for sizes 0..70",
          "[crypto][audit][merkle]") {
    const std::vector<Hash256> all = leaves(70);
    MerkleAccumulator accumulator;
    for (std::size_t n = 0; n <= all.size(); ++n) {
        INFO("tree size " << n);
        const std::vector<Hash256> prefix(all.begin(), all.begin() + static_cast<long>(n));
        CHECK(accumulator.root() == merkleRoot(prefix));
        if (n < all.size()) accumulator.add(all[n]);
    }
}

TEST_CASE("every leaf and its position change the root", "[crypto][audit][merkle]") {
    std::vector<Hash256> tree = leaves(37);
    const Hash256 root = merkleRoot(tree);
    for (std::size_t i = 0; i < tree.size(); ++i) {
        std::vector<Hash256> changed = tree;
        changed[i][0] ^= 1;
        CHECK(merkleRoot(changed) != root);
    }
    std::swap(tree[3], tree[4]);
    CHECK(merkleRoot(tree) != root);
    tree.pop_back();
    CHECK(merkleRoot(tree) != root);
}

TEST_CASE("a large accumulator agrees with the recursive root", "[crypto][audit][merkle]") {
    const std::vector<Hash256> all = leaves(4099);  // 2^12 + 3: a ragged right edge
    MerkleAccumulator accumulator;
    for (const Hash256& leaf : all) accumulator.add(leaf);
    CHECK(accumulator.size() == 4099);
    CHECK(accumulator.root() == merkleRoot(all));
}
