#include "crypto/CaseKeys.h"

#include <catch2/catch.hpp>

#include "crypto/FieldCipher.h"
#include "crypto/SecureRandom.h"

using namespace binhan::crypto;

namespace {

std::vector<std::uint8_t> fromHex(const std::string& hex) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

SecretBytes keyFromRange(std::uint8_t first) {
    SecretBytes key(32);
    for (std::size_t i = 0; i < key.size(); ++i)
        key.data()[i] = static_cast<std::uint8_t>(first + i);
    return key;
}

}  // namespace

TEST_CASE("a case key wraps under the current master version and unwraps", "[crypto][casekey]") {
    initialiseCrypto();
    KeyRing ring = newKeyRing();
    ring.add(2, randomSecret(32));
    const SecretBytes caseKey = newCaseKey();
    CHECK(caseKey.size() == kCaseKeySize);
    CHECK_FALSE(caseKey.equals(newCaseKey()));
    const WrappedKey wrapped = wrapCaseKey(ring, 7, caseKey);
    CHECK(wrapped.masterVersion == 2);
    CHECK(wrapped.blob.size() == 61);
    CHECK(wrapped.blob[0] == 0x01);
    CHECK(unwrapCaseKey(ring, 7, wrapped).equals(caseKey));
    CHECK(wrapCaseKey(ring, 7, caseKey).blob != wrapped.blob);  // fresh nonce
}

TEST_CASE("a wrong master key, another case or another version does not unwrap",
          "[crypto][casekey]") {
    initialiseCrypto();
    const KeyRing ring = newKeyRing();
    const KeyRing otherRing = newKeyRing();  // also version 1, different key
    const WrappedKey wrapped = wrapCaseKey(ring, 7, newCaseKey());
    CHECK_THROWS_AS(unwrapCaseKey(otherRing, 7, wrapped), DecryptionError);
    CHECK_THROWS_AS(unwrapCaseKey(ring, 8, wrapped), DecryptionError);

    KeyRing sameKeyTwice;  // relabelling the version is detected even under the same key
    sameKeyTwice.add(1, ring.key(1));
    sameKeyTwice.add(2, ring.key(1));
    WrappedKey relabelled = wrapped;
    relabelled.masterVersion = 2;
    CHECK_THROWS_AS(unwrapCaseKey(sameKeyTwice, 7, relabelled), DecryptionError);
    relabelled.masterVersion = 9;
    CHECK_THROWS_AS(unwrapCaseKey(ring, 7, relabelled), std::out_of_range);
}

TEST_CASE("an altered or truncated wrapped key does not unwrap", "[crypto][casekey]") {
    initialiseCrypto();
    const KeyRing ring = newKeyRing();
    const WrappedKey wrapped = wrapCaseKey(ring, 7, newCaseKey());
    for (std::size_t byte = 0; byte < wrapped.blob.size(); ++byte) {
        WrappedKey tampered = wrapped;
        tampered.blob[byte] ^= 0x80;
        INFO("byte " << byte);
        CHECK_THROWS_AS(unwrapCaseKey(ring, 7, tampered), DecryptionError);
    }
    WrappedKey truncated = wrapped;
    truncated.blob.pop_back();
    CHECK_THROWS_AS(unwrapCaseKey(ring, 7, truncated), DecryptionError);
    truncated.blob.clear();
    CHECK_THROWS_AS(unwrapCaseKey(ring, 7, truncated), DecryptionError);
}

TEST_CASE("rotation re-wraps under the new master version, fields stay readable",
          "[crypto][casekey]") {
    initialiseCrypto();
    KeyRing ring = newKeyRing();
    const SecretBytes caseKey = newCaseKey();
    const WrappedKey old = wrapCaseKey(ring, 7, caseKey);
    const FieldContext context{"survivor", 7, "phone", 1};
    const auto field = encryptField(caseKey, context, "0912345678");

    ring.add(2, randomSecret(32));
    const WrappedKey rotated = rewrapCaseKey(ring, 7, old);
    CHECK(rotated.masterVersion == 2);
    const SecretBytes unwrapped = unwrapCaseKey(ring, 7, rotated);
    CHECK(decryptField(unwrapped, context, field) == "0912345678");
    CHECK(rewrapCaseKey(ring, 7, rotated).blob == rotated.blob);  // already current
}

TEST_CASE("a wrapped key made by another AES-GCM implementation unwraps", "[crypto][casekey]") {
    // Python `cryptography` (AESGCM): master bytes 0x40..0x5f as version 2, case key bytes
    // 0x80..0x9f, case 7, AAD 01 | "case_key" | 7 | 2 as in docs/formats.md.
    KeyRing ring;
    ring.add(2, keyFromRange(0x40));
    const WrappedKey wrapped{
        2, fromHex("01b0b1b2b3b4b5b6b7b8b9babb8381020645cf6d1eb367ad73617bc2442e9916bbd08040086b5f"
                   "faa0152d6c0fd5944632133da8ad0410c26a18a49810")};
    CHECK(unwrapCaseKey(ring, 7, wrapped).equals(keyFromRange(0x80)));
}

TEST_CASE("a case key of the wrong size, or an empty ring, is refused", "[crypto][casekey]") {
    initialiseCrypto();
    const KeyRing ring = newKeyRing();
    CHECK_THROWS_AS(wrapCaseKey(ring, 7, SecretBytes(16)), std::invalid_argument);
    CHECK_THROWS_WITH(wrapCaseKey(KeyRing(), 7, newCaseKey()), Catch::Contains("empty"));
}
