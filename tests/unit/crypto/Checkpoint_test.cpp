#include "crypto/Checkpoint.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "crypto/SecureRandom.h"

using namespace binhan::crypto;
namespace fs = std::filesystem;

namespace {

// A fresh directory for one test, removed with everything in it afterwards.
struct TempDir {
    explicit TempDir(const std::string& name)
        : path(fs::temp_directory_path() /
               ("binhan-unit-" + std::to_string(::getpid()) + "-checkpoint-" + name)) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string file(const std::string& name) const { return (path / name).string(); }
    fs::path path;
};

fs::perms permissionsOf(const std::string& path) {
    return fs::status(path).permissions() & fs::perms::all;
}

Hash256 filled(std::uint8_t value) {
    Hash256 h{};
    h.fill(value);
    return h;
}

std::string readText(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string repeat(const std::string& piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += piece;
    return out;
}

void writeText(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace

TEST_CASE("the checkpoint key is created 0600 with its public key beside it, then reused",
          "[crypto][audit][checkpoint]") {
    initialiseCrypto();
    TempDir dir("create");
    const std::string keyPath = dir.file("audit-checkpoint.key");
    const CheckpointSigner first = CheckpointSigner::loadOrCreate(keyPath);
    CHECK(permissionsOf(keyPath) == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(readText(keyPath).rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
    CHECK(readText(keyPath + ".pub").rfind("-----BEGIN PUBLIC KEY-----", 0) == 0);
    CHECK(CheckpointPublicKey::load(keyPath + ".pub") == first.publicKey());
    CHECK_FALSE(fs::exists(keyPath + ".tmp"));

    const CheckpointSigner again = CheckpointSigner::loadOrCreate(keyPath);
    CHECK(again.publicKey() == first.publicKey());
    fs::remove(keyPath + ".pub");
    CHECK(CheckpointSigner::loadOrCreate(keyPath).publicKey() == first.publicKey());
    CHECK(CheckpointPublicKey::load(keyPath + ".pub") == first.publicKey());  // rewritten
}

TEST_CASE("an exposed, foreign or mismatched checkpoint key is refused",
          "[crypto][audit][checkpoint]") {
    initialiseCrypto();
    TempDir dir("refuse");
    const std::string keyPath = dir.file("k.pem");
    const CheckpointSigner signer = CheckpointSigner::loadOrCreate(keyPath);
    ::chmod(keyPath.c_str(), 0640);
    CHECK_THROWS_WITH(CheckpointSigner::loadOrCreate(keyPath),
                      Catch::Contains("readable by others"));
    ::chmod(keyPath.c_str(), 0600);

    const std::string otherPath = dir.file("other.pem");
    const CheckpointSigner other = CheckpointSigner::loadOrCreate(otherPath);
    fs::copy_file(otherPath + ".pub", keyPath + ".pub", fs::copy_options::overwrite_existing);
    CHECK_THROWS_WITH(CheckpointSigner::loadOrCreate(keyPath),
                      Catch::Contains("different public key"));

    const std::string ecPath = dir.file("ec.pem");  // a key, but not Ed25519
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> ec(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    FILE* f = std::fopen(ecPath.c_str(), "w");
    REQUIRE(f != nullptr);
    PEM_write_PrivateKey(f, ec.get(), nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    ::chmod(ecPath.c_str(), 0600);
    CHECK_THROWS_WITH(CheckpointSigner::loadOrCreate(ecPath), Catch::Contains("not an Ed25519"));
    CHECK_THROWS_AS(CheckpointPublicKey::fromPem("garbage"), std::invalid_argument);
    CHECK_THROWS_AS(CheckpointPublicKey::load(dir.file("missing.pub")), std::runtime_error);
}

TEST_CASE("a key file holding the RFC 8032 test seed gives its published public key",
          "[crypto][audit][checkpoint]") {
    // RFC 8032 §7.1, TEST 1.
    const std::vector<std::uint8_t> seed = {0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60,
                                            0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4,
                                            0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19,
                                            0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60};
    TempDir dir("rfc8032");
    const std::string keyPath = dir.file("k.pem");
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()),
        &EVP_PKEY_free);
    FILE* f = std::fopen(keyPath.c_str(), "w");
    REQUIRE(f != nullptr);
    PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    ::chmod(keyPath.c_str(), 0600);
    const CheckpointSigner signer = CheckpointSigner::loadOrCreate(keyPath);
    CHECK(toHex(signer.publicKey().raw().data(), 32) ==
          "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
}

TEST_CASE("a signed checkpoint verifies, any change or another key is rejected",
          "[crypto][audit][checkpoint]") {
    initialiseCrypto();
    TempDir dir("sign");
    const CheckpointSigner signer = CheckpointSigner::loadOrCreate(dir.file("a.pem"));
    const CheckpointSigner stranger = CheckpointSigner::loadOrCreate(dir.file("b.pem"));
    const Checkpoint cp = signer.sign(50, filled(0xAB), filled(0xCD), "2024-05-01T08:30:00Z");
    REQUIRE(cp.signature.size() == kCheckpointSignatureBytes);
    CHECK(CheckpointSigner::verify(cp, signer.publicKey()));
    CHECK_FALSE(CheckpointSigner::verify(cp, stranger.publicKey()));

    std::vector<Checkpoint> forged(6, cp);
    forged[0].size = 49;
    forged[1].headHash[31] ^= 1;
    forged[2].merkleRoot[0] ^= 1;
    forged[3].time = "2024-05-01T08:30:01Z";
    forged[4].signature[10] ^= 0x40;
    forged[5].signature.pop_back();
    for (std::size_t i = 0; i < forged.size(); ++i) {
        INFO("forgery " << i);
        CHECK_FALSE(CheckpointSigner::verify(forged[i], signer.publicKey()));
    }
    Checkpoint badTime = cp;
    badTime.time = "yesterday";
    CHECK_FALSE(CheckpointSigner::verify(badTime, signer.publicKey()));
    CHECK_THROWS_AS(signer.sign(-1, filled(0), filled(0), "2024-05-01T08:30:00Z"),
                    std::invalid_argument);
    CHECK_THROWS_AS(signer.sign(1, filled(0), filled(0), "2024-05-01"), std::invalid_argument);
}

TEST_CASE("the signed bytes are the documented layout", "[crypto][audit][checkpoint]") {
    Checkpoint cp;
    cp.size = 258;
    cp.headHash = filled(0x11);
    cp.merkleRoot = filled(0x22);
    cp.time = "2024-05-01T08:30:00Z";
    const std::vector<std::uint8_t> bytes = checkpointSignedBytes(cp);
    const std::string expected =
        toHex(reinterpret_cast<const std::uint8_t*>("binhan-audit-checkpoint"), 23) +
        "00"
        "01"
        "0000000000000102" +
        std::string(64, '1') + std::string(64, '2') + "0014" +
        toHex(reinterpret_cast<const std::uint8_t*>(cp.time.data()), 20);
    CHECK(toHex(bytes.data(), bytes.size()) == expected);
}

TEST_CASE("checkpoint lines round-trip and malformed lines are refused",
          "[crypto][audit][checkpoint]") {
    Checkpoint cp;
    cp.size = 1000000;
    cp.headHash = filled(0x0f);
    cp.merkleRoot = filled(0xa0);
    cp.time = "2024-05-01T08:30:00.5Z";
    cp.signature.assign(64, 0x5c);
    const std::string line = formatCheckpointLine(cp);
    CHECK(line == "v1 1000000 " + repeat("0f", 32) + " " + repeat("a0", 32) +
                      " 2024-05-01T08:30:00.5Z " + base64Encode(cp.signature.data(), 64));
    const Checkpoint back = parseCheckpointLine(line);
    CHECK(back.size == cp.size);
    CHECK(back.headHash == cp.headHash);
    CHECK(back.merkleRoot == cp.merkleRoot);
    CHECK(back.time == cp.time);
    CHECK(back.signature == cp.signature);

    const std::string head(64, 'a'), sig = base64Encode(cp.signature.data(), 64);
    const std::string t = "2024-05-01T08:30:00Z";
    const std::vector<std::string> bad = {
        "",
        "v2 1 " + head + " " + head + " " + t + " " + sig,
        "v1 1 " + head + " " + head + " " + t,
        "v1  1 " + head + " " + head + " " + t + " " + sig,
        "v1 1 " + head + " " + head + " " + t + " " + sig + " ",
        "v1 -1 " + head + " " + head + " " + t + " " + sig,
        "v1 01 " + head + " " + head + " " + t + " " + sig,
        "v1 9223372036854775808 " + head + " " + head + " " + t + " " + sig,
        "v1 1 " + std::string(64, 'A') + " " + head + " " + t + " " + sig,
        "v1 1 " + head + " " + head.substr(1) + " " + t + " " + sig,
        "v1 1 " + head + " " + head + " 2024-05-01T08:30:00+07:00 " + sig,
        "v1 1 " + head + " " + head + " " + t + " " + sig.substr(4),
        "v1 1 " + head + " " + head + " " + t + " " + "!" + sig.substr(1),
        "v1 1 " + head + " " + head + " " + t + " " + sig.substr(0, 85) + "B==",  // stray bits
    };
    for (std::size_t i = 0; i < bad.size(); ++i) {
        INFO("line " << i << ": " << bad[i]);
        CHECK_THROWS_AS(parseCheckpointLine(bad[i]), std::invalid_argument);
    }
    CHECK(parseCheckpointLine("v1 9223372036854775807 " + head + " " + head + " " + t + " " + sig)
              .size == INT64_MAX);
    cp.signature.pop_back();
    CHECK_THROWS_AS(formatCheckpointLine(cp), std::invalid_argument);
}

TEST_CASE("checkpoints append to a 0600 file and read back in order, bad lines name their number",
          "[crypto][audit][checkpoint]") {
    initialiseCrypto();
    TempDir dir("file");
    const CheckpointSigner signer = CheckpointSigner::loadOrCreate(dir.file("k.pem"));
    const std::string path = dir.file("audit-checkpoints");
    for (std::int64_t size : {10, 20, 30})
        appendCheckpoint(path, signer.sign(size, filled(static_cast<std::uint8_t>(size)), filled(1),
                                           "2024-05-01T08:30:00Z"));
    CHECK(permissionsOf(path) == (fs::perms::owner_read | fs::perms::owner_write));
    const std::vector<Checkpoint> read = readCheckpoints(path);
    REQUIRE(read.size() == 3);
    CHECK(read[1].size == 20);
    CHECK(read[2].headHash == filled(30));
    for (const Checkpoint& cp : read) CHECK(CheckpointSigner::verify(cp, signer.publicKey()));

    const std::string text = readText(path);
    const std::size_t secondLine = text.find('\n') + 1;
    writeText(path, text.substr(0, secondLine) + "v1 oops\n" + text.substr(secondLine));
    CHECK_THROWS_WITH(readCheckpoints(path),
                      Catch::Contains("line 2") && Catch::Contains("6 fields"));
    writeText(path, text + "v1 40 ab");  // a torn append
    CHECK_THROWS_WITH(readCheckpoints(path),
                      Catch::Contains("line 4") && Catch::Contains("incomplete"));
    CHECK_THROWS_WITH(appendCheckpoint(path, read[0]), Catch::Contains("incomplete line"));
    CHECK_THROWS_AS(readCheckpoints(dir.file("missing")), std::runtime_error);
}
