#include "store/CaseVisibility.h"

#include <stdexcept>

#include "store/CaseRepository.h"
#include "store/Sql.h"

namespace binhan::store {
namespace {

// "'a', 'b'" of field names: these come from core's field table, never from a client, and are
// checked to hold only [a-z._] so they can be written into the text.
std::string quotedFields(const std::set<std::string>& fields) {
    std::string out;
    for (const auto& field : fields) {
        for (char c : field)
            if (!((c >= 'a' && c <= 'z') || c == '.' || c == '_'))
                throw std::logic_error("a search-term field name must be [a-z._]");
        out += (out.empty() ? "'" : ", '") + field + "'";
    }
    return out;
}

// The rows that establish `relation` for the case `a`.
void addRelation(SqlFragment& f, const std::string& a, core::Relation relation,
                 const CaseScope& scope) {
    switch (relation) {
        case core::Relation::ReferredStage:
        case core::Relation::ActiveStage:
        case core::Relation::CompletedStage:
            f.text += "EXISTS (SELECT 1 FROM stages g WHERE g.case_id = " + a +
                      ".id AND g.agency = ? AND g.status IN (" + stageStatusesOf(relation) + "))";
            f.binds.emplace_back(scope.agency);
            return;
        case core::Relation::ProtectionRequest:
            f.text +=
                "EXISTS (SELECT 1 FROM case_protection_requests p WHERE p.case_id = " + a + ".id)";
            return;
        case core::Relation::BreakGlass:
            f.text += "EXISTS (SELECT 1 FROM break_glass b WHERE b.case_id = " + a +
                      ".id AND b.user_id = ? AND b.ends_at > ?)";
            f.binds.emplace_back(scope.userId);
            f.binds.emplace_back(scope.now);
            return;
        case core::Relation::None:
        case core::Relation::Recused:
            break;
    }
    throw std::logic_error("relation " + core::relationName(relation) + " has no SQL form");
}

// The search terms of `a` that the caller may match: exact terms (any) or every name word, on
// the fields of `fields` only.
void addTermMatch(SqlFragment& f, const Poco::Data::Session& s, const std::string& a,
                  const std::set<std::string>& fields, const TermSearch& search) {
    if (fields.empty()) {
        f.text += "0 = 1";
        return;
    }
    const std::string inFields = " AND t.field IN (" + quotedFields(fields) + ")";
    f.text += "(";
    bool first = true;
    if (!search.anyTerms.empty()) {
        f.text += "EXISTS (SELECT 1 FROM case_terms t WHERE t.case_id = " + a +
                  ".id AND t.kind = 'exact' AND t.term IN (SELECT value FROM " + listTable(s) +
                  ")" + inFields + ")";
        f.binds.emplace_back(joinList(search.anyTerms));
        first = false;
    }
    if (!search.allWords.empty()) {
        f.text += std::string(first ? "" : " OR ") +
                  "(SELECT COUNT(DISTINCT t.term) FROM case_terms t WHERE t.case_id = " + a +
                  ".id AND t.kind = 'word' AND t.term IN (SELECT value FROM " + listTable(s) + ")" +
                  inFields + ") = ?";
        f.binds.emplace_back(joinList(search.allWords));
        f.binds.emplace_back(static_cast<std::int64_t>(search.allWords.size()));
        first = false;
    }
    if (first) f.text += "0 = 1";
    f.text += ")";
}

}  // namespace

std::string stageStatusesOf(core::Relation relation) {
    switch (relation) {
        case core::Relation::ReferredStage:
            return "'referred'";
        case core::Relation::ActiveStage:
            return "'active', 'accepted'";
        case core::Relation::CompletedStage:
            return "'completed'";
        default:
            return "";
    }
}

SqlFragment visibleCases(const Poco::Data::Session& session, const std::string& a,
                         const CaseScope& scope, const TermSearch* search) {
    SqlFragment f;
    if (scope.relations.empty()) {
        f.text = "(0 = 1)";
        return f;
    }
    f.text = "(" + a + ".commune = ? AND " + a +
             ".data_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " +
             "recusals r WHERE r.case_id = " + a + ".id AND r.user_id = ?) AND (";
    f.binds.emplace_back(scope.commune);
    f.binds.emplace_back(scope.userId);
    bool first = true;
    for (const auto& [relation, fields] : scope.relations) {
        f.text += first ? "(" : " OR (";
        first = false;
        addRelation(f, a, relation, scope);
        if (search) {
            f.text += " AND ";
            addTermMatch(f, session, a, fields, *search);
        }
        f.text += ")";
    }
    f.text += "))";
    return f;
}

}  // namespace binhan::store
