#pragma once
// The timeline of a case (API.md "Events"): add an event, list the events the caller may see
// (oldest first), mark a due item done. Every call asks the access policy first
// (CaseAccessGuard: 404 for a case the caller may not know, 403 for one it may not act on),
// then the workflow rules of core/workflow (EventRules, CaseStatus, Protection), which run
// inside the one write transaction that records the change. Details are sealed under the case
// key as "event.<id>.details"; their non-text fields are also kept in clear for statistics
// (EventPlanner). On reading, core::mayReadEvent decides which events each role sees.
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
#include "store/EventRepository.h"

namespace binhan::service {

// POST /api/v1/cases/{id}/events, as parsed by the HTTP layer.
struct EventInput {
    std::string type;
    std::optional<std::string> at;    // RFC 3339; absent: now
    Poco::JSON::Object::Ptr details;  // never null (an empty object when absent)
    std::optional<std::string> due;   // YYYY-MM-DD
};

struct EventPage {
    Poco::JSON::Array::Ptr items;
    std::optional<std::int64_t> nextCursor;
};

class EventService {
  public:
    EventService(store::CaseRepository& cases, store::EventRepository& events,
                 const CaseSealer& sealer, const core::Clock& clock);

    // Records the event; returns it as API.md's event answer. Throws NotFound/Forbidden (policy),
    // Invalid (400: type, at, details.<field>, due), Forbidden (403: not this agency's type, or
    // no active stage), Conflict (409: case closed, mediation refused, request already decided,
    // nothing to revoke).
    Poco::JSON::Object::Ptr add(const core::Actor& actor, std::int64_t caseId,
                                const EventInput& input);
    // The events of the timeline the caller may see, oldest first, ids above `afterId`.
    EventPage list(const core::Actor& actor, std::int64_t caseId, std::int64_t afterId, int limit);
    // Marks a due item done. Only the agency that recorded it (403); 404 for an event not on
    // the case; 409 when it has no due date, is already done, or the case is closed.
    Poco::JSON::Object::Ptr markDone(const core::Actor& actor, std::int64_t caseId,
                                     std::int64_t eventId);
    // Issue 19: voids a mistaken entry, with a reason; the entry stays on the timeline, marked,
    // and no longer counts in the statistics or on the dashboard. Only the agency that wrote it,
    // working the case (403, also on a closed case: no stage is active there); 409
    // "not_correctable" for a protection measure (a decision is revoked, not voided: Law
    // 13/2022 art. 25), "already_voided"; Invalid("reason").
    Poco::JSON::Object::Ptr voidEvent(const core::Actor& actor, std::int64_t caseId,
                                      std::int64_t eventId, const std::string& reason);
    // Corrects an entry: a new entry of the same type and time with `details` (and `due`),
    // checked as a new one, naming the old one, which it voids with `reason`; a due item already
    // done stays done. Refusals as voidEvent and add.
    Poco::JSON::Object::Ptr correct(const core::Actor& actor, std::int64_t caseId,
                                    std::int64_t eventId, const EventInput& correction,
                                    const std::string& reason);

  private:
    // What voiding `event` writes, once the rules of voidEvent allow it.
    store::EventVoid planVoid(const core::Actor& actor, const store::CaseState& state,
                              const store::EventRow& event, const std::string& reason,
                              const crypto::SecretBytes& key, core::TimePoint now) const;

    store::CaseRepository& cases_;
    store::EventRepository& events_;
    const CaseSealer& sealer_;
    const core::Clock& clock_;
    CaseAccessGuard guard_;
};

}  // namespace binhan::service
