#include "crypto/AuditVerification.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>

#include "crypto/AuditChain.h"
#include "crypto/SecureRandom.h"

using namespace binhan::crypto;
namespace fs = std::filesystem;

namespace {

struct Row {
    AuditEntry entry;
    Hash256 hash;
};

// A made-up entry: no real person, address from TEST-NET-2 (RFC 5737).
AuditEntry sampleEntry(std::int64_t sequence) {
    AuditEntry e;
    e.sequence = sequence;
    e.time = "2024-06-0" + std::to_string(1 + sequence % 9) + "T10:00:00Z";
    e.actorId = 100 + sequence % 4;
    e.role = sequence % 3 ? "justice" : "leader";
    e.action = sequence % 2 ? "case.read" : "event.add";
    e.caseId = sequence % 7;
    e.sourceAddress = "198.51.100." + std::to_string(sequence % 200);
    e.outcome = sequence % 10 ? "ok" : "denied";
    e.detail = sequence % 5 ? "" : "break-glass";
    return e;
}

// Recomputes every stored hash: what someone holding the chain key can do after any edit.
void rechain(const SecretBytes& key, std::vector<Row>& rows) {
    Hash256 previous = genesisHash();
    for (Row& row : rows) row.hash = previous = chainHash(key, previous, row.entry);
}

std::vector<Row> makeLog(const SecretBytes& key, int count) {
    std::vector<Row> rows;
    for (int i = 1; i <= count; ++i) rows.push_back({sampleEntry(i), {}});
    rechain(key, rows);
    return rows;
}

AuditEntrySource sourceOf(const std::vector<Row>& rows) {
    auto next = std::make_shared<std::size_t>(0);
    return [&rows, next](AuditEntry& entry, Hash256& hash) {
        if (*next == rows.size()) return false;
        entry = rows[*next].entry;
        hash = rows[*next].hash;
        ++*next;
        return true;
    };
}

// The checkpoint the service would have signed after the first `size` rows.
Checkpoint checkpointAt(const CheckpointSigner& signer, const std::vector<Row>& rows,
                        std::int64_t size) {
    MerkleAccumulator tree;
    for (std::int64_t i = 0; i < size; ++i) tree.add(leafHash(rows[i].entry));
    return signer.sign(size, size == 0 ? genesisHash() : rows[size - 1].hash, tree.root(),
                       "2024-06-10T12:00:00Z");
}

struct Fixture {
    Fixture()
        : dir(fs::temp_directory_path() /
              ("binhan-unit-" + std::to_string(::getpid()) + "-audit-verify")),
          key((initialiseCrypto(), randomSecret(32))),
          signer(makeSigner(dir)),
          rows(makeLog(key, 50)),
          checkpoints{checkpointAt(signer, rows, 10), checkpointAt(signer, rows, 20),
                      checkpointAt(signer, rows, 50)} {}
    ~Fixture() { fs::remove_all(dir); }

    static CheckpointSigner makeSigner(const fs::path& dir) {
        fs::remove_all(dir);
        fs::create_directories(dir);
        return CheckpointSigner::loadOrCreate((dir / "checkpoint.key").string());
    }
    VerifyResult verify(const std::vector<Row>& table) const {
        return verifyAuditLog(sourceOf(table), key, checkpoints, signer.publicKey());
    }

    fs::path dir;
    SecretBytes key;
    CheckpointSigner signer;
    std::vector<Row> rows;
    std::vector<Checkpoint> checkpoints;
};

}  // namespace

TEST_CASE("an intact log verifies against its chain and every checkpoint", "[crypto][audit]") {
    Fixture f;
    const VerifyResult r = f.verify(f.rows);
    CHECK(r.ok);
    CHECK(r.entries == 50);
    CHECK_FALSE(r.firstBad);
    CHECK(r.reason.empty());
    std::vector<Checkpoint> shuffled = {f.checkpoints[2], f.checkpoints[0], f.checkpoints[1],
                                        checkpointAt(f.signer, f.rows, 0), f.checkpoints[2]};
    CHECK(verifyAuditLog(sourceOf(f.rows), f.key, shuffled, f.signer.publicKey()).ok);
    const std::vector<Row> empty;
    CHECK(verifyAuditLog(sourceOf(empty), f.key, {}, f.signer.publicKey()).ok);
}

TEST_CASE("editing any field of one row is found at that sequence", "[crypto][audit]") {
    Fixture f;
    const std::vector<std::function<void(AuditEntry&)>> edits = {
        [](AuditEntry& e) { e.sequence = 24; },
        [](AuditEntry& e) { e.time = "2024-06-01T10:00:01Z"; },
        [](AuditEntry& e) { e.actorId = 0; },
        [](AuditEntry& e) { e.role = "admin"; },
        [](AuditEntry& e) { e.action = "case.export"; },
        [](AuditEntry& e) { e.caseId += 1; },
        [](AuditEntry& e) { e.sourceAddress = "203.0.113.9"; },
        [](AuditEntry& e) { e.outcome = "error"; },
        [](AuditEntry& e) { e.detail = "edited"; },
    };
    for (std::size_t i = 0; i < edits.size(); ++i) {
        INFO("edit of field " << i);
        std::vector<Row> table = f.rows;
        edits[i](table[22].entry);  // sequence 23
        const VerifyResult r = f.verify(table);
        CHECK_FALSE(r.ok);
        CHECK(r.firstBad == 23);
        CHECK(r.entries == 22);
        CHECK_THAT(r.reason, Catch::Contains("sequence 23"));
    }
}

