#pragma once
// The cases tables (schema/003_cases.sql). SQL only; no crypto, no policy. Thread-safe.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/CaseRecords.h"
#include "store/CaseVisibility.h"
#include "store/Database.h"
#include "store/WorkflowRecords.h"

namespace binhan::store {

// What one case read brings back (CaseRepository::read).
struct CaseRead {
    CaseInvolvement involvement;
    CaseRow row;
    std::map<std::string, Blob> sealed;
    CaseWorkflowSummary workflow;
};

class CaseRepository {
  public:
    explicit CaseRepository(Database& db) : db_(db) {}

    // Inserts a new case in one transaction: picks its id and its code (PREFIX-YEAR-NNNN, numbered
    // per commune and year), asks `seal(id, code)` for the sealed fields, stores everything, and
    // gives the opening agency an active stage and the case its first consent record. Returns the
    // id.
    std::int64_t create(
        const CaseRow& draft, int year,
        const std::function<SealedCase(std::int64_t id, const std::string& code)>& seal);
    std::optional<CaseRow> find(std::int64_t id);
    std::int64_t count();
    std::map<std::string, Blob> sealedFields(std::int64_t id);
    // A correction decided inside the write transaction (issue 16): the case's row and sealed
    // fields as they are now go to `decide`, which returns the new row and sealed values or
    // throws to refuse (closed, stale, not allowed); both are written in the same transaction.
    using DecideCorrection = std::function<std::pair<CaseRow, SealedCase>(
        const CaseRow& current, const std::map<std::string, Blob>& sealed)>;
    // Returns the row written. NotFound for a missing or erased case.
    CaseRow correct(std::int64_t caseId, const DecideCorrection& decide);
    // Replaces the case's blind-index terms alone (re-indexing, service/SearchTermReindexer).
    void replaceTerms(std::int64_t caseId, const std::vector<SearchTerm>& terms);
    // Up to `limit` cases with ids above `afterId` holding terms written before terms knew
    // their field (migration 009), in id order.
    std::vector<std::int64_t> casesWithUnfieldedTerms(std::int64_t afterId, int limit);
    // Adds (or replaces) sealed fields without touching the rest.
    void putSealedField(std::int64_t caseId, const std::string& field, const Blob& value);

    // The cases in `scope` (store/CaseVisibility.h: the caller's commune, never recused or
    // erased, one of the scope's relations holding), newest first; a search counts only the
    // terms of fields the caller may read on each case.
    std::vector<CaseRow> listVisible(const CaseScope& scope, const CaseFilter& filter);
    // The caller's involvement in the case; `exists` is false for a case that does not exist, is
    // erased, or belongs to another commune than `commune` (so it is a 404 like a missing one).
    CaseInvolvement involvement(std::int64_t caseId, std::int64_t userId, const std::string& agency,
                                const std::string& commune, std::int64_t now);
    // The case as the caller reads it, in one statement (issue 18): the involvement above and,
    // when it exists, the row with perpetrators and stages, its sealed fields and its consent
    // record and closure. Nothing but `involvement.exists == false` for a case that is not there.
    CaseRead read(std::int64_t caseId, std::int64_t userId, const std::string& agency,
                  const std::string& commune, std::int64_t now);

    // Crypto-shredding: destroys the case's wrapped key and deletes its sealed fields and search
    // terms in one transaction; plaintext statistics stay. Idempotent. False for an unknown id.
    bool erase(std::int64_t caseId, const std::string& at);

    void addRecusal(std::int64_t caseId, std::int64_t userId, std::int64_t by,
                    const std::string& at);
    std::int64_t addBreakGlass(std::int64_t caseId, std::int64_t userId, std::int64_t startsAt,
                               std::int64_t endsAt);

    // The current consent record (schema/004_workflow.sql) and, for a closed case, its closure.
    CaseWorkflowSummary workflowSummary(std::int64_t caseId);

  private:
    Database& db_;
};

std::string joinList(const std::vector<std::string>& items);
std::vector<std::string> splitList(const std::string& text);

}  // namespace binhan::store
