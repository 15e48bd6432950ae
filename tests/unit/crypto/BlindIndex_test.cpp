#include "crypto/BlindIndex.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "crypto/KeyDerivation.h"
#include "crypto/SecureRandom.h"

using namespace binhan::crypto;

namespace {

SecretBytes masterFromRange() {
    SecretBytes key(32);
    for (std::size_t i = 0; i < key.size(); ++i) key.data()[i] = static_cast<std::uint8_t>(i);
    return key;
}

bool contains(const std::vector<std::string>& terms, const std::string& term) {
    return std::find(terms.begin(), terms.end(), term) != terms.end();
}

}  // namespace

TEST_CASE("blind-index terms are equal across diacritic and spacing variants",
          "[crypto][blindindex]") {
    initialiseCrypto();
    const BlindIndex index = BlindIndex::fromMasterKey(randomSecret(32));
    const std::string term = index.fullName("Nguyễn Thị Hoà");
    CHECK(term.size() == 2 * BlindIndex::kTermBytes);
    CHECK(index.fullName("NGUYEN thi  hoa") == term);
    CHECK(index.fullName("Nguye\u0302\u0303n Thi\u0323 Ho\u0300a") == term);
    CHECK(index.fullName("Nguyễn Thị Hoa Mai") != term);
    CHECK(index.phone("+84 912 345 678") == index.phone("0912.345.678"));
    CHECK(index.phone("0912345678") == index.phone("0912.345.678"));
    CHECK(index.phone("0912345679") != index.phone("0912345678"));
    CHECK(index.idNumber("001-234-567-890") == index.idNumber("001234567890"));
    CHECK(index.nameWords("Hòa") == index.nameWords("HOA"));
}

TEST_CASE("blind-index kinds are separate domains", "[crypto][blindindex]") {
    initialiseCrypto();
    const BlindIndex index = BlindIndex::fromMasterKey(randomSecret(32));
    // "0912345678" is a valid phone, ID number, name and name word alike.
    const std::string value = "0912345678";
    const std::vector<std::string> terms = {index.phone(value), index.idNumber(value),
                                            index.fullName(value), index.nameWords(value).at(0)};
    for (std::size_t i = 0; i < terms.size(); ++i)
        for (std::size_t j = i + 1; j < terms.size(); ++j) CHECK(terms[i] != terms[j]);
}

TEST_CASE("terms depend on the key", "[crypto][blindindex]") {
    initialiseCrypto();
    const SecretBytes master = randomSecret(32);
    const BlindIndex index = BlindIndex::fromMasterKey(master);
    CHECK(BlindIndex::fromMasterKey(master).phone("0912345678") == index.phone("0912345678"));
    CHECK(BlindIndex::fromMasterKey(randomSecret(32)).phone("0912345678") !=
          index.phone("0912345678"));
    // The master key is not used directly: the derived blind-index key is.
    CHECK(BlindIndex(master).phone("0912345678") != index.phone("0912345678"));
    CHECK(BlindIndex(deriveKey(master, kPurposeBlindIndex)).phone("0912345678") ==
          index.phone("0912345678"));
    CHECK_THROWS_AS(BlindIndex(SecretBytes(16)), std::invalid_argument);
}

TEST_CASE("terms for a fixed key never change (regression)", "[crypto][blindindex]") {
    // Expected values computed independently: HMAC-SHA-256 in Python over
    // u32 length of kind | kind | normalised value, under HKDF(master 00..1f, blind-index label).
    const BlindIndex index = BlindIndex::fromMasterKey(masterFromRange());
    CHECK(index.phone("+84 912 345 678") == "c7f927dd5c042c75362df88a2910250d");
    CHECK(index.idNumber("001234567890") == "ab453c88a47c7de531495b734891c8ae");
    CHECK(index.fullName("Nguyễn Thị Hoà") == "ca22b3d039a04e3f8310557ab3eddeda");
    CHECK(index.nameWords("Hoà").at(0) == "ee7b2ac048518fbe366783a2f97d93f4");
}

TEST_CASE("values that normalise to nothing give no term", "[crypto][blindindex]") {
    initialiseCrypto();
    const BlindIndex index = BlindIndex::fromMasterKey(randomSecret(32));
    CHECK(index.phone("") == "");
    CHECK(index.phone("113") == "");
    CHECK(index.idNumber(" - ") == "");
    CHECK(index.fullName(" ,. ") == "");
    CHECK(index.nameWords("").empty());
    CHECK(index.termsForQuery("").empty());
    CHECK(index.termsForQuery(" ; ").empty());
}

TEST_CASE("name words are one term per distinct word", "[crypto][blindindex]") {
    initialiseCrypto();
    const BlindIndex index = BlindIndex::fromMasterKey(randomSecret(32));
    const auto words = index.nameWords("Nguyễn Thị Hoà Hòa");
    REQUIRE(words.size() == 3);
    CHECK(words[0] == index.nameWords("nguyen").at(0));
    CHECK(words[2] == index.nameWords("hoa").at(0));
}

TEST_CASE("a name query matches by full name or by all its words", "[crypto][blindindex]") {
    initialiseCrypto();
    const BlindIndex index = BlindIndex::fromMasterKey(randomSecret(32));
    const SearchTerms terms = index.termsForQuery("nguyen thi hoa");
    CHECK(terms.anyOf == std::vector<std::string>{index.fullName("Nguyễn Thị Hoà")});
    CHECK(terms.allOf == index.nameWords("Nguyễn Thị Hoà"));
    // A letters-only query is neither a phone nor an ID number.
    CHECK_FALSE(contains(terms.anyOf, index.idNumber("nguyen thi hoa")));
}

TEST_CASE("a phone or ID query yields the phone and ID terms", "[crypto][blindindex]") {
    initialiseCrypto();
    const BlindIndex index = BlindIndex::fromMasterKey(randomSecret(32));
    const SearchTerms phone = index.termsForQuery("+84 912 345 678");
    CHECK(contains(phone.anyOf, index.phone("0912345678")));
    CHECK(contains(phone.anyOf, index.idNumber("84912345678")));
    const SearchTerms id = index.termsForQuery("b1234567");
    CHECK(contains(id.anyOf, index.idNumber("B1234567")));
    CHECK_FALSE(contains(id.anyOf, index.phone("b1234567")));  // too few digits: no phone term
    CHECK(index.phone("b1234567").empty());
}
