#include "store/CaseLifecycleRepository.h"

#include "store/Query.h"

#include "store/ReportCounts.h"
#include "store/Sql.h"
#include "store/WorkflowSql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {

ConsentRecordRow CaseLifecycleRepository::recordConsent(std::int64_t caseId,
                                                        const DecideConsent& decide) {
    ConsentRecordRow stored;
    db_.withWriter([&](Poco::Data::Session& s) {
        const CaseState state = shared::loadCaseState(s, caseId);
        shared::ReportCountsUpdate counts(s, caseId);
        const std::int64_t id = shared::nextId(s, "consent_records");
        ConsentWrite write = decide(state, id);
        write.record.id = id;
        write.record.caseId = caseId;
        shared::insertConsentRecord(s, write.record);
        for (const auto& stage : write.endedStages) shared::putStage(s, caseId, stage);
        for (const auto& agency : write.endReferralsTo) {
            Poco::Int64 c = caseId, by = write.record.recordedBy;
            std::string to = agency, at = write.record.recordedAt;
            s << sql(
                s,
                "UPDATE referrals SET status = 'withdrawn', decided_by = ?, decided_at = ? WHERE "
                "case_id = ? AND to_agency = ? AND status = 'waiting'"),
                use(by), use(at), use(c), use(to), now;
        }
        counts.apply();
        stored = write.record;
    });
    return stored;
}

StageCompletionRow CaseLifecycleRepository::completeStage(std::int64_t caseId,
                                                          const DecideCompletion& decide) {
    StageCompletionRow stored;
    db_.withWriter([&](Poco::Data::Session& s) {
        const CaseState state = shared::loadCaseState(s, caseId);
        shared::ReportCountsUpdate counts(s, caseId);
        const std::int64_t id = shared::nextId(s, "stage_completions");
        CompletionWrite write = decide(state, id);
        write.completion.id = id;
        write.completion.caseId = caseId;
        const StageCompletionRow& c = write.completion;
        Poco::Int64 key = id, caseKey = caseId, by = c.completedBy;
        std::string agency = c.agency, at = c.completedAt;
        auto summary = shared::toBlob(c.summary);
        s << sql(s,
                 "INSERT INTO stage_completions (id, case_id, agency, completed_at, completed_by, "
                 "summary) VALUES (?, ?, ?, ?, ?, ?)"),
            use(key), use(caseKey), use(agency), use(at), use(by), use(summary), now;
        shared::putStage(s, caseId, write.stage);
        shared::touchCase(s, caseId, at);
        counts.apply();
        stored = write.completion;
    });
    return stored;
}

CaseStatusChangeRow CaseLifecycleRepository::changeStatus(std::int64_t caseId,
                                                          const DecideStatusChange& decide) {
    CaseStatusChangeRow stored;
    db_.withWriter([&](Poco::Data::Session& s) {
        const CaseState state = shared::loadCaseState(s, caseId);
        shared::ReportCountsUpdate counts(s, caseId);
        const std::int64_t id = shared::nextId(s, "case_status_changes");
        StatusChangeWrite write = decide(state, id);
        write.change.id = id;
        write.change.caseId = caseId;
        const CaseStatusChangeRow& c = write.change;
        Poco::Int64 key = id, caseKey = caseId, by = c.byUser;
        std::string status = c.status, at = c.at, role = c.byRole;
        auto reason = shared::toBlob(c.reason);
        s << sql(
            s,
            "INSERT INTO case_status_changes (id, case_id, status, at, by_user, by_role, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)"),
            use(key), use(caseKey), use(status), use(at), use(by), use(role), use(reason), now;
        const bool closing = status == "closed";
        std::string closedAt = closing ? at : "", closureCode = closing ? write.closureCode : "";
        s << sql(
            s,
            "UPDATE cases SET status = ?, closed_at = NULLIF(?, ''), closure_reason = NULLIF(?, "
            "''), updated_at = ? WHERE id = ?"),
            use(status), use(closedAt), use(closureCode), use(at), use(caseKey), now;
        for (const auto& stage : write.stages) shared::putStage(s, caseId, stage);
        auto answers = write.feedback;
        if (!answers.empty()) answers["forms"] = "all";  // one form, however many answers
        for (const auto& [question, answer] : answers)
            Query(s,
                  "INSERT INTO survivor_feedback_counts (commune, month, question, answer, n) "
                  "SELECT commune, ?, ?, ?, 1 FROM cases WHERE id = ? ON CONFLICT (commune, "
                  "month, question, answer) DO UPDATE SET n = survivor_feedback_counts.n + 1")
                .bind(write.feedbackMonth)
                .bind(question)
                .bind(answer)
                .bind(caseId)
                .run();
        counts.apply();
        stored = write.change;
    });
    return stored;
}

}  // namespace binhan::store
