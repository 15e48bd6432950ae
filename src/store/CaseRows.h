#pragma once
// How a case comes out of a statement (store-internal, issue 18): the case columns and the
// CaseRow they make, the caller's involvement as scalar subqueries, the perpetrators as one
// aggregated column, and the one statement of a case read with what it brings back. Shared by
// CaseRepository's reads, its list and search pages.
#include <Poco/Data/Session.h>

#include <string>
#include <vector>

#include "store/CaseRecords.h"
#include "store/Query.h"

namespace binhan::store {

struct CaseRead;

// The cases columns, unqualified, in the order caseFrom reads them.
extern const std::string kCaseColumnList;
constexpr int kCaseColumnCount = 30;
CaseRow caseFrom(const Query& q);

// The caller's involvement in the case `c` (4 columns; values: user, agency, user, now), and the
// one case when it is in the caller's commune and not erased (values: case id, commune).
extern const std::string kInvolvementColumns;
extern const std::string kOneCaseInCommune;
CaseInvolvement involvementFrom(const Query& q, int firstColumn);

std::string perpetratorsColumn(const Poco::Data::Session& s, const std::string& caseIdColumn);
std::vector<PerpetratorRow> perpetratorsFrom(const std::string& json);

// The one statement of a case read. Values: user, agency, user, now, case id, commune.
std::string caseReadStatement(const Poco::Data::Session& s);
CaseRead caseReadFrom(const Query& q);

}  // namespace binhan::store
