#pragma once
// The changes to a case as a whole (API.md "Cases"; DESIGN.md §2): consent as a record
// (amend, withdraw), an agency completing its own stage, closing and reopening. Each call asks
// the access policy first (CaseAccessGuard: 404 / 403), then the rules of core/workflow
// (Consent, Stage, CaseStatus: 400 / 409 with a message a clerk understands) inside the one
// write transaction that records the change. Reasons and summaries are sealed under the case
// key. Thread-safe.
#include <Poco/JSON/Object.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Actor.h"
#include "core/Clock.h"
#include "service/CaseAccessGuard.h"
#include "service/CaseSealer.h"
#include "store/CaseLifecycleRepository.h"
#include "store/CaseRepository.h"

namespace binhan::service {

// POST /api/v1/cases/{id}/consent, as parsed by the HTTP layer.
struct ConsentInput {
    std::optional<bool> given;  // required (Invalid "given" when absent)
    std::string givenBy;
    std::vector<std::string> agencies;
    std::optional<bool> statistics;  // absent: as before
    std::string reason;
};

class WorkflowService {
  public:
    WorkflowService(store::CaseRepository& cases, store::CaseLifecycleRepository& lifecycle,
                    const CaseSealer& sealer, const core::Clock& clock);

    // Records a new consent (given false: withdrawn altogether). Agencies it no longer covers
    // lose their open stage (declined, "consent withdrawn") and waiting referrals to them end;
    // the police's stage on a mandatory-report case is kept by law. Answer: the new record
    // with `withdrawn`, `ended` and `kept_by_law`.
    Poco::JSON::Object::Ptr recordConsent(const core::Actor& actor, std::int64_t caseId,
                                          const ConsentInput& input);
    // POST …/stages/{agency}/complete: NotFound for an unknown agency name, Forbidden for
    // another agency's stage, Conflict unless the stage is active.
    Poco::JSON::Object::Ptr completeStage(const core::Actor& actor, std::int64_t caseId,
                                          const std::string& agency, const std::string& summary);
    // Conflict while a stage is referred, accepted or active, or when already closed.
    // `reasonCode`: one of core::workflow::closureReasonCodes(), counted in the statistical
    // report, or "" (none; counted as "unspecified"); Invalid("reason_code") otherwise.
    // Issue 20: Conflict("closure_needs_approval") for a high or critical case whose latest
    // closure request the chair has not approved. `feedback`: the survivor's anonymous answers
    // (core/workflow/SurvivorFeedback.h), counted for the commune and month, never kept with
    // the case.
    Poco::JSON::Object::Ptr close(const core::Actor& actor, std::int64_t caseId,
                                  const std::string& reason, const std::string& reasonCode = "",
                                  const std::map<std::string, std::string>& feedback = {});
    // Reopens a closed case. It goes back to the agency that reopens it — or, when the chair
    // reopens it, to the agency that opened it — whose completed stage becomes active again
    // (completed → referred → accepted → active, rows of the stage table), when the survivor's
    // consent (or a mandatory report, for the police) still covers that agency.
    Poco::JSON::Object::Ptr reopen(const core::Actor& actor, std::int64_t caseId,
                                   const std::string& reason);

  private:
    store::CaseRepository& cases_;
    store::CaseLifecycleRepository& lifecycle_;
    const CaseSealer& sealer_;
    const core::Clock& clock_;
    CaseAccessGuard guard_;
};

}  // namespace binhan::service
