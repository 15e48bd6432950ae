#include "store/CaseRepository.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/Session.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "core/Error.h"
#include "store/CaseRows.h"
#include "store/CaseVisibility.h"
#include "store/ReportCounts.h"
#include "store/Sql.h"
#include "store/WorkflowSql.h"

using namespace Poco::Data::Keywords;

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

using shared::stagesColumn;
using shared::stagesFrom;

// Replaces the case's blind-index terms (each with the field it came from); `fresh`: the case
// has none yet (it is being created), so there is nothing to delete. All rows in one statement.
void writeTerms(Poco::Data::Session& s, std::int64_t id, const std::vector<SearchTerm>& terms,
                bool fresh = false) {
    if (!fresh) Query(s, "DELETE FROM case_terms WHERE case_id = ?").bind(id).run();
    if (terms.empty()) return;
    Query insert(s, "INSERT INTO case_terms (term, case_id, kind, field) VALUES " +
                        placeholderRows(4, terms.size()) + " ON CONFLICT DO NOTHING");
    for (const auto& t : terms)
        insert.bind(t.term).bind(id).bind(t.word ? "word" : "exact").bind(t.field);
    insert.run();
}

void writeDetails(Poco::Data::Session& s, std::int64_t id, const CaseRow& row,
                  const SealedCase& sealed, bool fresh = false) {
    if (!fresh) Query(s, "DELETE FROM case_perpetrators WHERE case_id = ?").bind(id).run();
    if (!row.perpetrators.empty()) {
        Query insert(
            s, "INSERT INTO case_perpetrators (case_id, position, sex, relationship) VALUES " +
                   placeholderRows(4, row.perpetrators.size()));
        for (const auto& p : row.perpetrators)
            insert.bind(id).bind(p.position).bind(p.sex).bind(p.relationship);
        insert.run();
    }
    if (!fresh)
        Query(s, "DELETE FROM case_fields WHERE case_id = ? AND field NOT LIKE 'meta.%'")
            .bind(id)
            .run();
    if (!sealed.fields.empty()) {
        Query insert(s, "INSERT INTO case_fields (case_id, field, value) VALUES " +
                            placeholderRows(3, sealed.fields.size()) +
                            " ON CONFLICT (case_id, field) DO UPDATE SET value = excluded.value");
        for (const auto& [name, value] : sealed.fields) insert.bind(id).bind(name).bind(value);
        insert.run();
    }
    writeTerms(s, id, sealed.terms, fresh);
}

std::optional<CaseRow> loadCase(Poco::Data::Session& s, std::int64_t caseId) {
    Query query(s, "SELECT " + kCaseColumnList + ", " + stagesColumn(s, "cases.id") + ", " +
                       perpetratorsColumn(s, "cases.id") + " FROM cases WHERE id = ?");
    if (!query.bind(caseId).next()) return std::nullopt;
    CaseRow row = caseFrom(query);
    row.stages = stagesFrom(query.text(kCaseColumnCount));
    row.perpetrators = perpetratorsFrom(query.text(kCaseColumnCount + 1));
    return row;
}

std::map<std::string, Blob> loadSealed(Poco::Data::Session& s, std::int64_t caseId) {
    std::map<std::string, Blob> out;
    Query query(s, "SELECT field, value FROM case_fields WHERE case_id = ?");
    query.bind(caseId);
    while (query.next()) out[query.text(0)] = query.blob(1);
    return out;
}

// Writes the plaintext columns, perpetrators, sealed fields and terms of an existing case.
void writeCorrection(Poco::Data::Session& s, const CaseRow& c, const SealedCase& sealed) {
    Poco::Int64 id = c.id;
    shared::ReportCountsUpdate counts(s, id);
    std::string types = joinList(c.types), risk = c.risk, date = c.incidentDate,
                village = c.incidentVillage, place = c.place, sex = c.survivorSex,
                band = c.survivorAgeBand, home = c.survivorVillage, updated = c.updatedAt,
                channel = c.intakeChannel, received = c.intakeReceivedAt;
    int disability = c.survivorDisability, child = c.child, crime = c.crime,
        sanction = c.administrativeSanction;
    s << sql(s,
             "UPDATE cases SET risk = ?, incident_date = ?, incident_village = ?, place = ?, "
             "types = ?, survivor_sex = ?, survivor_age_band = ?, survivor_village = ?, "
             "survivor_disability = ?, child = ?, crime = ?, administrative_sanction = ?, "
             "intake_channel = NULLIF(?, ''), intake_received_at = NULLIF(?, ''), "
             "updated_at = ? WHERE id = ?"),
        use(risk), use(date), use(village), use(place), use(types), use(sex), use(band), use(home),
        use(disability), use(child), use(crime), use(sanction), use(channel), use(received),
        use(updated), use(id), now;
    writeDetails(s, id, c, sealed);
    counts.apply();
}

