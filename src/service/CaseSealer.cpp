#include "service/CaseSealer.h"

#include <spdlog/spdlog.h>

#include "core/Error.h"
#include "crypto/FieldCipher.h"

namespace binhan::service {
namespace {
constexpr std::uint32_t kDataKeyVersion = 1;  // case data keys are never rotated in place
}

CaseSealer::CaseSealer(const crypto::KeyRing& ring)
    : CaseSealer(std::make_shared<crypto::LiveKeyRing>(ring)) {}

CaseSealer::CaseSealer(std::shared_ptr<crypto::LiveKeyRing> keys)
    : keys_(std::move(keys)),
      index_(crypto::BlindIndex::fromMasterKey(keys_->snapshot()->derivationRoot())) {}

std::pair<crypto::SecretBytes, crypto::WrappedKey> CaseSealer::newKey(std::int64_t caseId) const {
    std::shared_ptr<const crypto::KeyRing> ring;
    try {
        ring = keys_->forWrapping();
    } catch (const std::runtime_error&) {
        throw core::Unavailable("The master key file cannot be read; try again later.");
    }
    auto key = crypto::newCaseKey();
    auto wrapped = crypto::wrapCaseKey(*ring, caseId, key);
    return {std::move(key), std::move(wrapped)};
}

crypto::SecretBytes CaseSealer::unwrap(const store::CaseRow& row) const {
    if (row.dataKey.empty()) throw core::NotFound("This case was erased.");
    const auto ring = keys_->forVersion(row.dataKeyVersion);  // re-wrapped by a rotation?
    return crypto::unwrapCaseKey(*ring, row.id,
                                 crypto::WrappedKey{row.dataKeyVersion, row.dataKey});
}

store::Blob CaseSealer::seal(const crypto::SecretBytes& key, std::int64_t caseId,
                             const std::string& field, const std::string& plaintext) const {
    return crypto::encryptField(key, {"case_fields", caseId, field, kDataKeyVersion}, plaintext);
}

std::string CaseSealer::open(const crypto::SecretBytes& key, std::int64_t caseId,
                             const std::string& field, const store::Blob& sealed) const {
    try {
        return crypto::decryptField(key, {"case_fields", caseId, field, kDataKeyVersion}, sealed);
    } catch (const crypto::DecryptionError&) {
        // Tampering, a value moved between cases or fields, or disk corruption: never served.
        spdlog::error("integrity check failed: case {} field {}", caseId, field);
        throw;
    }
}

std::map<std::string, std::string> CaseSealer::openAll(
    const crypto::SecretBytes& key, std::int64_t caseId,
    const std::map<std::string, store::Blob>& sealed) const {
    std::map<std::string, std::string> out;
    for (const auto& [field, blob] : sealed) out[field] = open(key, caseId, field, blob);
    return out;
}

}  // namespace binhan::service
