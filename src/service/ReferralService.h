#pragma once
// Referrals between agencies (API.md "Referrals"; DESIGN.md §2): refer a case, list the
// referrals waiting for the caller's agency (case code only, no names, no free text), accept
// (the stage becomes active and the agency sees the case) or decline with a reason. Consent
// must cover the receiving agency unless the referral is a mandatory report (a child case or a
// crime, to the police), which is recorded as such with whether the survivor was told first.
//
// Each call asks the access policy first (CaseAccessGuard), then the rules of
// core/workflow (Consent, Stage, CaseStatus) inside the one write transaction that records the
// referral, the stage and the case status together. Reasons are sealed under the case key.
// Thread-safe.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>

#include "core/Actor.h"
#include "core/Clock.h"
#include "service/CaseAccessGuard.h"
#include "service/CaseSealer.h"
#include "store/CaseRepository.h"
#include "store/ReferralRepository.h"

namespace binhan::service {

// POST /api/v1/cases/{id}/referrals, as parsed by the HTTP layer.
struct ReferralInput {
    std::string to;
    std::string reason;
    bool mandatory = false;
    std::optional<bool> survivorInformed;
};

struct ReferralPage {
    Poco::JSON::Array::Ptr items;
    std::optional<std::int64_t> nextCursor;
};

class ReferralService {
  public:
    ReferralService(store::CaseRepository& cases, store::ReferralRepository& referrals,
                    const CaseSealer& sealer, const core::Clock& clock);

    // 201 answer: the referral. Throws NotFound/Forbidden (policy), Invalid ("to", "reason",
    // "mandatory", "survivor_informed"), Conflict ("case_closed", "already_involved",
    // "consent_required").
    Poco::JSON::Object::Ptr refer(const core::Actor& actor, std::int64_t caseId,
                                  const ReferralInput& input);
    // Referrals waiting for the caller's agency, oldest first. Forbidden for other roles.
    ReferralPage incoming(const core::Actor& actor, std::int64_t afterId, int limit);
    // NotFound for a referral whose case the caller may not know; Forbidden when it is not to
    // the caller's agency; Conflict when already answered or the case is closed.
    Poco::JSON::Object::Ptr accept(const core::Actor& actor, std::int64_t referralId);
    Poco::JSON::Object::Ptr decline(const core::Actor& actor, std::int64_t referralId,
                                    const std::string& reason);

  private:
    store::ReferralRow authoriseAnswer(const core::Actor& actor, std::int64_t referralId) const;
    Poco::JSON::Object::Ptr answerJson(const store::ReferralRow& referral) const;

    store::CaseRepository& cases_;
    store::ReferralRepository& referrals_;
    const CaseSealer& sealer_;
    const core::Clock& clock_;
    CaseAccessGuard guard_;
};

}  // namespace binhan::service
