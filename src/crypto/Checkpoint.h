#pragma once
// Signed audit checkpoints (docs/formats.md, "Audit checkpoints"). Every N entries or T minutes
// the service signs (size, head hash, RFC 6962 Merkle root, time) with an Ed25519 key kept outside
// the database and appends it, one text line each, to data.dir/audit-checkpoints:
//
//   v1 <size> <head hash, 64 lower-case hex> <Merkle root, 64 lower-case hex> <time> <signature,
//   base64>
//
// `binhan audit verify` checks the table against every checkpoint (AuditVerification), so even a
// complete rewrite of the table by someone holding the database and the chain key is detected.
//
// Keys: the private key is a PKCS#8 PEM file, mode 0600, created atomically and never replaced;
// the public key is written beside it as "<private key path>.pub" (SubjectPublicKeyInfo PEM), so
// it can be copied to whoever verifies (`openssl pkey -pubin -in <file>` reads it).
//
// Thread-safety: all functions are safe to call concurrently; a CheckpointSigner is immutable
// after loadOrCreate and may be shared. Concurrent appendCheckpoint calls on one file each append
// a whole line (O_APPEND, one write per line in practice), but the service should still append
// from one place so that checkpoints stay in size order.
// Failure: std::invalid_argument for malformed values or text; std::runtime_error for I/O and
// OpenSSL failures, with the path in the message.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "crypto/MerkleTree.h"
#include "crypto/SecretBytes.h"

namespace binhan::crypto {

struct Checkpoint {
    std::int64_t size = 0;  // entries covered: sequences 1..size
    Hash256 headHash{};     // the chain hash of entry `size` (32 zero bytes when size = 0)
    Hash256 merkleRoot{};   // RFC 6962 MTH over the leaf hashes of entries 1..size
    std::string time;       // RFC 3339 UTC (isAuditTime), when it was signed
    std::vector<std::uint8_t> signature;  // Ed25519, 64 bytes, over checkpointSignedBytes
};

constexpr std::size_t kCheckpointSignatureBytes = 64;

// The exact bytes the Ed25519 signature covers (docs/formats.md). Throws std::invalid_argument
// for a negative size or a time that is not isAuditTime.
std::vector<std::uint8_t> checkpointSignedBytes(const Checkpoint& checkpoint);

// An Ed25519 public key that verifies checkpoints.
class CheckpointPublicKey {
  public:
    explicit CheckpointPublicKey(const std::array<std::uint8_t, 32>& raw) : raw_(raw) {}
    // Parses a SubjectPublicKeyInfo PEM; throws std::invalid_argument unless it is Ed25519.
    static CheckpointPublicKey fromPem(const std::string& pem);
    // Reads a PEM file; throws std::runtime_error naming the path when it cannot be read or parsed.
    static CheckpointPublicKey load(const std::string& path);
    std::string toPem() const;
    const std::array<std::uint8_t, 32>& raw() const { return raw_; }
    bool operator==(const CheckpointPublicKey& other) const { return raw_ == other.raw_; }

  private:
    std::array<std::uint8_t, 32> raw_;
};

class CheckpointSigner {
  public:
    // Loads the Ed25519 private key at `privateKeyPath`, or creates it when the file does not
    // exist (mode 0600, written to a temporary file, fsync'd, then linked into place so an
    // existing key is never overwritten). Writes "<privateKeyPath>.pub" when missing. Throws
    // std::runtime_error when the key file is readable by group or others, is not an Ed25519
    // private key, or the .pub file holds a different key.
    static CheckpointSigner loadOrCreate(const std::string& privateKeyPath);

    // Signs a checkpoint. Throws std::invalid_argument for a negative size or a bad time,
    // std::runtime_error if OpenSSL fails.
    Checkpoint sign(std::int64_t size, const Hash256& headHash, const Hash256& merkleRoot,
                    const std::string& time) const;
    const CheckpointPublicKey& publicKey() const { return publicKey_; }

    // True only when `checkpoint` is well formed and its signature verifies under `key`.
    // Never throws for bad checkpoint data.
    static bool verify(const Checkpoint& checkpoint, const CheckpointPublicKey& key);

  private:
    CheckpointSigner(SecretBytes seed, CheckpointPublicKey publicKey)
        : seed_(std::move(seed)), publicKey_(publicKey) {}

    SecretBytes seed_;  // the 32-byte Ed25519 private key (RFC 8032 seed)
    CheckpointPublicKey publicKey_;
};

// One line of the checkpoint file, without the newline. Throws std::invalid_argument for a
// negative size, a bad time or a signature that is not 64 bytes.
std::string formatCheckpointLine(const Checkpoint& checkpoint);
// The inverse of formatCheckpointLine, strict: exactly six fields separated by single spaces.
// Throws std::invalid_argument saying which field is wrong.
Checkpoint parseCheckpointLine(const std::string& line);

// Appends one line (open O_RDWR|O_APPEND|O_CREAT, mode 0600; write; fsync; the directory is fsync'd
// too when the file was empty). Throws std::runtime_error on I/O failure or when the file ends in
// an incomplete line, and std::invalid_argument as formatCheckpointLine.
void appendCheckpoint(const std::string& path, const Checkpoint& checkpoint);
// Every checkpoint in the file, in file order. Signatures are not checked here. Throws
// std::runtime_error "<path> line <n>: <why>" on the first malformed line (an empty line and a
// last line without its newline are malformed), or when the file cannot be read.
std::vector<Checkpoint> readCheckpoints(const std::string& path);

}  // namespace binhan::crypto
