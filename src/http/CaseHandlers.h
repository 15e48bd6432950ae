#pragma once
// Handlers of API.md "Cases" (create, list/search, read, correct, break-glass, recusals).
#include "http/Route.h"
#include "service/CaseService.h"
#include "service/EarlierCaseService.h"
#include "service/ErasureService.h"

namespace binhan::http {

Handler createCaseHandler(service::CaseService& cases);
Handler listCasesHandler(service::CaseService& cases);
// The case, with "linked_cases": the cases linked to it that the caller may also see (issue 21).
Handler getCaseHandler(service::CaseService& cases, service::EarlierCaseService& earlier);
Handler updateCaseHandler(service::CaseService& cases);
Handler breakGlassHandler(service::CaseService& cases);
Handler recusalHandler(service::CaseService& cases);
Handler eraseHandler(service::ErasureService& erasure);

// The {id} path parameter as a case id; NotFound for anything that is not a positive integer.
std::int64_t caseIdParam(const Request& request, const char* name = "id");

}  // namespace binhan::http
