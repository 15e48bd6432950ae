#pragma once
// Referrals between agencies (schema/004_workflow.sql `referrals`) and the stage tracks they
// move. SQL only; the rules run in the `decide` callbacks the service passes, inside the same
// write transaction as the change, so referring, accepting or declining is one transaction:
// the referral, the receiving agency's stage and the case status change together. Thread-safe.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/Database.h"
#include "store/NotificationRepository.h"
#include "store/WorkflowRecords.h"

namespace binhan::store {

// Everything a new referral writes.
struct ReferralWrite {
    ReferralRow referral;            // `id` and `caseId` are set by the repository
    StageRow stage;                  // the receiving agency's track, now `referred`
    std::string at;                  // the case's updated_at
    std::vector<NoticeRow> notices;  // issue 22: told in the same transaction
};

// Everything an answer (accept or decline) writes.
struct ReferralAnswer {
    std::string status;  // accepted | declined
    std::int64_t decidedBy = 0;
    std::string decidedAt;
    Blob declineReason;  // sealed; empty when accepted
    StageRow stage;      // the receiving agency's track after the answer
    std::string caseStatus;
};

using DecideReferral = std::function<ReferralWrite(const CaseState&, std::int64_t referralId)>;
using DecideAnswer = std::function<ReferralAnswer(const CaseState&, const ReferralRow&)>;

class ReferralRepository {
  public:
    explicit ReferralRepository(Database& db) : db_(db) {}

    // Records a referral of the case in one transaction. NotFound for an absent or erased case;
    // whatever `decide` throws.
    ReferralRow create(std::int64_t caseId, const DecideReferral& decide);
    // Answers referral `referralId` in one transaction: the referral, the stage, the case status.
    // NotFound when there is no such referral (or its case was erased).
    ReferralRow answer(std::int64_t referralId, const DecideAnswer& decide);

    std::optional<ReferralRow> find(std::int64_t referralId);
    // Referrals waiting for `agency` on cases of `commune`, oldest first, with id > afterId, at
    // most `limit`; never on a case the user is recused from or that was erased.
    std::vector<IncomingReferralRow> waitingFor(const std::string& agency,
                                                const std::string& commune, std::int64_t userId,
                                                std::int64_t afterId, int limit);

  private:
    Database& db_;
};

}  // namespace binhan::store
