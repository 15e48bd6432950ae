#pragma once
// The survivor's copy of their data (PDPL 91/2025, right of access): everything held about the
// case — the case as the caller's role may read it and its whole visible timeline — in one
// document. Only an agency working the case may make it (core::Policy, Action::Export).
#include <Poco/JSON/Object.h>

#include "service/CaseService.h"
#include "service/EventService.h"

namespace binhan::service {

class ExportService {
  public:
    ExportService(CaseService& cases, EventService& events, const core::Clock& clock)
        : cases_(cases), events_(events), clock_(clock) {}

    // {"exported_at", "case": {...}, "events": [...]}; NotFound / Forbidden per the policy.
    Poco::JSON::Object::Ptr exportCase(const core::Actor& actor, std::int64_t caseId);

  private:
    CaseService& cases_;
    EventService& events_;
    const core::Clock& clock_;
};

}  // namespace binhan::service
