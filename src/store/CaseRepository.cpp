#include "store/CaseRepository.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>

#include <cstdio>
#include <sstream>

#include "core/Error.h"
#include "store/CaseVisibility.h"
#include "store/ReportCounts.h"
#include "store/Sql.h"
#include "store/WorkflowSql.h"

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;

namespace binhan::store {

std::string joinList(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
    return out;
}

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

namespace {

const char* kCaseColumns =
    "SELECT id, commune, code, status, risk, incident_date, incident_village, place, types, "
    "survivor_sex, survivor_age_band, survivor_village, survivor_disability, child, crime, "
    "administrative_sanction, consent_given, consent_given_by, consent_agencies, "
    "consent_statistics, opened_by, opened_agency, data_key, COALESCE(data_key_version, 0), "
    "created_at, updated_at, COALESCE(closed_at, ''), COALESCE(closure_reason, '') FROM cases ";

std::string text(RecordSet& rs, std::size_t col, std::size_t row) {
    const auto v = rs.value(col, row);
    return v.isEmpty() ? std::string() : v.convert<std::string>();
}
bool flag(RecordSet& rs, std::size_t col, std::size_t row) {
    return rs.value(col, row).convert<int>() != 0;
}

CaseRow caseFrom(RecordSet& rs, std::size_t r) {
    CaseRow c;
    c.id = rs.value(0, r).convert<Poco::Int64>();
    c.commune = text(rs, 1, r);
    c.code = text(rs, 2, r);
    c.status = text(rs, 3, r);
    c.risk = text(rs, 4, r);
    c.incidentDate = text(rs, 5, r);
    c.incidentVillage = text(rs, 6, r);
    c.place = text(rs, 7, r);
    c.types = splitList(text(rs, 8, r));
    c.survivorSex = text(rs, 9, r);
    c.survivorAgeBand = text(rs, 10, r);
    c.survivorVillage = text(rs, 11, r);
    c.survivorDisability = flag(rs, 12, r);
    c.child = flag(rs, 13, r);
    c.crime = flag(rs, 14, r);
    c.administrativeSanction = flag(rs, 15, r);
    c.consentGiven = flag(rs, 16, r);
    c.consentGivenBy = text(rs, 17, r);
    c.consentAgencies = splitList(text(rs, 18, r));
    c.consentStatistics = flag(rs, 19, r);
    c.openedBy = rs.value(20, r).convert<Poco::Int64>();
    c.openedAgency = text(rs, 21, r);
    const auto key = rs.value(22, r);
    if (!key.isEmpty()) {
        const auto& blob = key.extract<Poco::Data::BLOB>();
        c.dataKey.assign(blob.rawContent(), blob.rawContent() + blob.size());
    }
    c.dataKeyVersion = rs.value(23, r).convert<std::uint32_t>();
    c.createdAt = text(rs, 24, r);
    c.updatedAt = text(rs, 25, r);
    c.closedAt = text(rs, 26, r);
    c.closureReason = text(rs, 27, r);
    return c;
}

void loadStages(Poco::Data::Session& s, std::vector<CaseRow>& cases) {
    for (auto& c : cases) {
        Poco::Int64 id = c.id;
        std::vector<std::string> agency, status, since, reason;
        s << sql(s,
                 "SELECT agency, status, since, COALESCE(reason, '') FROM stages WHERE case_id = ? "
                 "ORDER BY agency"),
            use(id), into(agency), into(status), into(since), into(reason), now;
        for (std::size_t i = 0; i < agency.size(); ++i)
            c.stages.push_back({agency[i], status[i], since[i], reason[i]});
    }
}

// Replaces the case's blind-index terms (each with the field it came from).
void writeTerms(Poco::Data::Session& s, Poco::Int64 id, const std::vector<SearchTerm>& terms) {
    s << sql(s, "DELETE FROM case_terms WHERE case_id = ?"), use(id), now;
    for (const auto& t : terms) {
        std::string term = t.term, field = t.field, kind = t.word ? "word" : "exact";
        s << sql(s,
                 "INSERT INTO case_terms (term, case_id, kind, field) VALUES (?, ?, ?, ?) ON "
                 "CONFLICT DO NOTHING"),
            use(term), use(id), use(kind), use(field), now;
    }
}

void writeDetails(Poco::Data::Session& s, Poco::Int64 id, const CaseRow& row,
                  const SealedCase& sealed) {
    s << sql(s, "DELETE FROM case_perpetrators WHERE case_id = ?"), use(id), now;
    for (const auto& p : row.perpetrators) {
        int position = p.position;
        std::string sex = p.sex, relationship = p.relationship;
        s << sql(
            s,
            "INSERT INTO case_perpetrators (case_id, position, sex, relationship) VALUES (?, ?, "
            "?, ?)"),
            use(id), use(position), use(sex), use(relationship), now;
    }
    s << sql(s, "DELETE FROM case_fields WHERE case_id = ? AND field NOT LIKE 'meta.%'"), use(id),
        now;
    for (const auto& [name, value] : sealed.fields) {
        std::string field = name;
        Poco::Data::BLOB blob(value.data(), value.size());
        s << sql(s,
                 "INSERT INTO case_fields (case_id, field, value) VALUES (?, ?, ?) ON CONFLICT "
                 "(case_id, field) DO UPDATE SET value = excluded.value"),
            use(id), use(field), use(blob), now;
    }
    writeTerms(s, id, sealed.terms);
}

std::optional<CaseRow> loadCase(Poco::Data::Session& s, std::int64_t caseId) {
    std::vector<CaseRow> found;
    Poco::Int64 key = caseId;
    Poco::Data::Statement st(s);
    st << sql(s, std::string(kCaseColumns) + "WHERE id = ?"), use(key);
    st.execute();
    RecordSet rs(st);
    for (std::size_t r = 0; r < rs.rowCount(); ++r) found.push_back(caseFrom(rs, r));
    if (found.empty()) return std::nullopt;
    std::vector<int> position;
    std::vector<std::string> sex, relationship;
    s << sql(s,
             "SELECT position, sex, relationship FROM case_perpetrators WHERE case_id = ? ORDER BY "
             "position"),
        use(key), into(position), into(sex), into(relationship), now;
    for (std::size_t i = 0; i < position.size(); ++i)
        found[0].perpetrators.push_back({position[i], sex[i], relationship[i]});
    loadStages(s, found);
    return found[0];
}

std::map<std::string, Blob> loadSealed(Poco::Data::Session& s, std::int64_t caseId) {
    std::map<std::string, Blob> out;
    Poco::Int64 key = caseId;
    std::vector<std::string> names;
    std::vector<Poco::Data::BLOB> values;
    s << sql(s, "SELECT field, value FROM case_fields WHERE case_id = ?"), use(key), into(names),
        into(values), now;
    for (std::size_t i = 0; i < names.size(); ++i)
        out[names[i]] = Blob(values[i].rawContent(), values[i].rawContent() + values[i].size());
    return out;
}

// Writes the plaintext columns, perpetrators, sealed fields and terms of an existing case.
void writeCorrection(Poco::Data::Session& s, const CaseRow& c, const SealedCase& sealed) {
    Poco::Int64 id = c.id;
    shared::ReportCountsUpdate counts(s, id);
    std::string types = joinList(c.types), risk = c.risk, date = c.incidentDate,
                village = c.incidentVillage, place = c.place, sex = c.survivorSex,
                band = c.survivorAgeBand, home = c.survivorVillage, updated = c.updatedAt;
    int disability = c.survivorDisability, child = c.child, crime = c.crime,
        sanction = c.administrativeSanction;
    s << sql(s,
             "UPDATE cases SET risk = ?, incident_date = ?, incident_village = ?, place = ?, "
             "types = ?, survivor_sex = ?, survivor_age_band = ?, survivor_village = ?, "
             "survivor_disability = ?, child = ?, crime = ?, administrative_sanction = ?, "
             "updated_at = ? WHERE id = ?"),
        use(risk), use(date), use(village), use(place), use(types), use(sex), use(band), use(home),
        use(disability), use(child), use(crime), use(sanction), use(updated), use(id), now;
    writeDetails(s, id, c, sealed);
    counts.apply();
}

}  // namespace

std::int64_t CaseRepository::create(
    const CaseRow& draft, int year,
    const std::function<SealedCase(std::int64_t id, const std::string& code)>& seal) {
    Poco::Int64 id = 0;
    db_.withWriter([&](Poco::Data::Session& s) {
        CaseRow c = draft;
        int y = year, number = 0;
        s << sql(s, "SELECT COALESCE(MAX(id), 0) + 1 FROM cases"), into(id), now;
        s << sql(s,
                 "SELECT COALESCE(MAX(number), 0) + 1 FROM cases WHERE commune = ? AND year = ?"),
            use(c.commune), use(y), into(number), now;
        char code[64];
        std::snprintf(code, sizeof code, "%s-%d-%04d", c.commune.c_str(), year, number);
        c.code = code;
        const SealedCase sealed = seal(id, c.code);
        shared::ReportCountsUpdate counts(s, id);
        Poco::Data::BLOB key(sealed.dataKey.data(), sealed.dataKey.size());
        std::string types = joinList(c.types), agencies = joinList(c.consentAgencies);
        int disability = c.survivorDisability, child = c.child, crime = c.crime,
            sanction = c.administrativeSanction, given = c.consentGiven,
            stats = c.consentStatistics;
        Poco::Int64 opener = c.openedBy;
        Poco::UInt32 version = sealed.dataKeyVersion;
        s << sql(
            s,
            "INSERT INTO cases (id, commune, code, year, number, status, risk, incident_date, "
            "incident_village, place, types, survivor_sex, survivor_age_band, survivor_village, "
            "survivor_disability, child, crime, administrative_sanction, consent_given, "
            "consent_given_by, consent_agencies, consent_statistics, opened_by, opened_agency, "
            "data_key, data_key_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            use(id), use(c.commune), use(c.code), use(y), use(number), use(c.status), use(c.risk),
            use(c.incidentDate), use(c.incidentVillage), use(c.place), use(types),
            use(c.survivorSex), use(c.survivorAgeBand), use(c.survivorVillage), use(disability),
            use(child), use(crime), use(sanction), use(given), use(c.consentGivenBy), use(agencies),
            use(stats), use(opener), use(c.openedAgency), use(key), use(version), use(c.createdAt),
            use(c.createdAt), now;
        writeDetails(s, id, c, sealed);
        s << sql(s,
                 "INSERT INTO stages (case_id, agency, status, since) VALUES (?, ?, 'active', ?)"),
            use(id), use(c.openedAgency), use(c.createdAt), now;
        shared::insertConsentRecord(s, {0,
                                        id,
                                        c.consentGiven,
                                        c.consentGivenBy,
                                        c.consentAgencies,
                                        c.consentStatistics,
                                        c.createdAt,
                                        c.openedBy,
                                        c.openedAgency,
                                        {},
                                        {}});
        counts.apply();
    });
    return id;
}

std::int64_t CaseRepository::count() {
    Poco::Int64 n = 0;
    db_.withReader(
        [&](Poco::Data::Session& s) { s << sql(s, "SELECT COUNT(*) FROM cases"), into(n), now; });
    return n;
}

std::optional<CaseRow> CaseRepository::find(std::int64_t id) {
    std::optional<CaseRow> found;
    db_.withReader([&](Poco::Data::Session& s) { found = loadCase(s, id); });
    return found;
}

std::map<std::string, Blob> CaseRepository::sealedFields(std::int64_t id) {
    std::map<std::string, Blob> out;
    db_.withReader([&](Poco::Data::Session& s) { out = loadSealed(s, id); });
    return out;
}

CaseRow CaseRepository::correct(std::int64_t caseId, const DecideCorrection& decide) {
    CaseRow written;
    db_.withWriter([&](Poco::Data::Session& s) {
        const auto current = loadCase(s, caseId);
        if (!current || current->dataKey.empty()) throw core::NotFound("No such case.");
        const auto [row, sealed] = decide(*current, loadSealed(s, caseId));
        writeCorrection(s, row, sealed);
        written = row;
    });
    return written;
}

void CaseRepository::replaceTerms(std::int64_t caseId, const std::vector<SearchTerm>& terms) {
    db_.withWriter([&](Poco::Data::Session& s) { writeTerms(s, caseId, terms); });
}

std::vector<std::int64_t> CaseRepository::casesWithUnfieldedTerms(std::int64_t afterId, int limit) {
    std::vector<Poco::Int64> ids;
    db_.withReader([&](Poco::Data::Session& s) {
        Poco::Int64 after = afterId;
        int max = limit;
        s << sql(s,
                 "SELECT DISTINCT case_id FROM case_terms WHERE field = '' AND case_id > ? ORDER "
                 "BY case_id LIMIT ?"),
            use(after), use(max), into(ids), now;
    });
    return {ids.begin(), ids.end()};
}

void CaseRepository::putSealedField(std::int64_t caseId, const std::string& field,
                                    const Blob& value) {
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 id = caseId;
        std::string name = field;
        Poco::Data::BLOB blob(value.data(), value.size());
        s << sql(s,
                 "INSERT INTO case_fields (case_id, field, value) VALUES (?, ?, ?) ON CONFLICT "
                 "(case_id, field) DO UPDATE SET value = excluded.value"),
            use(id), use(name), use(blob), now;
    });
}

