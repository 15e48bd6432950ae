#include "store/AuditAppender.h"

#include <Poco/Data/LOB.h>

#include "core/TimeFormat.h"
#include "crypto/AuditChain.h"
#include "store/Sql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {

void AuditAppender::append(Poco::Data::Session& s, AuditContext& context) const {
    context.written = true;
    if (noop_) return;
    std::vector<Poco::Int64> lastSequence;
    std::vector<Poco::Data::BLOB> lastHash;
    s << sql(s, "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1"),
        into(lastSequence), into(lastHash), now;
    crypto::Hash256 previous = crypto::genesisHash();
    if (!lastHash.empty() && lastHash[0].size() == previous.size())
        std::copy(lastHash[0].rawContent(), lastHash[0].rawContent() + previous.size(),
                  previous.begin());

    crypto::AuditEntry entry;
    entry.sequence = lastSequence.empty() ? 1 : lastSequence[0] + 1;
    entry.time = core::formatRfc3339(clock_.now());
    entry.actorId = context.actorId;
    entry.role = context.role;
    entry.action = context.action;
    entry.caseId = context.caseId;
    entry.sourceAddress = context.sourceAddress;
    entry.outcome = context.outcome;
    entry.detail = context.detail;
    const auto hash = crypto::chainHash(chainKey_, previous, entry);
    Poco::Data::BLOB hashBlob(hash.data(), hash.size());
    Poco::Int64 sequence = entry.sequence, actor = entry.actorId, caseId = entry.caseId;
    s << sql(
        s,
        "INSERT INTO audit_log (sequence, time, actor_id, role, action, case_id, source_address, "
        "outcome, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        use(sequence), use(entry.time), use(actor), use(entry.role), use(entry.action), use(caseId),
        use(entry.sourceAddress), use(entry.outcome), use(entry.detail), use(hashBlob), now;
}

}  // namespace binhan::store
