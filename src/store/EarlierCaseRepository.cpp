#include "store/EarlierCaseRepository.h"

namespace binhan::store {
namespace {

// The agencies working or having worked each matching case, by the case's own survivor terms.
const char* kAgenciesOfMatches =
    "SELECT s.case_id, s.agency, MIN(s.since), MAX(CASE WHEN s.status = 'active' THEN 1 ELSE 0 "
    "END) FROM stages s "
    "JOIN cases c ON c.id = s.case_id AND c.data_key IS NOT NULL "
    "WHERE s.status IN ('active', 'completed') AND s.case_id IN (";

std::vector<EarlierMatch> matchesOf(Query& q) {
    std::vector<EarlierMatch> out;
    while (q.next()) out.push_back({q.integer(0), q.text(1), q.text(2), q.flag(3)});
    return out;
}

const char* kRequestColumns =
    "SELECT r.id, r.from_case_id, f.code, r.case_id, c.code, r.from_agency, r.agency, "
    "r.requested_by, r.requested_at, r.status, COALESCE(r.decided_at, '') FROM earlier_requests r "
    "JOIN cases f ON f.id = r.from_case_id JOIN cases c ON c.id = r.case_id ";

EarlierRequestRow requestOf(const Query& q) {
    EarlierRequestRow r;
    r.id = q.integer(0);
    r.fromCaseId = q.integer(1);
    r.fromCaseCode = q.text(2);
    r.caseId = q.integer(3);
    r.caseCode = q.text(4);
    r.fromAgency = q.text(5);
    r.agency = q.text(6);
    r.requestedBy = q.integer(7);
    r.requestedAt = q.text(8);
    r.status = q.text(9);
    r.decidedAt = q.text(10);
    return r;
}

}  // namespace

std::vector<EarlierMatch> EarlierCaseRepository::matching(const std::string& commune,
                                                          const SurvivorTerms& terms,
                                                          std::int64_t exceptCaseId) const {
    std::vector<EarlierMatch> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s, std::string(kAgenciesOfMatches) +
                       "SELECT t.case_id FROM case_terms t JOIN cases m ON m.id = t.case_id "
                       "WHERE m.commune = ? AND t.kind = 'exact' AND t.case_id <> ? AND "
                       "((t.field = 'survivor.full_name' AND t.term = ?) OR "
                       "(t.field = 'survivor.phone' AND t.term = ?) OR "
                       "(t.field = 'survivor.id_number' AND t.term = ?))) "
                       "GROUP BY s.case_id, s.agency ORDER BY s.case_id, s.agency");
        q.bind(commune)
            .bind(exceptCaseId)
            .bind(terms.fullName)
            .bind(terms.phone)
            .bind(terms.idNumber);
        out = matchesOf(q);
    });
    return out;
}

std::vector<EarlierMatch> EarlierCaseRepository::matchingCase(std::int64_t caseId) const {
    std::vector<EarlierMatch> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s, std::string(kAgenciesOfMatches) +
                       "SELECT o.case_id FROM case_terms m JOIN case_terms o ON o.term = m.term "
                       "AND o.field = m.field AND o.kind = 'exact' AND o.case_id <> m.case_id "
                       "JOIN cases mc ON mc.id = m.case_id JOIN cases oc ON oc.id = o.case_id "
                       "AND oc.commune = mc.commune "
                       "WHERE m.case_id = ? AND m.kind = 'exact' AND m.field IN "
                       "('survivor.full_name', 'survivor.phone', 'survivor.id_number') "
                       "AND NOT EXISTS (SELECT 1 FROM case_links l WHERE (l.case_a = m.case_id "
                       "AND l.case_b = o.case_id) OR (l.case_b = m.case_id AND l.case_a = "
                       "o.case_id))) "
                       "GROUP BY s.case_id, s.agency ORDER BY s.case_id, s.agency");
        q.bind(caseId);
        out = matchesOf(q);
    });
    return out;
}

