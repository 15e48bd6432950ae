#pragma once
// The audit log seen from above (DESIGN.md §3 "Audit"): listing entries for oversight and
// admin (case codes, never content), verifying the chain and its signed checkpoints, and
// making sure the current request's entry is durable before its answer goes out.
// Thread-safe.
#include <Poco/JSON/Array.h>

#include <optional>
#include <string>

#include "core/Actor.h"
#include "crypto/AuditVerification.h"
#include "crypto/Checkpoint.h"
#include "store/AuditRepository.h"
#include "store/Database.h"

namespace binhan::service {

struct AuditPaths {
    std::string checkpointsFile;  // data.dir/audit-checkpoints
    std::string signingKey;       // data.dir/audit-signing.key (.pub beside it)
};

class AuditService {
  public:
    // `provinceCode`: the province level's commune code ("" when there is none).
    AuditService(store::Database& db, store::AuditRepository& log, crypto::SecretBytes chainKey,
                 AuditPaths paths, std::string provinceCode = "")
        : db_(db),
          log_(log),
          chainKey_(std::move(chainKey)),
          paths_(std::move(paths)),
          provinceCode_(std::move(provinceCode)) {}

    // Commits this request's entry if no write carried it (a read ends here). Throws
    // core::Error(Unavailable) when it cannot be made durable: the answer must then not be sent.
    void flush() { db_.flushAudit(); }
    // Newest first; `next` gets the cursor of the following page. Need to know (issue 16): a
    // commune's reader lists that commune's entries; the province's, every commune's.
    Poco::JSON::Array::Ptr list(const core::Actor& actor, const store::AuditFilter& filter,
                                std::optional<std::int64_t>& next);
    // Checks the whole chain against the checkpoints in `checkpointsFile` ("" = the configured
    // file; a missing file means no checkpoints yet).
    // With `onlyCovered`, checkpoints beyond the log's last entry are left out (a restored
    // backup ends before them); the count of those is in the reason.
    crypto::VerifyResult verify(const std::string& checkpointsFile = "", bool onlyCovered = false);

  private:
    store::Database& db_;
    store::AuditRepository& log_;
    crypto::SecretBytes chainKey_;
    AuditPaths paths_;
    std::string provinceCode_;
};

}  // namespace binhan::service
