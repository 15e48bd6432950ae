#pragma once
// A survivor who comes back, or is reported by a second agency, must not get a second case
// nobody links (issue 21) — yet the officer must not learn another case's code, content or
// status unless she may see it. So a check compares the survivor's blind-index terms across
// every case of the commune and answers only "a possible earlier case, held by agency X since
// month/year"; the officer may then ask that agency to refer it. The agency working the earlier
// case accepts — a referral as any other, under the consent rules of ReferralService — and the
// two cases are linked; or it declines with a reason. The chair may link two cases he sees.
// Linked cases show each other's code only to those who may see both. Every check is audited
// with its count of matches, never the terms. Thread-safe.
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>

#include "core/Actor.h"
#include "core/Clock.h"
#include "service/CaseAccessGuard.h"
#include "service/CaseSealer.h"
#include "service/ReferralService.h"
#include "store/CaseRepository.h"
#include "store/EarlierCaseRepository.h"

namespace binhan::service {

// What the officer typed at intake (raw; normalised by the blind index).
struct SurvivorIdentifiers {
    std::string fullName, phone, idNumber;
};

class EarlierCaseService {
  public:
    EarlierCaseService(store::Database& db, store::CaseRepository& cases,
                       ReferralService& referrals, const CaseSealer& sealer,
                       const core::Clock& clock);

    // {"possible", "held_by": [{"agency", "since": "YYYY-MM"}]}. Invalid when nothing is given.
    Poco::JSON::Object::Ptr check(const core::Actor& actor, const SurvivorIdentifiers& survivor);
    // The same for the survivor of a case the caller sees, with "requested" per agency.
    Poco::JSON::Object::Ptr forCase(const core::Actor& actor, std::int64_t caseId);
    // Asks `agency` to refer its matching case(s). NotFound "no_match" when it holds none;
    // Conflict "already_requested".
    Poco::JSON::Object::Ptr request(const core::Actor& actor, std::int64_t caseId,
                                    const std::string& agency);
    // {"items"}: requests waiting for the caller's agency.
    Poco::JSON::Object::Ptr incoming(const core::Actor& actor);
    Poco::JSON::Object::Ptr accept(const core::Actor& actor, std::int64_t requestId,
                                   const std::string& reason);
    Poco::JSON::Object::Ptr decline(const core::Actor& actor, std::int64_t requestId,
                                    const std::string& reason);
    // The chair links case `caseId` with the case coded `otherCode`; both must be his to see.
    Poco::JSON::Object::Ptr link(const core::Actor& actor, std::int64_t caseId,
                                 const std::string& otherCode);
    // [{"id", "code"}]: the cases linked to `caseId` that the caller may also see.
    Poco::JSON::Array::Ptr linkedVisible(const core::Actor& actor, std::int64_t caseId);

  private:
    Poco::JSON::Object::Ptr heldBy(const std::vector<store::EarlierMatch>& matches,
                                   const core::Actor& actor,
                                   const std::vector<store::EarlierRequestRow>& asked) const;
    store::EarlierRequestRow ownRequest(const core::Actor& actor, std::int64_t requestId) const;
    bool seesCase(const core::Actor& actor, std::int64_t caseId) const;

    store::EarlierCaseRepository earlier_;
    store::CaseRepository& cases_;
    ReferralService& referrals_;
    const CaseSealer& sealer_;
    const core::Clock& clock_;
    CaseAccessGuard guard_;
};

// The JSON of a request, as its holder or its asker reads it; the asking case's code only when
// the reader may see that case.
Poco::JSON::Object::Ptr earlierRequestJson(const store::EarlierRequestRow& row, bool holder,
                                           bool seesAskingCase);

}  // namespace binhan::service
