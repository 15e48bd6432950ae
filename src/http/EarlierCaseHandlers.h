#pragma once
// A possible earlier case of the same survivor, and links between cases (issue 21; API.md
// "Additions"): the check at intake, the case's own, the requests to the holding agency, their
// answers, and the chair's link. The case answer gains "linked_cases" (getCaseHandler).
#include "http/Route.h"
#include "service/EarlierCaseService.h"

namespace binhan::http {

Handler earlierCheckHandler(service::EarlierCaseService& earlier);
Handler caseEarlierHandler(service::EarlierCaseService& earlier);
Handler earlierRequestHandler(service::EarlierCaseService& earlier);
Handler incomingEarlierHandler(service::EarlierCaseService& earlier);
Handler acceptEarlierHandler(service::EarlierCaseService& earlier);
Handler declineEarlierHandler(service::EarlierCaseService& earlier);
Handler linkCaseHandler(service::EarlierCaseService& earlier);

}  // namespace binhan::http
