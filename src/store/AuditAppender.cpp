#include "store/AuditAppender.h"

#include <Poco/Data/LOB.h>

#include "core/TimeFormat.h"
#include "crypto/AuditChain.h"
#include "store/Query.h"
#include "store/Sql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {

void AuditAppender::append(Poco::Data::Session& s, AuditContext& context) const {
    context.written = true;
    if (noop_) return;
    // Prepared once on the writer's connection (store/Query.h): two statements per entry.
    crypto::Hash256 previous = crypto::genesisHash();
    std::int64_t lastSequence = 0;
    {
        Query head(s, "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1");
        if (head.next()) {
            lastSequence = head.integer(0);
            const Blob hash = head.blob(1);
            if (hash.size() == previous.size())
                std::copy(hash.begin(), hash.end(), previous.begin());
        }
    }

    crypto::AuditEntry entry;
    entry.sequence = lastSequence + 1;
    entry.time = core::formatRfc3339(clock_.now());
    entry.actorId = context.actorId;
    entry.role = context.role;
    entry.action = context.action;
    entry.caseId = context.caseId;
    entry.sourceAddress = context.sourceAddress;
    entry.outcome = context.outcome;
    entry.detail = context.detail;
    const auto hash = crypto::chainHash(chainKey_, previous, entry);
    Query(s,
          "INSERT INTO audit_log (sequence, time, actor_id, role, action, case_id, "
          "source_address, outcome, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(entry.sequence)
        .bind(entry.time)
        .bind(entry.actorId)
        .bind(entry.role)
        .bind(entry.action)
        .bind(entry.caseId)
        .bind(entry.sourceAddress)
        .bind(entry.outcome)
        .bind(entry.detail)
        .bind(Blob(hash.begin(), hash.end()))
        .run();
}

}  // namespace binhan::store