// The cases holding a search's terms, as a WITH clause the page statement filters on (an index
// seek per term; the visibility fragment then checks only these cases, and on the fields the
// caller may read under each relation).
struct SearchHits {
    std::string with;
    std::vector<SqlValue> values;
};

SearchHits exactHits(const Poco::Data::Session& s, const std::vector<std::string>& terms) {
    return {
        "WITH hits(hit) AS (SELECT DISTINCT case_id FROM case_terms WHERE kind = 'exact' AND term "
        "IN "
        "(SELECT value FROM " +
            listTable(s) + ")) ",
        {joinList(terms)}};
}

// Every name word, walking the posting list of the first (the rarest) and seeking the others
// in the same case: the work grows with the rarest word's cases, not with all words' rows.
SearchHits wordHits(const std::vector<std::string>& rarestFirst) {
    SearchHits hits;
    hits.with =
        "WITH hits(hit) AS (SELECT DISTINCT w0.case_id FROM case_terms w0 WHERE w0.term = ? AND "
        "w0.kind = 'word'";
    for (std::size_t i = 1; i < rarestFirst.size(); ++i) {
        const std::string w = "w" + std::to_string(i);
        hits.with += " AND EXISTS (SELECT 1 FROM case_terms " + w + " WHERE " + w +
                     ".term = ? AND " + w + ".case_id = w0.case_id AND " + w + ".kind = 'word')";
    }
    hits.with += ") ";
    for (const auto& word : rarestFirst) hits.values.emplace_back(word);
    return hits;
}

// How many cases hold each word, counted up to a cap (enough to tell a rare word from "Thị").
constexpr int kWordCountCap = 1000;

std::vector<std::string> rarestFirst(Poco::Data::Session& s, std::vector<std::string> words) {
    if (words.size() < 2) return words;
    std::string text = "SELECT ";
    for (std::size_t i = 0; i < words.size(); ++i)
        text += std::string(i ? ", " : "") +
                "(SELECT COUNT(*) FROM (SELECT 1 FROM case_terms WHERE term = ? AND kind = "
                "'word' LIMIT " +
                std::to_string(kWordCountCap) + ") x" + std::to_string(i) + ")";
    Query counts(s, text);
    for (const auto& word : words) counts.bind(word);
    if (!counts.next()) return words;
    std::vector<std::pair<std::int64_t, std::string>> ranked;
    for (std::size_t i = 0; i < words.size(); ++i)
        ranked.emplace_back(counts.integer(static_cast<int>(i)), words[i]);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < words.size(); ++i) words[i] = ranked[i].second;
    return words;
}

// One page of the cases in `scope` that pass the filter (and are among `hits` when given),
// newest first, each with its stages: one statement.
std::vector<CaseRow> casePage(Poco::Data::Session& s, const CaseScope& scope, const CaseFilter& f,
                              const TermSearch* search, const SearchHits* hits, std::int64_t before,
                              int limit) {
    const SqlFragment visible = visibleCases(s, "cases", scope, search);
    // A search walks its hits and looks up each case ("CROSS JOIN" keeps that order in SQLite,
    // whose planner otherwise walked the commune's cases from the newest and probed the hits:
    // 10 ms per phone search over 100,000 cases, docs/benchmarks.md).
    const std::string columns = "SELECT " + kCaseColumnList + ", " + stagesColumn(s, "cases.id");
    const std::string from =
        hits ? hits->with + columns + " FROM hits CROSS JOIN cases WHERE cases.id = hits.hit AND "
             : columns + " FROM cases WHERE ";
    Query query(s, from + "cases.id < ? AND " + visible.text +
                       " AND (? = '' OR EXISTS (SELECT 1 FROM stages g WHERE g.case_id = "
                       "cases.id AND g.agency = ? AND g.status = ?)) "
                       "AND (? = '' OR status = ?) AND (? = '' OR risk = ?) "
                       "AND (? = '' OR UPPER(cases.code) = ?) AND (? = 0 OR cases.opened_by = ? OR "
                       "EXISTS (SELECT 1 FROM events e WHERE e.case_id = cases.id AND "
                       "e.author_id = ?)) "
                       "ORDER BY cases.id DESC LIMIT ?");
    if (hits) query.bindAll(hits->values);
    query.bind(before).bindAll(visible.binds);
    query.bind(f.stage).bind(scope.agency).bind(f.stage).bind(f.status).bind(f.status);
    query.bind(f.risk).bind(f.risk).bind(f.code).bind(f.code);
    query.bind(f.involvedUser).bind(f.involvedUser).bind(f.involvedUser).bind(limit);
    std::vector<CaseRow> found;
    while (query.next()) {
        found.push_back(caseFrom(query));
        found.back().stages = stagesFrom(query.text(kCaseColumnCount));
    }
    return found;
}

}  // namespace

