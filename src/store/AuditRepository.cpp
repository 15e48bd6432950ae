#include "store/AuditRepository.h"
#include "store/Sql.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/Session.h>

#include <algorithm>

using namespace Poco::Data::Keywords;

namespace binhan::store {
namespace {

constexpr int kBatch = 5000;

}  // namespace

void AuditRepository::scan(
    std::int64_t from,
    const std::function<bool(const crypto::AuditEntry&, const crypto::Hash256&)>& visit) {
    Poco::Int64 next = from;
    for (;;) {
        std::vector<Poco::Int64> seq, actor, caseId;
        std::vector<std::string> time, role, action, address, outcome, detail;
        std::vector<Poco::Data::BLOB> hash;
        db_.withReader([&](Poco::Data::Session& s) {
            int limit = kBatch;
            s << sql(
                s,
                "SELECT sequence, time, actor_id, role, action, case_id, source_address, outcome, "
                "detail, hash "
                "FROM audit_log WHERE sequence >= ? ORDER BY sequence LIMIT ?"),
                use(next), use(limit), into(seq), into(time), into(actor), into(role), into(action),
                into(caseId), into(address), into(outcome), into(detail), into(hash), now;
        });
        for (std::size_t i = 0; i < seq.size(); ++i) {
            crypto::AuditEntry e{seq[i],    time[i],    actor[i],   role[i],  action[i],
                                 caseId[i], address[i], outcome[i], detail[i]};
            crypto::Hash256 stored{};
            std::copy_n(hash[i].rawContent(), std::min(stored.size(), hash[i].size()),
                        stored.begin());
            if (!visit(e, stored)) return;
        }
        if (seq.size() < static_cast<std::size_t>(kBatch)) return;
        next = seq.back() + 1;
    }
}

std::vector<AuditRow> AuditRepository::list(const AuditFilter& f) {
    std::vector<AuditRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        std::vector<Poco::Int64> seq, actor, caseId;
        std::vector<std::string> time, role, action, address, outcome, detail, code, actorName,
            commune;
        Poco::Int64 before = f.beforeSequence > 0 ? f.beforeSequence : INT64_MAX,
                    actorFilter = f.actorId;
        std::string caseCode = f.caseCode, from = f.from, to = f.to, place = f.commune;
        int limit = f.limit;
        s << sql(s,
                 "SELECT a.sequence, a.time, a.actor_id, a.role, a.action, a.case_id, "
                 "a.source_address, a.outcome, a.detail, COALESCE(c.code, ''), "
                 "COALESCE(u.username, ''), COALESCE(c.commune, u.commune, '') FROM audit_log a "
                 "LEFT JOIN cases c ON c.id = a.case_id LEFT JOIN users u ON u.id = a.actor_id "
                 "WHERE a.sequence < ? AND (? = 0 OR a.actor_id = ?) "
                 "AND (? = '' OR c.code = ? OR CAST(a.case_id AS TEXT) = ?) "
                 "AND (? = '' OR COALESCE(c.commune, u.commune, '') IN (?, '')) "
                 "AND (? = '' OR a.time >= ?) AND (? = '' OR a.time <= ?) ORDER BY a.sequence DESC "
                 "LIMIT ?"),
            use(before), use(actorFilter), use(actorFilter), use(caseCode), use(caseCode),
            use(caseCode), use(place), use(place), use(from), use(from), use(to), use(to),
            use(limit), into(seq), into(time), into(actor), into(role), into(action), into(caseId),
            into(address), into(outcome), into(detail), into(code), into(actorName), into(commune),
            now;
        for (std::size_t i = 0; i < seq.size(); ++i)
            out.push_back({{seq[i], time[i], actor[i], role[i], action[i], caseId[i], address[i],
                            outcome[i], detail[i]},
                           code[i],
                           actorName[i],
                           commune[i]});
    });
    return out;
}

std::int64_t AuditRepository::lastSequence() {
    Poco::Int64 n = 0;
    db_.withReader([&](Poco::Data::Session& s) {
        s << sql(s, "SELECT COALESCE(MAX(sequence), 0) FROM audit_log"), into(n), now;
    });
    return n;
}

std::int64_t AuditRepository::count(const std::string& action, std::int64_t caseId) {
    Poco::Int64 n = 0;
    db_.withReader([&](Poco::Data::Session& s) {
        std::string a = action;
        Poco::Int64 c = caseId;
        s << sql(s, "SELECT COUNT(*) FROM audit_log WHERE action = ? AND (? = 0 OR case_id = ?)"),
            use(a), use(c), use(c), into(n), now;
    });
    return n;
}

}  // namespace binhan::store
