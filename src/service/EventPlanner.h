#pragma once
// What a new event writes besides itself, decided from the pure rules of core/workflow:
//
// - its measures: every `details` field that is not free text (choices, flags, dates, times,
//   event references) is also kept in clear for statistics (issue 7); free text (summaries,
//   reasons, notes, mediators' names) stays only in the sealed details;
// - its contact-prohibition rows (Law 13/2022 art. 25; core/workflow/Protection.h): a request
//   opens the 12-hour window from its `at`; a decision is checked against its request as of
//   `now` (the time it is recorded, so a decision cannot be back-dated into the window) and
//   records the leader who issued it and who was notified; a revocation is checked against the
//   decision and the leader who issued it.
//
// Throws Invalid("details.request_event" / "details.decision_event") when the event referred to
// is not a request / decision of this case, and whatever core/workflow/Protection.h throws.
// Pure; thread-safe.
#include <Poco/JSON/Object.h>

#include <string>
#include <utility>
#include <vector>

#include "core/Actor.h"
#include "core/Clock.h"
#include "core/workflow/CaseStatus.h"
#include "core/workflow/EventCatalogue.h"
#include "store/EventRepository.h"

namespace binhan::service {

std::vector<std::pair<std::string, std::string>> measuresOf(const core::workflow::EventType& type,
                                                            const Poco::JSON::Object& details);

// Fills write.request / write.decision / write.revokes for protection.* events, and checks a
// request's kind, a delivery and a court order (issue 20); does nothing for other types.
// write.event must already hold the type, case and id.
void planProtection(const Poco::JSON::Object& details, const store::ProtectionLedger& ledger,
                    const core::Actor& actor, core::TimePoint at, core::TimePoint now,
                    store::EventWrite& write);

// A correction of a delivery or a court's order (issue 20) is checked as a new one, but for the
// delivery it replaces (`replaced`), which no longer counts as already made.
void checkCorrectedMeasure(const Poco::JSON::Object& details, store::ProtectionLedger ledger,
                           const std::string& type, std::int64_t replaced, core::TimePoint now);

// Issue 20, what the other new types write: a risk screen sets details.suggested (the level its
// answers suggest; a value sent is replaced) and the case's level; a closure request puts the
// case before the chair, once the risk needs it; a closure decision answers the latest request.
// Throws what core/workflow/CaseStatus.h's closure checks throw, and Invalid
// ("details.request_event") for a closure decision naming no closure request of this case.
void planCaseMeasures(Poco::JSON::Object& details, const store::CaseState& state,
                      store::EventWrite& write);

}  // namespace binhan::service
