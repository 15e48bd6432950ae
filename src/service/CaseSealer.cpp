#include "service/CaseSealer.h"

#include <spdlog/spdlog.h>

#include "core/Error.h"
#include "crypto/FieldCipher.h"

namespace binhan::service {
namespace {
constexpr std::uint32_t kDataKeyVersion = 1;  // case data keys are never rotated in place
}

CaseSealer::CaseSealer(const crypto::KeyRing& ring)
    : ring_(ring), index_(crypto::BlindIndex::fromMasterKey(ring.keys().begin()->second)) {}

std::pair<crypto::SecretBytes, crypto::WrappedKey> CaseSealer::newKey(std::int64_t caseId) const {
    auto key = crypto::newCaseKey();
    auto wrapped = crypto::wrapCaseKey(ring_, caseId, key);
    return {std::move(key), std::move(wrapped)};
}

crypto::SecretBytes CaseSealer::unwrap(const store::CaseRow& row) const {
    if (row.dataKey.empty()) throw core::NotFound("This case was erased.");
    return crypto::unwrapCaseKey(ring_, row.id,
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
