// Writes the seed inputs that need real encodings — sealed values under the fixed keys of
// FuzzKeys.h, audit entries' canonical bytes, checkpoint lines — into tests/fuzz/corpus/.
// The other targets' seeds are plain text, written by hand. Run it only to change the seeds:
//   build-fuzz/tests/fuzz/fuzz_make_seeds tests/fuzz/corpus
// Nonces are random, so each run writes different (equally valid) sealed seeds.
#include <fstream>
#include <iostream>
#include <sstream>

#include "crypto/AuditEntry.h"
#include "crypto/BackupCipher.h"
#include "crypto/Checkpoint.h"
#include "fuzz/FuzzKeys.h"

namespace {

using Bytes = std::vector<std::uint8_t>;
using namespace binhan;

void write(const std::string& dir, const std::string& name, std::uint8_t selector,
           const Bytes& value) {
    std::ofstream out(dir + "/" + name, std::ios::binary);
    out.put(static_cast<char>(selector));
    out.write(reinterpret_cast<const char*>(value.data()),
              static_cast<std::streamsize>(value.size()));
    if (!out) throw std::runtime_error("cannot write " + dir + "/" + name);
}

Bytes bytesOf(const std::string& text) {
    return Bytes(text.begin(), text.end());
}

void sealedSeeds(const std::string& dir) {
    const auto& key = fuzz::fuzzFieldKey();
    const auto ctx = fuzz::fuzzFieldContext();
    write(dir, "seed-field-name", 0, crypto::encryptField(key, ctx, "Nguyễn Thị Hoà"));
    write(dir, "seed-field-empty", 0, crypto::encryptField(key, ctx, ""));
    const auto caseKey = fuzz::filledKey(0x44);
    write(dir, "seed-wrapped-key", 1,
          crypto::wrapCaseKey(fuzz::fuzzKeyRing(), fuzz::kFuzzCaseId, caseKey).blob);
    std::istringstream plain(std::string("SQLite format 3\0 made-up database page", 39));
    std::ostringstream backup;
    crypto::writeEncryptedBackup(plain, backup, fuzz::fuzzBackupKey(),
                                 {1, 6, "2024-06-15T03:00:00Z", fuzz::kFuzzMasterVersion});
    write(dir, "seed-backup", 2, bytesOf(backup.str()));
    write(dir, "seed-round-trip", 3, bytesOf("Thôn Đông, xã Bình An"));
}

void auditSeeds(const std::string& dir) {
    // docs/formats.md's example entry, then one with every optional part filled.
    crypto::AuditEntry entry{1,  "2024-05-01T08:30:00Z", 7,    "police", "case.read",
                             42, "192.0.2.10",           "ok", ""};
    write(dir, "seed-entry-example", 0, crypto::canonicalBytes(entry));
    entry = {
        123456,         "2024-12-31T23:59:60.123456789Z", 0, "", "login.failure", 0, "", "denied",
        "khoá tạm thời"};
    write(dir, "seed-entry-full", 0, crypto::canonicalBytes(entry));

    crypto::Checkpoint checkpoint;
    checkpoint.time = "2024-06-15T03:00:00Z";
    checkpoint.signature.assign(crypto::kCheckpointSignatureBytes, 0x5a);
    write(dir, "seed-checkpoint-empty", 1, bytesOf(crypto::formatCheckpointLine(checkpoint)));
    checkpoint.size = 1234;
    checkpoint.headHash.fill(0xab);
    checkpoint.merkleRoot.fill(0x01);
    checkpoint.time = "2024-06-15T03:05:00.5Z";
    write(dir, "seed-checkpoint", 1, bytesOf(crypto::formatCheckpointLine(checkpoint)));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: fuzz_make_seeds CORPUS_DIR (tests/fuzz/corpus)\n";
        return 64;
    }
    const std::string corpus = argv[1];
    sealedSeeds(corpus + "/sealed_value");
    auditSeeds(corpus + "/audit_entry");
    return 0;
}
