#pragma once
// Encryption of one case-record field at rest (DESIGN.md §3, "Encryption at rest"): AES-256-GCM
// through OpenSSL EVP (Poco Crypto has no associated data), with associated data that binds the
// ciphertext to (table, record id, field, key version), so a ciphertext copied into another
// record, field, table or key version does not decrypt. Byte layouts: docs/formats.md,
// "Field ciphertext".
//
// Every encryption draws a fresh random 96-bit nonce (libsodium randombytes_buf). Random nonces
// are safe for up to 2^32 encryptions under one key; keys are per case, far below that.
//
// Thread-safe: no shared mutable state; each call uses its own EVP context, which OpenSSL
// cleanses when it is freed. Failure: a key that is not 32 bytes, an empty table or field name
// or an oversized input throws std::invalid_argument; any decryption failure (wrong key, other
// context, altered, truncated or unknown-version data) throws DecryptionError, whose message
// never holds plaintext; an OpenSSL failure while encrypting throws std::runtime_error.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "crypto/SecretBytes.h"

namespace binhan::crypto {

// Data did not decrypt: tampered, truncated, moved to another context, or the wrong key.
// Callers must treat the data as unreadable and must not retry with guessed contexts.
class DecryptionError : public std::runtime_error {
  public:
    explicit DecryptionError(const std::string& what = "data could not be decrypted")
        : std::runtime_error(what) {}
};

// Where a field's ciphertext belongs. Every member goes into the associated data.
struct FieldContext {
    std::string table;         // e.g. "survivor"
    std::int64_t recordId;     // primary key of the row
    std::string field;         // e.g. "full_name"
    std::uint32_t keyVersion;  // version of the case data key that encrypts the field
};

// Sealed-box layout shared by field ciphertexts and wrapped case keys:
// version (1) | nonce (12) | ciphertext (same length as the plaintext) | tag (16).
constexpr std::uint8_t kSealFormatVersion = 0x01;
constexpr std::size_t kSealKeySize = 32;
constexpr std::size_t kSealNonceSize = 12;
constexpr std::size_t kSealTagSize = 16;
constexpr std::size_t kSealOverhead = 1 + kSealNonceSize + kSealTagSize;

// Encrypts `plaintext` (any bytes, including empty) for `ctx` under the 32-byte case `key`.
std::vector<std::uint8_t> encryptField(const SecretBytes& key, const FieldContext& ctx,
                                       const std::string& plaintext);
// The plaintext of data produced by encryptField with the same key and context.
std::string decryptField(const SecretBytes& key, const FieldContext& ctx, const std::uint8_t* data,
                         std::size_t size);
std::string decryptField(const SecretBytes& key, const FieldContext& ctx,
                         const std::vector<std::uint8_t>& data);

// The canonical associated data for `ctx` (docs/formats.md); exposed for tests and tools.
std::vector<std::uint8_t> fieldAssociatedData(const FieldContext& ctx);

// The building blocks above, shared with CaseKeys so that GCM is written once.
namespace sealed {

// Canonical associated-data encoding: integers big-endian, fixed width; text as a 4-byte
// big-endian length and then its bytes, so no two different sequences encode alike.
void appendText(std::vector<std::uint8_t>& out, const std::string& text);
void appendU32(std::vector<std::uint8_t>& out, std::uint32_t value);
void appendI64(std::vector<std::uint8_t>& out, std::int64_t value);

// Encrypts plaintext[0, size) under `key` with `aad`; returns the sealed-box layout above.
std::vector<std::uint8_t> seal(const SecretBytes& key, const std::vector<std::uint8_t>& aad,
                               const std::uint8_t* plaintext, std::size_t size);
// Plaintext length of a sealed box of `sealedSize` bytes; throws DecryptionError if too short.
std::size_t openedSize(std::size_t sealedSize);
// Decrypts a sealed box into out[0, openedSize(size)). Throws DecryptionError when the box
// does not authenticate; `out` is wiped before the throw, since GCM writes it before checking.
void open(const SecretBytes& key, const std::vector<std::uint8_t>& aad, const std::uint8_t* data,
          std::size_t size, std::uint8_t* out);

}  // namespace sealed

}  // namespace binhan::crypto