bool EarlierCaseRepository::addRequest(const EarlierRequestRow& row, const NoticeRow& notice) {
    bool added = false;
    db_.withWriter([&](Poco::Data::Session& s) {
        added = Query(s,
                      "INSERT INTO earlier_requests (from_case_id, case_id, from_agency, agency, "
                      "requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO "
                      "NOTHING")
                    .bind(row.fromCaseId)
                    .bind(row.caseId)
                    .bind(row.fromAgency)
                    .bind(row.agency)
                    .bind(row.requestedBy)
                    .bind(row.requestedAt)
                    .run() > 0;
        if (added) shared::queueNotice(s, notice, row.requestedAt);
    });
    return added;
}

std::vector<EarlierRequestRow> EarlierCaseRepository::requestsFrom(std::int64_t fromCaseId) const {
    std::vector<EarlierRequestRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s, std::string(kRequestColumns) + "WHERE r.from_case_id = ? ORDER BY r.id");
        q.bind(fromCaseId);
        while (q.next()) out.push_back(requestOf(q));
    });
    return out;
}

std::vector<EarlierRequestRow> EarlierCaseRepository::waitingFor(const std::string& agency,
                                                                 const std::string& commune) const {
    std::vector<EarlierRequestRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s, std::string(kRequestColumns) +
                       "WHERE r.agency = ? AND r.status = 'waiting' AND c.commune = ? AND "
                       "c.data_key IS NOT NULL AND f.data_key IS NOT NULL AND EXISTS (SELECT 1 "
                       "FROM stages s WHERE s.case_id = r.case_id AND s.agency = r.agency AND "
                       "s.status = 'active') ORDER BY r.id");
        q.bind(agency).bind(commune);
        while (q.next()) out.push_back(requestOf(q));
    });
    return out;
}

std::optional<EarlierRequestRow> EarlierCaseRepository::request(std::int64_t id) const {
    std::optional<EarlierRequestRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s, std::string(kRequestColumns) + "WHERE r.id = ?");
        q.bind(id);
        if (q.next()) out = requestOf(q);
    });
    return out;
}

bool EarlierCaseRepository::decide(std::int64_t id, const std::string& status, std::int64_t by,
                                   const std::string& at, const Blob& reason,
                                   const NoticeRow& notice) {
    bool changed = false;
    db_.withWriter([&](Poco::Data::Session& s) {
        changed = Query(s,
                        "UPDATE earlier_requests SET status = ?, decided_by = ?, decided_at = ?, "
                        "reason = ? WHERE id = ? AND status = 'waiting'")
                      .bind(status)
                      .bind(by)
                      .bind(at)
                      .bind(reason)
                      .bind(id)
                      .run() > 0;
        if (changed) shared::queueNotice(s, notice, at);
    });
    return changed;
}

bool EarlierCaseRepository::link(std::int64_t a, std::int64_t b, std::int64_t by,
                                 const std::string& at) {
    bool added = false;
    db_.withWriter([&](Poco::Data::Session& s) {
        added = Query(s,
                      "INSERT INTO case_links (case_a, case_b, linked_by, linked_at) VALUES (?, "
                      "?, ?, ?) ON CONFLICT DO NOTHING")
                    .bind(std::min(a, b))
                    .bind(std::max(a, b))
                    .bind(by)
                    .bind(at)
                    .run() > 0;
    });
    return added;
}

std::vector<std::pair<std::int64_t, std::string>> EarlierCaseRepository::linked(
    std::int64_t caseId) const {
    std::vector<std::pair<std::int64_t, std::string>> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s,
                "SELECT c.id, c.code FROM case_links l JOIN cases c ON c.data_key IS NOT NULL "
                "AND c.id = CASE WHEN l.case_a = ? THEN l.case_b ELSE l.case_a END "
                "WHERE l.case_a = ? OR l.case_b = ? ORDER BY c.id");
        q.bind(caseId).bind(caseId).bind(caseId);
        while (q.next()) out.emplace_back(q.integer(0), q.text(1));
    });
    return out;
}

std::optional<std::int64_t> EarlierCaseRepository::caseByCode(const std::string& commune,
                                                              const std::string& code) const {
    std::optional<std::int64_t> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s, "SELECT id FROM cases WHERE commune = ? AND code = ? AND data_key IS NOT NULL");
        q.bind(commune).bind(code);
        if (q.next()) out = q.integer(0);
    });
    return out;
}

}  // namespace binhan::store
