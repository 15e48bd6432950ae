#pragma once
// The changes to a case as a whole (schema/004_workflow.sql): consent records, an agency
// completing its stage, closing and reopening. SQL only; the rules run in the `decide`
// callbacks the service passes, inside the same write transaction as the change, so each use
// case is one transaction. Every callback may throw; nothing is then written. Thread-safe.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "store/Database.h"
#include "store/WorkflowRecords.h"

namespace binhan::store {

struct ConsentWrite {
    ConsentRecordRow record;                  // `id` and `caseId` set by the repository
    std::vector<StageRow> endedStages;        // tracks the change ended (declined)
    std::vector<std::string> endReferralsTo;  // waiting referrals to these agencies: withdrawn
};

struct CompletionWrite {
    StageRow stage;                 // the agency's track, now completed
    StageCompletionRow completion;  // `id` and `caseId` set by the repository
};

struct StatusChangeWrite {
    CaseStatusChangeRow change;    // `id` and `caseId` set by the repository
    std::vector<StageRow> stages;  // tracks that move with it (reopening)
    std::string closureCode;       // closing: the coded reason (cases.closure_reason); else ""
    // Closing (issue 20): the survivor's anonymous answers, question → answer, counted in
    // survivor_feedback_counts for the case's commune and `feedbackMonth` — never stored with
    // the case.
    std::map<std::string, std::string> feedback;
    std::string feedbackMonth;  // YYYY-MM, Vietnam time
};

using DecideConsent = std::function<ConsentWrite(const CaseState&, std::int64_t recordId)>;
using DecideCompletion =
    std::function<CompletionWrite(const CaseState&, std::int64_t completionId)>;
using DecideStatusChange =
    std::function<StatusChangeWrite(const CaseState&, std::int64_t changeId)>;

class CaseLifecycleRepository {
  public:
    explicit CaseLifecycleRepository(Database& db) : db_(db) {}

    // A new consent record becomes the case's current consent; ended stages and their waiting
    // referrals are written with it. NotFound for an absent or erased case.
    ConsentRecordRow recordConsent(std::int64_t caseId, const DecideConsent& decide);
    // The agency's stage completes, with its (sealed) summary.
    StageCompletionRow completeStage(std::int64_t caseId, const DecideCompletion& decide);
    // The case is closed (closed_at set) or reopened (closed_at cleared), with its sealed reason.
    CaseStatusChangeRow changeStatus(std::int64_t caseId, const DecideStatusChange& decide);

  private:
    Database& db_;
};

}  // namespace binhan::store
