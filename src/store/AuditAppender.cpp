#include "store/AuditAppender.h"

#include <algorithm>

#include <Poco/Data/LOB.h>

#include "core/TimeFormat.h"
#include "crypto/AuditChain.h"
#include "store/Query.h"
#include "store/Sql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {

namespace {

const char* kInsertColumns =
    "INSERT INTO audit_log (sequence, time, actor_id, role, action, case_id, source_address, "
    "outcome, detail, hash) VALUES ";

Query& bindEntry(Query& insert, const crypto::AuditEntry& entry, const crypto::Hash256& hash) {
    return insert.bind(entry.sequence)
        .bind(entry.time)
        .bind(entry.actorId)
        .bind(entry.role)
        .bind(entry.action)
        .bind(entry.caseId)
        .bind(entry.sourceAddress)
        .bind(entry.outcome)
        .bind(entry.detail)
        .bind(Blob(hash.begin(), hash.end()));
}

}  // namespace

void AuditAppender::readHead(Poco::Data::Session& s, ChainHead& head) const {
    if (head.known) return;
    head = ChainHead{true, 0, crypto::genesisHash()};
    Query last(s, "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1");
    if (!last.next()) return;
    head.sequence = last.integer(0);
    const Blob hash = last.blob(1);
    if (hash.size() == head.hash.size()) std::copy(hash.begin(), hash.end(), head.hash.begin());
}

crypto::AuditEntry AuditAppender::next(const AuditContext& context, ChainHead& head) const {
    crypto::AuditEntry entry;
    entry.sequence = head.sequence + 1;
    entry.time = core::formatRfc3339(clock_.now());
    entry.actorId = context.actorId;
    entry.role = context.role;
    entry.action = context.action;
    entry.caseId = context.caseId;
    entry.sourceAddress = context.sourceAddress;
    entry.outcome = context.outcome;
    entry.detail = context.detail;
    head.hash = crypto::chainHash(chainKey_, head.hash, entry);
    head.sequence = entry.sequence;
    return entry;
}

void AuditAppender::append(Poco::Data::Session& s, AuditContext& context, ChainHead& head) const {
    context.written = true;
    if (noop_) return;
    readHead(s, head);
    const crypto::AuditEntry entry = next(context, head);
    Query insert(s, std::string(kInsertColumns) + placeholderRows(10, 1));
    bindEntry(insert, entry, head.hash).run();
}

void AuditAppender::appendAll(Poco::Data::Session& s, const std::vector<AuditContext*>& contexts,
                              ChainHead& head) const {
    for (AuditContext* context : contexts) context->written = true;
    if (noop_ || contexts.empty()) return;
    readHead(s, head);
    // In inserts of at most kRowsPerInsert entries: a few statement texts, each prepared once.
    constexpr std::size_t kRowsPerInsert = 16;
    for (std::size_t first = 0; first < contexts.size(); first += kRowsPerInsert) {
        const std::size_t rows = std::min(kRowsPerInsert, contexts.size() - first);
        Query insert(s, std::string(kInsertColumns) + placeholderRows(10, rows));
        for (std::size_t i = first; i < first + rows; ++i) {
            const crypto::AuditEntry entry = next(*contexts[i], head);
            bindEntry(insert, entry, head.hash);
        }
        insert.run();
    }
}

}  // namespace binhan::store
