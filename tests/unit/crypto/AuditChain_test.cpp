#include "crypto/AuditChain.h"

#include <openssl/evp.h>

#include <catch2/catch.hpp>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "crypto/SecureRandom.h"

using namespace binhan::crypto;

namespace {

const std::string kTime = "2024-05-01T08:30:00Z";

// A made-up entry: no real person, address from TEST-NET-1 (RFC 5737).
AuditEntry sampleEntry(std::int64_t sequence) {
    AuditEntry e;
    e.sequence = sequence;
    e.time = "2024-05-01T08:" + std::string(sequence % 60 < 10 ? "0" : "") +
             std::to_string(sequence % 60) + ":00Z";
    e.actorId = 7 + sequence % 3;
    e.role = sequence % 2 ? "police" : "union";
    e.action = "case.read";
    e.caseId = 40 + sequence % 5;
    e.sourceAddress = "192.0.2." + std::to_string(sequence % 250);
    e.outcome = "ok";
    return e;
}

std::string asciiHex(const std::string& text) {
    return toHex(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

std::string hexOf(const std::vector<std::uint8_t>& bytes) {
    return toHex(bytes.data(), bytes.size());
}

AuditEntry decode(const std::vector<std::uint8_t>& bytes) {
    return decodeCanonical(bytes.data(), bytes.size());
}

struct Row {
    AuditEntry entry;
    Hash256 hash;
};

std::vector<Row> makeChain(const SecretBytes& key, int count) {
    std::vector<Row> rows;
    Hash256 previous = genesisHash();
    for (int i = 1; i <= count; ++i) {
        AuditEntry e = sampleEntry(i);
        previous = chainHash(key, previous, e);
        rows.push_back({e, previous});
    }
    return rows;
}

std::optional<std::int64_t> firstBadOf(const SecretBytes& key, const std::vector<Row>& rows,
                                       std::string* reason = nullptr) {
    ChainVerifier verifier(key);
    for (const Row& row : rows) verifier.add(row.entry, row.hash);
    if (reason != nullptr) *reason = verifier.reason();
    return verifier.firstBad();
}

}  // namespace

TEST_CASE("the canonical encoding is the documented byte layout", "[crypto][audit]") {
    AuditEntry e;
    e.sequence = 1;
    e.time = kTime;
    e.actorId = 7;
    e.role = "police";
    e.action = "case.read";
    e.caseId = 42;
    e.sourceAddress = "192.0.2.10";
    e.outcome = "ok";
    const std::string expected =
        "01"
        "0000000000000001"
        "0014" +
        asciiHex(kTime) +
        "0000000000000007"
        "0006" +
        asciiHex("police") + "0009" + asciiHex("case.read") +
        "000000000000002a"
        "000a" +
        asciiHex("192.0.2.10") + "0002" + asciiHex("ok") + "0000";
    CHECK(hexOf(canonicalBytes(e)) == expected);
}

TEST_CASE("canonical bytes decode back to the same entry", "[crypto][audit]") {
    AuditEntry full = sampleEntry(123456789012LL);
    full.detail = "Lý do: kiểm tra định kỳ";  // UTF-8 detail, no personal data
    full.sourceAddress = "2001:db8::1";
    AuditEntry sparse;
    sparse.sequence = 1;
    sparse.time = "2024-12-31T23:59:60.123456789Z";
    sparse.action = "login.failure";
    sparse.outcome = "denied";
    AuditEntry longest = sampleEntry(INT64_MAX);
    longest.actorId = INT64_MAX;
    longest.role = std::string(kMaxRoleBytes, 'r');
    longest.action = std::string(kMaxActionBytes, 'a');
    longest.sourceAddress = std::string(kMaxSourceAddressBytes, 's');
    longest.outcome = std::string(kMaxOutcomeBytes, 'o');
    longest.detail = std::string(kMaxDetailBytes, 'd');
    for (const AuditEntry& e : {full, sparse, longest}) CHECK(decode(canonicalBytes(e)) == e);
}

TEST_CASE("different entries never share canonical bytes", "[crypto][audit]") {
    AuditEntry a = sampleEntry(5), b = sampleEntry(5);
    a.role = "police";
    a.action = "x.y";
    b.role = "policex";
    b.action = ".y";
    CHECK(canonicalBytes(a) != canonicalBytes(b));  // length prefixes keep fields apart
    b = a;
    b.caseId = 0;
    CHECK(canonicalBytes(a) != canonicalBytes(b));
}

TEST_CASE("entries breaking the field rules are refused", "[crypto][audit]") {
    const std::vector<std::function<void(AuditEntry&)>> changes = {
        [](AuditEntry& e) { e.sequence = 0; },
        [](AuditEntry& e) { e.actorId = -1; },
        [](AuditEntry& e) { e.caseId = -5; },
        [](AuditEntry& e) { e.time = "2024-05-01 08:30:00Z"; },
        [](AuditEntry& e) { e.time = "2024-05-01T08:30:00+07:00"; },
        [](AuditEntry& e) { e.time = "2024-02-30T08:30:00Z"; },
        [](AuditEntry& e) { e.time = ""; },
        [](AuditEntry& e) { e.role = "po lice"; },
        [](AuditEntry& e) { e.role = std::string(kMaxRoleBytes + 1, 'r'); },
        [](AuditEntry& e) { e.action = ""; },
        [](AuditEntry& e) { e.action = "case.read\n"; },
        [](AuditEntry& e) { e.outcome = ""; },
        [](AuditEntry& e) { e.sourceAddress = "192.0.2.1\t"; },
        [](AuditEntry& e) { e.detail = std::string(kMaxDetailBytes + 1, 'd'); },
        [](AuditEntry& e) { e.detail = "\xC3"; },              // truncated sequence
        [](AuditEntry& e) { e.detail = "\xC0\x80"; },          // overlong NUL
        [](AuditEntry& e) { e.detail = "\xED\xA0\x80"; },      // surrogate
        [](AuditEntry& e) { e.detail = "\xF4\x90\x80\x80"; },  // above U+10FFFF
    };
    for (std::size_t i = 0; i < changes.size(); ++i) {
        INFO("change " << i);
        AuditEntry e = sampleEntry(3);
        changes[i](e);
        CHECK_THROWS_AS(canonicalBytes(e), std::invalid_argument);
    }
}

TEST_CASE("truncated, extended or garbled encodings are rejected", "[crypto][audit]") {
    AuditEntry e = sampleEntry(9);
    e.detail = "tệp xuất";
    const std::vector<std::uint8_t> good = canonicalBytes(e);
    for (std::size_t n = 0; n < good.size(); ++n) {
        INFO("prefix of " << n << " bytes");
        CHECK_THROWS_AS(decodeCanonical(good.data(), n), std::invalid_argument);
    }
    CHECK_THROWS_AS(decodeCanonical(nullptr, 0), std::invalid_argument);
    std::vector<std::uint8_t> bytes = good;
    bytes.push_back(0);
    CHECK_THROWS_WITH(decode(bytes), Catch::Contains("trailing"));
    bytes = good;
    bytes[0] = 2;
    CHECK_THROWS_WITH(decode(bytes), Catch::Contains("format"));
    bytes = good;
    bytes[9] = 0xFF;  // time length 0xFF14: beyond its bound and the buffer
    CHECK_THROWS_WITH(decode(bytes), Catch::Contains("too long"));
    bytes = good;
    bytes[1] = 0x80;  // negative sequence
    CHECK_THROWS_AS(decode(bytes), std::invalid_argument);
}

TEST_CASE("random corruption either fails cleanly or re-encodes to the same bytes",
          "[crypto][audit]") {
    std::mt19937 random(20240501);  // fixed seed: reproducible
    const std::vector<std::uint8_t> good = canonicalBytes(sampleEntry(17));
    int decoded = 0;
    for (int round = 0; round < 20000; ++round) {
        std::vector<std::uint8_t> bytes = good;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int k = 0; k < edits; ++k) {
            const std::size_t at = random() % bytes.size();
            switch (random() % 3) {
                case 0:
                    bytes[at] = static_cast<std::uint8_t>(random());
                    break;
                case 1:
                    bytes.resize(at + 1);
                    break;
                default:
                    bytes.insert(bytes.begin() + static_cast<long>(at), 0x41);
                    break;
            }
        }
        try {
            const AuditEntry e = decode(bytes);
            CHECK(canonicalBytes(e) == bytes);  // one encoding per entry
            ++decoded;
        } catch (const std::invalid_argument&) {
        }
    }
    CHECK(decoded < 20000);
}

TEST_CASE("chain and leaf hashes are HMAC-SHA-256 and RFC 6962 leaves of the canonical bytes",
          "[crypto][audit]") {
    const SecretBytes key = randomSecret(32);
    const AuditEntry e = sampleEntry(1);
    const std::vector<std::uint8_t> bytes = canonicalBytes(e);
    Hash256 previous{};
    previous[31] = 0x5a;
    std::vector<std::uint8_t> message(previous.begin(), previous.end());
    message.insert(message.end(), bytes.begin(), bytes.end());
    Hash256 expected{};
    std::size_t length = 0;
    REQUIRE(EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(),
                      message.data(), message.size(), expected.data(), expected.size(), &length));
    CHECK(chainHash(key, previous, e) == expected);
    CHECK(chainHash(key, genesisHash(), e) != expected);
    CHECK(genesisHash() == Hash256{});

