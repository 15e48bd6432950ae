// Fuzz target: the decoders of sealed values (docs/formats.md "Field ciphertext", "Wrapped case
// key", "Backup file"): bytes read back from the database or a backup file that someone may
// have altered. Input: byte 0 picks the decoder, the rest is the value.
//   0  crypto::decryptField with the fixed field key and context of FuzzKeys.h;
//   1  crypto::unwrapCaseKey of case 7, master version 2;
//   2  a backup file: readBackupHeader, then readEncryptedBackup with the fixed backup key;
//   3  round trip: the rest as plaintext encrypts and decrypts to itself, and with one bit
//      flipped, or under another record id, is refused.
// A refusal must be the documented exception (DecryptionError, BackupFormatError), never
// another one, never a read outside the input, and never partial plaintext.
#include <sstream>

#include "crypto/BackupCipher.h"
#include "fuzz/FuzzKeys.h"
#include "fuzz/FuzzSupport.h"

namespace binhan::fuzz {
namespace {

void fieldValue(const std::uint8_t* data, std::size_t size) {
    try {
        const std::string plain =
            crypto::decryptField(fuzzFieldKey(), fuzzFieldContext(), data, size);
        FUZZ_CHECK(plain.size() + crypto::kSealOverhead == size);
    } catch (const crypto::DecryptionError&) {
    }
}

void wrappedKey(const std::uint8_t* data, std::size_t size) {
    crypto::WrappedKey wrapped{kFuzzMasterVersion, std::vector<std::uint8_t>(data, data + size)};
    try {
        const auto key = crypto::unwrapCaseKey(fuzzKeyRing(), kFuzzCaseId, wrapped);
        FUZZ_CHECK(key.size() == crypto::kCaseKeySize);
    } catch (const crypto::DecryptionError&) {
    }
}

void backupFile(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    std::ostringstream plain;
    try {
        const auto header = crypto::readBackupHeader(in);
        crypto::readEncryptedBackup(in, header, fuzzBackupKey(), plain);
    } catch (const crypto::BackupFormatError&) {
    }
}

void roundTrip(const std::uint8_t* data, std::size_t size) {
    const std::string plaintext(reinterpret_cast<const char*>(data), size);
    auto context = fuzzFieldContext();
    context.recordId = static_cast<std::int64_t>(size);
    auto sealed = crypto::encryptField(fuzzFieldKey(), context, plaintext);
    FUZZ_CHECK(sealed.size() == size + crypto::kSealOverhead);
    FUZZ_CHECK(crypto::decryptField(fuzzFieldKey(), context, sealed) == plaintext);

    auto refused = [&](const std::vector<std::uint8_t>& value, const crypto::FieldContext& ctx) {
        try {
            crypto::decryptField(fuzzFieldKey(), ctx, value);
        } catch (const crypto::DecryptionError&) {
            return true;
        }
        return false;
    };
    auto moved = context;
    moved.recordId += 1;
    FUZZ_CHECK(refused(sealed, moved));
    std::size_t bit = 0;
    for (std::size_t i = 0; i < size; ++i) bit = bit * 31 + data[i];
    bit %= sealed.size() * 8;
    sealed[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    FUZZ_CHECK(refused(sealed, context));
}

}  // namespace

int sealedValue(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    switch (data[0] % 4) {
        case 0:
            fieldValue(data + 1, size - 1);
            break;
        case 1:
            wrappedKey(data + 1, size - 1);
            break;
        case 2:
            backupFile(data + 1, size - 1);
            break;
        default:
            roundTrip(data + 1, size - 1);
            break;
    }
    return 0;
}

}  // namespace binhan::fuzz

BINHAN_FUZZ_ENTRY(binhan::fuzz::sealedValue)