std::vector<CaseRow> CaseRepository::listVisible(const CaseScope& scope, const CaseFilter& f) {
    std::vector<CaseRow> found;
    db_.withReader([&](Poco::Data::Session& s) {
        Poco::Int64 before = f.beforeId > 0 ? f.beforeId : INT64_MAX;
        std::string own = scope.agency, status = f.status, stage = f.stage, risk = f.risk;
        int limit = f.limit;
        std::string anyTerms = joinList(f.anyTerms), allWords = joinList(f.allWords);
        int words = static_cast<int>(f.allWords.size());
        // A search first finds the cases holding its terms (an index seek per term), so the
        // visibility checks below run on those cases only; as one OR in the WHERE clause, SQLite
        // walked every case from the newest and tested the terms on each (docs/benchmarks.md).
        // Which of those terms the caller may match is the visibility fragment's (issue 16).
        const std::string terms = listTable(s);
        const std::string hits =
            "WITH hits(id) AS (SELECT case_id FROM case_terms WHERE kind = 'exact' AND term IN "
            "(SELECT value FROM " +
            terms +
            ") "
            "UNION SELECT case_id FROM case_terms WHERE ? > 0 AND kind = 'word' AND term IN "
            "(SELECT value FROM " +
            terms + ") GROUP BY case_id HAVING COUNT(DISTINCT term) = ?) ";
        TermSearch search{f.anyTerms, f.allWords};
        const SqlFragment visible = visibleCases(s, "cases", scope, f.search ? &search : nullptr);
        Poco::Data::Statement st(s);
        st << sql(s, (f.search ? hits : std::string()) + kCaseColumns + "WHERE id < ? AND " +
                         visible.text +
                         " AND (? = '' OR EXISTS (SELECT 1 FROM stages g WHERE g.case_id = "
                         "cases.id AND g.agency = ? AND g.status = ?)) "
                         "AND (? = '' OR status = ?) AND (? = '' OR risk = ?) " +
                         (f.search ? "AND id IN (SELECT id FROM hits) " : "") +
                         "ORDER BY id DESC LIMIT ?");
        if (f.search) st, use(anyTerms), use(words), use(allWords), use(words);
        st, use(before);
        visible.bindTo(st);
        st, use(stage), use(own), use(stage), use(status), use(status), use(risk), use(risk),
            use(limit);
        st.execute();
        RecordSet rs(st);
        for (std::size_t r = 0; r < rs.rowCount(); ++r) found.push_back(caseFrom(rs, r));
        loadStages(s, found);
    });
    return found;
}

