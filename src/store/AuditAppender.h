#pragma once
// Appends audit entries to the hash chain (table audit_log) inside the caller's open write
// transaction: sequence = last + 1, hash = HMAC-SHA-256(chain key, previous hash ‖ canonical
// entry) (crypto/AuditChain, docs/formats.md). The previous entry is read inside the same
// transaction, so concurrent writers (or instances) can never fork the chain.
// Called only from the database's writer (one transaction at a time).
#include <Poco/Data/Session.h>

#include "core/Clock.h"
#include "crypto/SecretBytes.h"
#include "store/AuditContext.h"

namespace binhan::store {

class AuditAppender {
  public:
    AuditAppender(crypto::SecretBytes chainKey, const core::Clock& clock, bool noop = false)
        : chainKey_(std::move(chainKey)), clock_(clock), noop_(noop) {}

    // Appends one entry for `context` and marks it written. Throws on SQL failure (the caller's
    // transaction is then rolled back, entry and change together).
    void append(Poco::Data::Session& session, AuditContext& context) const;
    // Benchmarks only (audit.benchmark_noop): nothing is appended, and reads do not wait for a
    // commit either (Database::flushAudit), so auditing costs nothing at all.
    bool noop() const { return noop_; }

  private:
    crypto::SecretBytes chainKey_;
    const core::Clock& clock_;
    bool noop_;  // benchmarks only: measures the cost of auditing (audit.benchmark_noop)
};

}  // namespace binhan::store