    std::vector<std::uint8_t> leafInput{0x00};
    leafInput.insert(leafInput.end(), bytes.begin(), bytes.end());
    unsigned int digestLength = 0;
    REQUIRE(EVP_Digest(leafInput.data(), leafInput.size(), expected.data(), &digestLength,
                       EVP_sha256(), nullptr));
    CHECK(leafHash(e) == expected);
    CHECK_THROWS_AS(chainHash(SecretBytes(16), previous, e), std::invalid_argument);
}

TEST_CASE("an intact chain verifies and reports its head", "[crypto][audit]") {
    const SecretBytes key = randomSecret(32);
    const std::vector<Row> rows = makeChain(key, 50);
    ChainVerifier verifier(key);
    CHECK(verifier.headHash() == genesisHash());
    for (const Row& row : rows) CHECK(verifier.add(row.entry, row.hash));
    CHECK_FALSE(verifier.firstBad());
    CHECK(verifier.reason().empty());
    CHECK(verifier.count() == 50);
    CHECK(verifier.headHash() == rows.back().hash);
    CHECK_THROWS_AS(ChainVerifier(SecretBytes(8)), std::invalid_argument);
}

TEST_CASE("editing any field of one entry breaks the chain at that sequence", "[crypto][audit]") {
    const SecretBytes key = randomSecret(32);
    const std::vector<Row> rows = makeChain(key, 50);
    const std::vector<std::function<void(AuditEntry&)>> edits = {
        [](AuditEntry& e) { e.time = "2024-05-01T09:00:00Z"; },
        [](AuditEntry& e) { e.actorId += 1; },
        [](AuditEntry& e) { e.role = "leader"; },
        [](AuditEntry& e) { e.action = "case.update"; },
        [](AuditEntry& e) { e.caseId = 0; },
        [](AuditEntry& e) { e.sourceAddress = "198.51.100.1"; },
        [](AuditEntry& e) { e.outcome = "denied"; },
        [](AuditEntry& e) { e.detail = "x"; },
        [](AuditEntry& e) { e.sequence = 99; },
        [](AuditEntry& e) { e.action = "bad action"; },  // no longer encodable
    };
    for (std::size_t i = 0; i < edits.size(); ++i) {
        INFO("edit " << i);
        std::vector<Row> tampered = rows;
        edits[i](tampered[22].entry);
        CHECK(firstBadOf(key, tampered) == 23);
    }
    std::vector<Row> tampered = rows;
    tampered[22].hash[5] ^= 0x01;  // the stored hash itself
    CHECK(firstBadOf(key, tampered) == 23);
}

