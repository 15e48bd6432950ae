#pragma once
// The coordination workflow of issue 5, wired as one unit: its repositories (timeline,
// referrals, case lifecycle, dashboard reads) and the four services on top of them. src/app
// makes one beside CaseService; src/http reaches the services through it. Owns what it makes;
// not copyable; thread-safe as its parts.
#include <memory>

#include "core/Clock.h"
#include "service/CaseSealer.h"
#include "service/DashboardService.h"
#include "service/EventService.h"
#include "service/ReferralService.h"
#include "service/WorkflowService.h"
#include "store/CaseLifecycleRepository.h"
#include "store/CaseRepository.h"
#include "store/DashboardRepository.h"
#include "store/Database.h"
#include "store/EventRepository.h"
#include "store/ReferralRepository.h"

namespace binhan::service {

class WorkflowServices {
  public:
    WorkflowServices(store::Database& db, store::CaseRepository& cases, const CaseSealer& sealer,
                     const core::Clock& clock)
        : eventRepository_(db),
          referralRepository_(db),
          lifecycleRepository_(db),
          dashboardRepository_(db),
          events_(cases, eventRepository_, sealer, clock),
          referrals_(cases, referralRepository_, sealer, clock),
          workflow_(cases, lifecycleRepository_, sealer, clock),
          dashboard_(dashboardRepository_, referralRepository_, clock) {}
    WorkflowServices(const WorkflowServices&) = delete;
    WorkflowServices& operator=(const WorkflowServices&) = delete;

    EventService& events() { return events_; }
    ReferralService& referrals() { return referrals_; }
    WorkflowService& workflow() { return workflow_; }
    DashboardService& dashboard() { return dashboard_; }

  private:
    store::EventRepository eventRepository_;
    store::ReferralRepository referralRepository_;
    store::CaseLifecycleRepository lifecycleRepository_;
    store::DashboardRepository dashboardRepository_;
    EventService events_;
    ReferralService referrals_;
    WorkflowService workflow_;
    DashboardService dashboard_;
};

}  // namespace binhan::service