CaseInvolvement CaseRepository::involvement(std::int64_t caseId, std::int64_t userId,
                                            const std::string& agency, const std::string& commune,
                                            std::int64_t at) {
    CaseInvolvement out;
    db_.withReader([&](Poco::Data::Session& s) {
        Poco::Int64 id = caseId, user = userId, when = at;
        std::string own = agency, place = commune;
        int exists = 0, recused = 0, glass = 0, protection = 0;
        std::vector<std::string> stage;
        s << sql(s,
                 "SELECT COUNT(*) FROM cases WHERE id = ? AND commune = ? AND data_key IS NOT "
                 "NULL"),
            use(id), use(place), into(exists), now;
        if (!exists) return;
        out.exists = true;
        s << sql(s, "SELECT COUNT(*) FROM recusals WHERE case_id = ? AND user_id = ?"), use(id),
            use(user), into(recused), now;
        s << sql(s, "SELECT status FROM stages WHERE case_id = ? AND agency = ?"), use(id),
            use(own), into(stage), now;
        s << sql(
            s,
            "SELECT COUNT(*) FROM break_glass WHERE case_id = ? AND user_id = ? AND ends_at > ?"),
            use(id), use(user), use(when), into(glass), now;
        s << sql(s, "SELECT COUNT(*) FROM case_protection_requests WHERE case_id = ?"), use(id),
            into(protection), now;
        out.recused = recused > 0;
        out.ownStage = stage.empty() ? "" : stage[0];
        out.breakGlass = glass > 0;
        out.protectionRequest = protection > 0;
    });
    return out;
}