TEST_CASE("deleted, swapped, repeated and misnumbered entries are found", "[crypto][audit]") {
    const SecretBytes key = randomSecret(32);
    const std::vector<Row> rows = makeChain(key, 50);
    std::string reason;
    std::vector<Row> t = rows;
    t.erase(t.begin() + 29);  // sequence 30
    CHECK(firstBadOf(key, t, &reason) == 30);
    CHECK_THAT(reason, Catch::Contains("expected sequence 30, found 31 (entries missing)"));
    t = rows;
    std::swap(t[9], t[19]);  // sequences 10 and 20
    CHECK(firstBadOf(key, t) == 10);
    t = rows;
    std::swap(t[9].entry, t[19].entry);  // contents swapped, sequence column renumbered
    std::swap(t[9].entry.sequence, t[19].entry.sequence);
    CHECK(firstBadOf(key, t, &reason) == 10);
    CHECK_THAT(reason, Catch::Contains("stored hash does not match"));
    t = rows;
    t.insert(t.begin() + 5, rows[4]);  // sequence 5 twice
    CHECK(firstBadOf(key, t, &reason) == 6);
    CHECK_THAT(reason, Catch::Contains("found 5 (repeated or out of order)"));
    t = rows;
    t.erase(t.begin());  // starts at 2
    CHECK(firstBadOf(key, t) == 1);
    CHECK_FALSE(firstBadOf(randomSecret(32), rows) == std::nullopt);  // another key

    ChainVerifier verifier(key);
    for (int i = 0; i < 10; ++i) verifier.add(rows[i].entry, rows[i].hash);
    CHECK_FALSE(verifier.add(rows[11].entry, rows[11].hash));
    CHECK_THAT(verifier.reason(), Catch::Contains("sequence 11"));
    CHECK_FALSE(verifier.add(rows[10].entry, rows[10].hash));  // nothing after the first bad
    CHECK(verifier.count() == 10);
    CHECK(verifier.headHash() == rows[9].hash);
    CHECK(verifier.firstBad() == 11);
}
