#pragma once
// Erasure (DESIGN.md §2–3, PDPL 91/2025): a case is erased by destroying its key
// (crypto-shredding). The erasure is written to the ledger first (durable), then the wrapped
// key, sealed fields and search terms are deleted in one transaction and the WAL is folded
// back, so no copy of the key stays on disk. Statistics already counted stay; the audit log
// keeps that it happened. applyLedger() re-applies the ledger after a restore or a crash.
// Thread-safe.
#include <Poco/JSON/Object.h>

#include "core/Actor.h"
#include "core/Clock.h"
#include "service/CaseAccessGuard.h"
#include "store/AttachmentRepository.h"
#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/ErasureLedger.h"

namespace binhan::service {

class ErasureService {
  public:
    // `attachments`, when given, loses the files of each erased case too (issue 21).
    ErasureService(store::Database& db, store::CaseRepository& cases,
                   const store::ErasureLedger& ledger, const core::Clock& clock,
                   store::AttachmentRepository* attachments = nullptr)
        : db_(db),
          cases_(cases),
          ledger_(ledger),
          clock_(clock),
          guard_(cases, clock),
          attachments_(attachments) {}

    // Leader, with a reason of at least 10 characters (not stored: it may name people).
    Poco::JSON::Object::Ptr erase(const core::Actor& actor, std::int64_t caseId,
                                  const std::string& reason);
    // Erases what `caseId` names without a policy check (retention job, ledger); false when the
    // case does not exist.
    bool eraseNow(std::int64_t caseId, const std::string& why);
    // Destroys the key of every case in the ledger that still has one; returns how many.
    int applyLedger();

  private:
    store::Database& db_;
    store::CaseRepository& cases_;
    const store::ErasureLedger& ledger_;
    const core::Clock& clock_;
    CaseAccessGuard guard_;
    store::AttachmentRepository* attachments_;
};

}  // namespace binhan::service