bool CaseRepository::erase(std::int64_t caseId, const std::string& at) {
    bool found = false;
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 id = caseId;
        std::string when = at;
        Poco::Data::Statement st(s);
        st << sql(s,
                  "UPDATE cases SET data_key = NULL, data_key_version = NULL, erased_at = "
                  "COALESCE(erased_at, ?) "
                  "WHERE id = ?"),
            use(when), use(id);
        found = st.execute() > 0;
        s << sql(s, "DELETE FROM case_fields WHERE case_id = ?"), use(id), now;
        s << sql(s, "DELETE FROM case_terms WHERE case_id = ?"), use(id), now;
    });
    return found;
}

void CaseRepository::addRecusal(std::int64_t caseId, std::int64_t userId, std::int64_t by,
                                const std::string& at) {
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 id = caseId, user = userId, who = by;
        std::string when = at;
        s << sql(s,
                 "INSERT INTO recusals (case_id, user_id, recused_by, at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT DO NOTHING"),
            use(id), use(user), use(who), use(when), now;
    });
}

std::int64_t CaseRepository::addBreakGlass(std::int64_t caseId, std::int64_t userId,
                                           std::int64_t startsAt, std::int64_t endsAt) {
    Poco::Int64 id = 0;
    db_.withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 c = caseId, user = userId, from = startsAt, to = endsAt;
        s << sql(
            s,
            "INSERT INTO break_glass (case_id, user_id, starts_at, ends_at) VALUES (?, ?, ?, ?) "
            "RETURNING id"),
            use(c), use(user), use(from), use(to), into(id), now;
    });
    return id;
}

CaseWorkflowSummary CaseRepository::workflowSummary(std::int64_t caseId) {
    CaseWorkflowSummary summary;
    db_.withReader(
        [&](Poco::Data::Session& s) { summary = shared::loadWorkflowSummary(s, caseId); });
    return summary;
}

}  // namespace binhan::store
