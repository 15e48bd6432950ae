#pragma once
// SQL shared by the workflow repositories (Event, Referral, CaseLifecycle, Dashboard), run on a
// session they already hold — inside one write transaction, so a use case reads the state its
// rules decide on and writes its whole change in that same transaction. Internal to src/store.
#include <Poco/Data/LOB.h>
#include <Poco/Data/Session.h>

#include <cstdint>
#include <string>
#include <vector>

#include "store/WorkflowRecords.h"

namespace binhan::store::shared {

// The case's workflow state. Throws core::Error(NotFound) when there is no such case or it was
// erased (its key destroyed).
CaseState loadCaseState(Poco::Data::Session& s, std::int64_t caseId);
// Issue 20: two columns — the latest standing closure.request of the case `caseIdColumn` (0:
// none) and the `approved` value of the standing closure.decision answering it ("" while none).
std::string closureColumns(const std::string& caseIdColumn);
// Every contact-prohibition request and decision of the case, oldest first.
ProtectionLedger loadProtection(Poco::Data::Session& s, std::int64_t caseId);

// Inserts or replaces the agency's stage track (an empty reason is stored as NULL).
void putStage(Poco::Data::Session& s, std::int64_t caseId, const StageRow& stage);
// Sets cases.status and updated_at.
void setCaseStatus(Poco::Data::Session& s, std::int64_t caseId, const std::string& status,
                   const std::string& at);
// Sets cases.updated_at.
void touchCase(Poco::Data::Session& s, std::int64_t caseId, const std::string& at);
// The id the next row of `table` will get (MAX(id) + 1): only inside a write transaction, where
// the one writer makes it safe, so a value can be sealed under its own id before it is stored.
std::int64_t nextId(Poco::Data::Session& s, const std::string& table);

// Inserts a consent record (its id given, or 0 for the next one) and makes it the case's current
// consent (cases.consent_*).
void insertConsentRecord(Poco::Data::Session& s, const ConsentRecordRow& record);
// The current consent record and, for a closed case, its latest closure.
CaseWorkflowSummary loadWorkflowSummary(Poco::Data::Session& s, std::int64_t caseId);

// A case's stages as one column of a statement (store/Sql.h jsonRows over the case id column
// `caseIdColumn`), and back into rows, in agency order.
std::string stagesColumn(const Poco::Data::Session& s, const std::string& caseIdColumn);
std::vector<StageRow> stagesFrom(const std::string& json);

Poco::Data::BLOB toBlob(const Blob& bytes);
Blob fromBlob(const Poco::Data::BLOB& blob);

}  // namespace binhan::store::shared
