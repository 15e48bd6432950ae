#include "crypto/CaseKeys.h"

#include <stdexcept>

#include "crypto/FieldCipher.h"
#include "crypto/SecureRandom.h"

namespace binhan::crypto {

namespace {

constexpr char kCaseKeyPurpose[] = "case_key";

// version | text "case_key" | i64 case id | u32 master version (docs/formats.md).
std::vector<std::uint8_t> caseKeyAssociatedData(std::int64_t caseId, std::uint32_t masterVersion) {
    std::vector<std::uint8_t> aad;
    aad.push_back(kSealFormatVersion);
    sealed::appendText(aad, kCaseKeyPurpose);
    sealed::appendI64(aad, caseId);
    sealed::appendU32(aad, masterVersion);
    return aad;
}

}  // namespace

SecretBytes newCaseKey() {
    return randomSecret(kCaseKeySize);
}

WrappedKey wrapCaseKey(const KeyRing& ring, std::int64_t caseId, const SecretBytes& caseKey) {
    if (caseKey.size() != kCaseKeySize) throw std::invalid_argument("case key must be 32 bytes");
    WrappedKey wrapped;
    wrapped.masterVersion = ring.currentVersion();
    wrapped.blob = sealed::seal(ring.key(wrapped.masterVersion),
                                caseKeyAssociatedData(caseId, wrapped.masterVersion),
                                caseKey.data(), caseKey.size());
    return wrapped;
}

SecretBytes unwrapCaseKey(const KeyRing& ring, std::int64_t caseId, const WrappedKey& wrapped) {
    const SecretBytes& master = ring.key(wrapped.masterVersion);
    if (sealed::openedSize(wrapped.blob.size()) != kCaseKeySize)
        throw DecryptionError("wrapped case key has the wrong length");
    SecretBytes caseKey(kCaseKeySize);
    sealed::open(master, caseKeyAssociatedData(caseId, wrapped.masterVersion), wrapped.blob.data(),
                 wrapped.blob.size(), caseKey.data());
    return caseKey;
}

WrappedKey rewrapCaseKey(const KeyRing& ring, std::int64_t caseId, const WrappedKey& wrapped) {
    if (wrapped.masterVersion == ring.currentVersion()) return wrapped;
    return wrapCaseKey(ring, caseId, unwrapCaseKey(ring, caseId, wrapped));
}

}  // namespace binhan::crypto
