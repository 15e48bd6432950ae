#pragma once
// The cases tables (schema/003_cases.sql). SQL only; no crypto, no policy. Thread-safe.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/CaseRecords.h"
#include "store/Database.h"
#include "store/WorkflowRecords.h"

namespace binhan::store {

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
    // Replaces the plaintext columns, perpetrators, sealed fields and terms of an existing case.
    void update(const CaseRow& row, const SealedCase& sealed);
    // Adds (or replaces) sealed fields without touching the rest.
    void putSealedField(std::int64_t caseId, const std::string& field, const Blob& value);

    // Cases visible to the caller: only cases of the caller's `commune` (issue 11); of those, for
    // an agency the ones where its stage is active or completed, for the leader the ones with a
    // protection request or live break-glass; never recused ones.
    std::vector<CaseRow> listVisible(std::int64_t userId, const std::string& agency, bool leader,
                                     const std::string& commune, std::int64_t now,
                                     const CaseFilter& filter);
    // The caller's involvement in the case; `exists` is false for a case that does not exist, is
    // erased, or belongs to another commune than `commune` (so it is a 404 like a missing one).
    CaseInvolvement involvement(std::int64_t caseId, std::int64_t userId, const std::string& agency,
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
