#pragma once
// GET /api/v1/dashboard (API.md "Dashboard"; DESIGN.md §2): the caller's open work, by case
// code only —
//   referrals      waiting for the caller's agency;
//   due_items      the agency's items with a due date not yet done, each with its state
//                  (upcoming, due_today, overdue — the Vietnam calendar day, FollowUp.h);
//   protection_requests  requests awaiting the chair's decision, with the hours left of their
//                  12 (negative once late);
//   protection_orders    granted orders ending within 24 hours or lapsed (lapsed ones for
//                  7 days, unless a newer order on the case replaced them).
// The chair sees requests and orders of every case with a request; an agency those of the
// cases where its stage is active. Never a closed or erased case, or one the user is recused
// from. Time from the injected clock. Thread-safe.
#include <Poco/JSON/Object.h>

#include "core/Actor.h"
#include "core/Clock.h"
#include "store/DashboardRepository.h"
#include "store/ReferralRepository.h"

namespace binhan::service {

class DashboardService {
  public:
    DashboardService(store::DashboardRepository& dashboard, store::ReferralRepository& referrals,
                     const core::Clock& clock)
        : dashboard_(dashboard), referrals_(referrals), clock_(clock) {}

    // Forbidden for roles without a dashboard (policy: Action::Dashboard).
    Poco::JSON::Object::Ptr forActor(const core::Actor& actor);

  private:
    store::DashboardRepository& dashboard_;
    store::ReferralRepository& referrals_;
    const core::Clock& clock_;
};

}  // namespace binhan::service
