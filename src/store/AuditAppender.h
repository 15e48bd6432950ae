#pragma once
// Appends audit entries to the hash chain (table audit_log) inside the caller's open write
// transaction: sequence = last + 1, hash = HMAC-SHA-256(chain key, previous hash ‖ canonical
// entry) (crypto/AuditChain, docs/formats.md). The previous entry is read inside the same
// transaction, so concurrent writers (or instances) can never fork the chain.
// Called only from the database's writer (one transaction at a time).
#include <Poco/Data/Session.h>

#include <vector>

#include "core/Clock.h"
#include "crypto/AuditChain.h"
#include "crypto/AuditEntry.h"
#include "crypto/SecretBytes.h"
#include "store/AuditContext.h"

namespace binhan::store {

// The chain's last entry as one write transaction has it (issue 18): read once, at the first
// entry the transaction appends, then carried from entry to entry, so each further entry costs
// its insert alone. Valid only inside that transaction; the writer starts each group unknown
// and puts back the value it had before an item whose savepoint is rolled back.
struct ChainHead {
    bool known = false;
    std::int64_t sequence = 0;
    crypto::Hash256 hash{};
};

class AuditAppender {
  public:
    AuditAppender(crypto::SecretBytes chainKey, const core::Clock& clock, bool noop = false)
        : chainKey_(std::move(chainKey)), clock_(clock), noop_(noop) {}

    // Appends one entry for `context` and marks it written. Throws on SQL failure (the caller's
    // transaction is then rolled back, entry and change together).
    void append(Poco::Data::Session& session, AuditContext& context, ChainHead& head) const;
    // Appends one entry for each context, in order, with one insert (the reads of a commit group,
    // which change nothing else), and marks them written.
    void appendAll(Poco::Data::Session& session, const std::vector<AuditContext*>& contexts,
                   ChainHead& head) const;
    // Benchmarks only (audit.benchmark_noop): nothing is appended, and reads do not wait for a
    // commit either (Database::flushAudit), so auditing costs nothing at all.
    bool noop() const { return noop_; }

  private:
    void readHead(Poco::Data::Session& session, ChainHead& head) const;
    // The next entry of the chain for `context`, as it will be stored; advances `head`.
    crypto::AuditEntry next(const AuditContext& context, ChainHead& head) const;

    crypto::SecretBytes chainKey_;
    const core::Clock& clock_;
    bool noop_;  // benchmarks only: measures the cost of auditing (audit.benchmark_noop)
};

}  // namespace binhan::store