std::int64_t CaseRepository::create(
    const CaseRow& draft, int year,
    const std::function<SealedCase(std::int64_t id, const std::string& code)>& seal) {
    std::int64_t id = 0;
    db_.withWriter([&](Poco::Data::Session& s) {
        CaseRow c = draft;
        int number = 0;
        {
            // The next id and the next number of the commune's year, in one statement.
            Query next(s,
                       "SELECT (SELECT COALESCE(MAX(id), 0) + 1 FROM cases), (SELECT "
                       "COALESCE(MAX(number), 0) + 1 FROM cases WHERE commune = ? AND year = ?)");
            next.bind(c.commune).bind(year).next();
            id = next.integer(0);
            number = static_cast<int>(next.integer(1));
        }
        char code[64];
        std::snprintf(code, sizeof code, "%s-%d-%04d", c.commune.c_str(), year, number);
        c.code = code;
        const SealedCase sealed = seal(id, c.code);
        shared::ReportCountsUpdate counts(s, id, shared::ReportCountsUpdate::NewCase{});
        Query(s,
              "INSERT INTO cases (id, commune, code, year, number, status, risk, incident_date, "
              "incident_village, place, types, survivor_sex, survivor_age_band, survivor_village, "
              "survivor_disability, child, crime, administrative_sanction, consent_given, "
              "consent_given_by, consent_agencies, consent_statistics, opened_by, opened_agency, "
              "data_key, data_key_version, created_at, updated_at, intake_channel, "
              "intake_received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
              "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''))")
            .bind(id)
            .bind(c.commune)
            .bind(c.code)
            .bind(year)
            .bind(number)
            .bind(c.status)
            .bind(c.risk)
            .bind(c.incidentDate)
            .bind(c.incidentVillage)
            .bind(c.place)
            .bind(joinList(c.types))
            .bind(c.survivorSex)
            .bind(c.survivorAgeBand)
            .bind(c.survivorVillage)
            .bind(c.survivorDisability)
            .bind(c.child)
            .bind(c.crime)
            .bind(c.administrativeSanction)
            .bind(c.consentGiven)
            .bind(c.consentGivenBy)
            .bind(joinList(c.consentAgencies))
            .bind(c.consentStatistics)
            .bind(c.openedBy)
            .bind(c.openedAgency)
            .bind(sealed.dataKey)
            .bind(static_cast<std::int64_t>(sealed.dataKeyVersion))
            .bind(c.createdAt)
            .bind(c.createdAt)
            .bind(c.intakeChannel)
            .bind(c.intakeReceivedAt)
            .run();
        writeDetails(s, id, c, sealed, /*fresh=*/true);
        Query(s, "INSERT INTO stages (case_id, agency, status, since) VALUES (?, ?, 'active', ?)")
            .bind(id)
            .bind(c.openedAgency)
            .bind(c.createdAt)
            .run();
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
        const std::int64_t before = f.beforeId > 0 ? f.beforeId : INT64_MAX;
        if (!f.search) {
            found = casePage(s, scope, f, nullptr, nullptr, before, f.limit);
            return;
        }
        // A phone, an ID number or a whole name: the exact terms alone answer when they match
        // a case the caller may read (a page after the first: when they matched on the first).
        if (!f.anyTerms.empty()) {
            const TermSearch exact{f.anyTerms, {}};
            const SearchHits hits = exactHits(s, f.anyTerms);
            found = casePage(s, scope, f, &exact, &hits, before, f.limit);
            if (!found.empty() || f.allWords.empty()) return;
            if (before != INT64_MAX && !casePage(s, scope, f, &exact, &hits, INT64_MAX, 1).empty())
                return;  // the exact matches ended on an earlier page
        }
        if (f.allWords.empty()) return;
        const TermSearch words{{}, f.allWords};
        const SearchHits hits = wordHits(rarestFirst(s, f.allWords));
        found = casePage(s, scope, f, &words, &hits, before, f.limit);
    });
    return found;
}

CaseInvolvement CaseRepository::involvement(std::int64_t caseId, std::int64_t userId,
                                            const std::string& agency, const std::string& commune,
                                            std::int64_t at) {
    CaseInvolvement out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query query(s, "SELECT " + kInvolvementColumns + kOneCaseInCommune);
        query.bind(userId).bind(agency).bind(userId).bind(at).bind(caseId).bind(commune);
        if (query.next()) out = involvementFrom(query, 0);
    });
    return out;
}

CaseRead CaseRepository::read(std::int64_t caseId, std::int64_t userId, const std::string& agency,
                              const std::string& commune, std::int64_t at) {
    CaseRead out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query query(s, caseReadStatement(s));
        query.bind(userId).bind(agency).bind(userId).bind(at).bind(caseId).bind(commune);
        if (query.next()) out = caseReadFrom(query);
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
