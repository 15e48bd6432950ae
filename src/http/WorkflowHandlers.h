#pragma once
// Handlers of API.md "Referrals", the case workflow rows of "Cases" (consent, stage completion,
// close, reopen) and "Dashboard". They read the body into plain inputs (400 naming the field
// for a malformed one, unknown keys refused); the rules are the services'.
#include "http/Route.h"
#include "service/WorkflowServices.h"

namespace binhan::http {

Handler referCaseHandler(service::ReferralService& referrals);
Handler incomingReferralsHandler(service::ReferralService& referrals);
Handler acceptReferralHandler(service::ReferralService& referrals);
Handler declineReferralHandler(service::ReferralService& referrals);

Handler consentHandler(service::WorkflowService& workflow);
Handler completeStageHandler(service::WorkflowService& workflow);
Handler closeCaseHandler(service::WorkflowService& workflow);
Handler reopenCaseHandler(service::WorkflowService& workflow);

Handler dashboardHandler(service::DashboardService& dashboard);

}  // namespace binhan::http
