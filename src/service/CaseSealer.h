#pragma once
// Envelope encryption of cases (DESIGN.md §3): a fresh 256-bit data key per case, stored only
// wrapped by the current master key; each identifying or narrative value sealed under it with
// AES-256-GCM bound to ("case_fields", case id, field name, data key version 1), so a value
// cannot be moved to another case or field. Blind-index terms come from a key derived from the
// derivation root, the oldest master key version (so master key rotation leaves the index
// valid; docs/formats.md). The master keys come from a LiveKeyRing, so keys re-wrapped by a
// rotation running in another process unwrap, and new keys are wrapped under the version the
// key file names current. Thread-safe (const).
#include <map>
#include <string>

#include "crypto/BlindIndex.h"
#include "crypto/CaseKeys.h"
#include "crypto/KeyRing.h"
#include "crypto/LiveKeyRing.h"
#include "store/CaseRecords.h"

namespace binhan::service {

class CaseSealer {
  public:
    // A fixed ring (tests, tools).
    explicit CaseSealer(const crypto::KeyRing& ring);
    // The server's ring, following the key file.
    explicit CaseSealer(std::shared_ptr<crypto::LiveKeyRing> keys);

    // A new data key for case `caseId`, and its wrapped form for storage. Call it inside the
    // write transaction that stores the case (docs/decisions.md, "Master key rotation while
    // serving"); throws core::Error(Unavailable) when the key file changed but cannot be read.
    std::pair<crypto::SecretBytes, crypto::WrappedKey> newKey(std::int64_t caseId) const;
    // The case's data key; throws core::Error(NotFound) for an erased case.
    crypto::SecretBytes unwrap(const store::CaseRow& row) const;

    store::Blob seal(const crypto::SecretBytes& key, std::int64_t caseId, const std::string& field,
                     const std::string& plaintext) const;
    std::string open(const crypto::SecretBytes& key, std::int64_t caseId, const std::string& field,
                     const store::Blob& sealed) const;
    std::map<std::string, std::string> openAll(
        const crypto::SecretBytes& key, std::int64_t caseId,
        const std::map<std::string, store::Blob>& sealed) const;

    const crypto::BlindIndex& blindIndex() const { return index_; }

  private:
    std::shared_ptr<crypto::LiveKeyRing> keys_;
    crypto::BlindIndex index_;
};

}  // namespace binhan::service