TEST_CASE("a deleted row, swapped rows and a truncated table are found", "[crypto][audit]") {
    Fixture f;
    std::vector<Row> table = f.rows;
    table.erase(table.begin() + 33);  // sequence 34
    CHECK(f.verify(table).firstBad == 34);

    table = f.rows;
    std::swap(table[14], table[15]);  // sequences 15 and 16
    CHECK(f.verify(table).firstBad == 15);

    table = f.rows;
    table.resize(42);  // the checkpoint of size 50 proves 43..50 existed
    VerifyResult r = f.verify(table);
    CHECK_FALSE(r.ok);
    CHECK(r.firstBad == 43);
    CHECK(r.entries == 42);
    CHECK_THAT(r.reason, Catch::Contains("truncation"));

    table.clear();
    CHECK(f.verify(table).firstBad == 1);
}

TEST_CASE("a rewrite with a fresh valid chain is caught by the checkpoints", "[crypto][audit]") {
    Fixture f;
    std::vector<Row> table = f.rows;
    table[14].entry.outcome = "denied";  // sequence 15, then every hash recomputed with the key
    rechain(f.key, table);
    REQUIRE(verifyAuditLog(sourceOf(table), f.key, {}, f.signer.publicKey()).ok);  // chain alone
    VerifyResult r = f.verify(table);
    CHECK_FALSE(r.ok);
    CHECK(r.firstBad == 11);  // after the checkpoint of size 10, which still matches
    CHECK_THAT(r.reason, Catch::Contains("rewritten"));

    table = makeLog(f.key, 50);  // a whole new table: same length, different entries
    for (Row& row : table) row.entry.detail = "x";
    rechain(f.key, table);
    r = f.verify(table);
    CHECK(r.firstBad == 1);

    table = f.rows;  // truncated, then grown back to 50 with new entries
    for (int i = 30; i < 50; ++i) table[i].entry.action = "login.success";
    rechain(f.key, table);
    r = f.verify(table);
    CHECK(r.firstBad == 21);
    CHECK_THAT(r.reason, Catch::Contains("size 50"));
}

TEST_CASE("forged or foreign checkpoints are rejected", "[crypto][audit]") {
    Fixture f;
    std::vector<Checkpoint> forged = f.checkpoints;
    forged[1].signature[0] ^= 0x01;
    VerifyResult r = verifyAuditLog(sourceOf(f.rows), f.key, forged, f.signer.publicKey());
    CHECK_FALSE(r.ok);
    CHECK_FALSE(r.firstBad);
    CHECK_THAT(r.reason, Catch::Contains("checkpoint 2") && Catch::Contains("signature"));

    // Someone who rewrote the table and signs matching checkpoints with a key of their own.
    std::vector<Row> table = f.rows;
    table[2].entry.caseId = 6;
    rechain(f.key, table);
    const CheckpointSigner intruder =
        CheckpointSigner::loadOrCreate((f.dir / "intruder.key").string());
    const std::vector<Checkpoint> theirs = {checkpointAt(intruder, table, 50)};
    CHECK(verifyAuditLog(sourceOf(table), f.key, theirs, intruder.publicKey()).ok);
    r = verifyAuditLog(sourceOf(table), f.key, theirs, f.signer.publicKey());
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.reason, Catch::Contains("signature"));

    forged = f.checkpoints;
    forged[0].size = 11;  // a valid signature no longer covers the changed size
    CHECK_FALSE(verifyAuditLog(sourceOf(f.rows), f.key, forged, f.signer.publicKey()).ok);
}

TEST_CASE("only a checkpoint can reveal lost tail entries", "[crypto][audit]") {
    Fixture f;
    std::vector<Row> table = f.rows;
    table.resize(45);
    CHECK(verifyAuditLog(sourceOf(table), f.key, {f.checkpoints[0], f.checkpoints[1]},
                         f.signer.publicKey())
              .ok);  // the documented limit: after the last checkpoint, the chain alone
    CHECK(f.verify(table).firstBad == 46);
}

TEST_CASE("a checkpoint is checked on both its head hash and its Merkle root", "[crypto][audit]") {
    Fixture f;
    const Checkpoint good = f.checkpoints[1];  // size 20
    Hash256 otherRoot = good.merkleRoot, otherHead = good.headHash;
    otherRoot[0] ^= 1;
    otherHead[0] ^= 1;
    const Checkpoint wrongRoot = f.signer.sign(20, good.headHash, otherRoot, good.time);
    VerifyResult r = verifyAuditLog(sourceOf(f.rows), f.key, {f.checkpoints[0], wrongRoot},
                                    f.signer.publicKey());
    CHECK(r.firstBad == 11);
    CHECK_THAT(r.reason, Catch::Contains("Merkle root"));
    const Checkpoint wrongHead = f.signer.sign(20, otherHead, good.merkleRoot, good.time);
    r = verifyAuditLog(sourceOf(f.rows), f.key, {wrongHead}, f.signer.publicKey());
    CHECK(r.firstBad == 1);
    CHECK_THAT(r.reason, Catch::Contains("head hash"));
}
