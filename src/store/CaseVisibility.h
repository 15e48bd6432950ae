#pragma once
// The SQL form of core/Policy's "who sees which case" (issue 16): one WHERE fragment, shared by
// the case list, the search and the dashboard, built from a CaseScope that the service fills
// from the policy tables (core::relationsAllowing, core::mayReadField). Nothing here decides
// who may see what: it only translates each core::Relation into the rows that establish it.
//
// A case is in scope when it belongs to the caller's commune, is not erased, the caller is not
// recused from it, and one of the scope's relations holds for it. A search term counts only when
// it was computed from a field the caller may read under the relation that holds (issue 16:
// a search never confirms a value its field view hides). Pure text building; thread-safe.
#include <Poco/Data/Session.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/Policy.h"
#include "store/Query.h"

namespace binhan::store {

struct CaseScope {
    std::string commune;
    std::int64_t userId = 0;
    std::string agency;    // the caller's agency, "" for a role that is not one
    std::int64_t now = 0;  // unix seconds: break-glass still running
    // The relations that show the case, each with the search-term fields ("survivor.phone",
    // "perpetrators.full_name", …) the caller may read under it.
    std::map<core::Relation, std::set<std::string>> relations;
};

// The search a fragment also applies: exact terms (any) and name-word terms (all).
struct TermSearch {
    std::vector<std::string> anyTerms;
    std::vector<std::string> allWords;
};

// SQL text with its values, bound in order of appearance (store/Query.h).
struct SqlFragment {
    std::string text;
    std::vector<SqlValue> binds;
};

// The fragment "(…)" over the cases table aliased `alias`. With `search`, a case is in scope only
// when it also matches the terms on fields visible under its relation. A scope with no relation
// matches nothing. Throws std::logic_error for a relation with no SQL form (None, Recused).
SqlFragment visibleCases(const Poco::Data::Session& session, const std::string& alias,
                         const CaseScope& scope, const TermSearch* search = nullptr);

// The stage statuses of the caller's agency that establish a stage relation (for tests).
std::string stageStatusesOf(core::Relation relation);

}  // namespace binhan::store
