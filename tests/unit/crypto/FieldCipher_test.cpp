#include "crypto/FieldCipher.h"

#include <catch2/catch.hpp>

#include "crypto/SecureRandom.h"

using namespace binhan::crypto;

namespace {

const FieldContext kContext{"survivor", 42, "full_name", 3};

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

TEST_CASE("a field round-trips and has the documented layout", "[crypto][cipher]") {
    initialiseCrypto();
    const SecretBytes key = randomSecret(32);
    for (const std::string& plaintext : {std::string(), std::string("Trần Thị Lụa"),
                                         std::string(1024, 'x'), std::string("a\0b", 3)}) {
        const auto sealedField = encryptField(key, kContext, plaintext);
        REQUIRE(sealedField.size() == 1 + 12 + plaintext.size() + 16);
        CHECK(sealedField[0] == 0x01);
        CHECK(decryptField(key, kContext, sealedField) == plaintext);
        CHECK(decryptField(key, kContext, sealedField.data(), sealedField.size()) == plaintext);
    }
}

TEST_CASE("two encryptions of the same text differ (fresh nonce)", "[crypto][cipher]") {
    initialiseCrypto();
    const SecretBytes key = randomSecret(32);
    const auto first = encryptField(key, kContext, "0912345678");
    const auto second = encryptField(key, kContext, "0912345678");
    CHECK(first != second);
    CHECK(std::vector<std::uint8_t>(first.begin() + 1, first.begin() + 13) !=
          std::vector<std::uint8_t>(second.begin() + 1, second.begin() + 13));
}

TEST_CASE("a ciphertext moved to another record, field, table or key version fails",
          "[crypto][cipher]") {
    initialiseCrypto();
    const SecretBytes key = randomSecret(32);
    const auto sealedField = encryptField(key, kContext, "Trần Thị Lụa");
    FieldContext otherRecord = kContext;
    otherRecord.recordId = 43;
    FieldContext otherField = kContext;
    otherField.field = "phone";
    FieldContext otherTable = kContext;
    otherTable.table = "perpetrator";
    FieldContext otherVersion = kContext;
    otherVersion.keyVersion = 4;
    CHECK_THROWS_AS(decryptField(key, otherRecord, sealedField), DecryptionError);
    CHECK_THROWS_AS(decryptField(key, otherField, sealedField), DecryptionError);
    CHECK_THROWS_AS(decryptField(key, otherTable, sealedField), DecryptionError);
    CHECK_THROWS_AS(decryptField(key, otherVersion, sealedField), DecryptionError);
    CHECK_THROWS_AS(decryptField(randomSecret(32), kContext, sealedField), DecryptionError);
    CHECK(decryptField(key, kContext, sealedField) == "Trần Thị Lụa");
}

TEST_CASE("every flipped bit is detected", "[crypto][cipher]") {
    initialiseCrypto();
    const SecretBytes key = randomSecret(32);
    const auto sealedField = encryptField(key, kContext, "Lụa");
    for (std::size_t byte = 0; byte < sealedField.size(); ++byte) {
        for (int bit = 0; bit < 8; ++bit) {
            auto tampered = sealedField;
            tampered[byte] ^= static_cast<std::uint8_t>(1u << bit);
            INFO("byte " << byte << " bit " << bit);
            CHECK_THROWS_AS(decryptField(key, kContext, tampered), DecryptionError);
        }
    }
}

TEST_CASE("truncated, extended or unknown-version data fails", "[crypto][cipher]") {
    initialiseCrypto();
    const SecretBytes key = randomSecret(32);
    const auto sealedField = encryptField(key, kContext, "Lụa");
    for (std::size_t length = 0; length < sealedField.size(); ++length) {
        INFO("length " << length);
        CHECK_THROWS_AS(decryptField(key, kContext, sealedField.data(), length), DecryptionError);
    }
    auto extended = sealedField;
    extended.push_back(0);
    CHECK_THROWS_AS(decryptField(key, kContext, extended), DecryptionError);
    auto version2 = sealedField;
    version2[0] = 0x02;
    CHECK_THROWS_WITH(decryptField(key, kContext, version2), Catch::Contains("version"));
    CHECK_THROWS_AS(decryptField(key, kContext, nullptr, 0), DecryptionError);
}

TEST_CASE("a decryption error never carries the plaintext", "[crypto][cipher]") {
    initialiseCrypto();
    const SecretBytes key = randomSecret(32);
    auto sealedField = encryptField(key, kContext, "Lụa");
    sealedField.back() ^= 1;
    try {
        decryptField(key, kContext, sealedField);
        FAIL("tampered data decrypted");
    } catch (const DecryptionError& e) {
        CHECK(std::string(e.what()).find("Lụa") == std::string::npos);
    }
}

TEST_CASE("the associated data is the documented canonical encoding", "[crypto][cipher]") {
    // docs/formats.md, "Field ciphertext".
    CHECK(fieldAssociatedData(kContext) == fromHex("01"
                                                   "00000005"
                                                   "6669656c64"  // "field"
                                                   "00000008"
                                                   "7375727669766f72"  // "survivor"
                                                   "000000000000002a"  // record 42
                                                   "00000009"
                                                   "66756c6c5f6e616d65"  // "full_name"
                                                   "00000003"));         // key version 3
    // Length prefixes keep ("ab", "c") apart from ("a", "bc").
    CHECK(fieldAssociatedData({"ab", 1, "c", 1}) != fieldAssociatedData({"a", 1, "bc", 1}));
    const auto negative = fieldAssociatedData({"t", -1, "f", 1});
    CHECK(std::vector<std::uint8_t>(negative.begin() + 15, negative.begin() + 23) ==
          std::vector<std::uint8_t>(8, 0xff));
}

TEST_CASE("a ciphertext made by another AES-GCM implementation decrypts", "[crypto][cipher]") {
    // Produced with Python `cryptography` (AESGCM) from the documented layout and AAD, key bytes
    // 0x20..0x3f, nonce a0..ab; so the format is fixed and matches the standard.
    const auto blob = fromHex(
        "01a0a1a2a3a4a5a6a7a8a9aaab2a4e458e63b9a0fec9c916310611971d341e66f045c328d1cbd0a0260efde0"
        "77c576");
    CHECK(decryptField(keyFromRange(0x20), kContext, blob) == "Trần Thị Lụa");
}

TEST_CASE("misuse is refused before any cryptography", "[crypto][cipher]") {
    const SecretBytes shortKey(16);
    CHECK_THROWS_AS(encryptField(shortKey, kContext, "x"), std::invalid_argument);
    CHECK_THROWS_AS(encryptField(keyFromRange(0), {"", 1, "f", 1}, "x"), std::invalid_argument);
    CHECK_THROWS_AS(encryptField(keyFromRange(0), {"t", 1, "", 1}, "x"), std::invalid_argument);
}
