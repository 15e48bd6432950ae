#pragma once
// Asks core::Policy about one case for one actor: loads the actor's involvement from the store,
// maps the decision to the error family (Hidden → NotFound, exactly like a case that does not
// exist; Forbidden → 403). Every case use case goes through here before touching the case.
#include "core/Actor.h"
#include "core/Clock.h"
#include "core/Policy.h"
#include "store/CaseRepository.h"

namespace binhan::service {

class CaseAccessGuard {
  public:
    CaseAccessGuard(store::CaseRepository& cases, const core::Clock& clock)
        : cases_(cases), clock_(clock) {}

    // The actor's access to the case if `action` is allowed; throws NotFound or Forbidden.
    core::CaseAccess require(const core::Actor& actor, std::int64_t caseId,
                             core::Action action) const;
    // The access without deciding anything (NotFound when the case does not exist).
    core::CaseAccess accessOf(const core::Actor& actor, std::int64_t caseId) const;

    // The case itself when `action` is allowed, read with the involvement it is decided on in
    // one statement (issue 18); throws as require() does.
    struct Read {
        core::CaseAccess access;
        store::CaseRead read;
    };
    Read readIf(const core::Actor& actor, std::int64_t caseId, core::Action action) const;
    // The same without deciding anything (NotFound when the case does not exist).
    Read readOf(const core::Actor& actor, std::int64_t caseId) const;

  private:
    // Throws NotFound unless it is allowed; Forbidden when the case is visible but `action` not.
    static void decideOrThrow(const core::Actor& actor, core::Action action,
                              const core::CaseAccess& access);

    store::CaseRepository& cases_;
    const core::Clock& clock_;
};

// The cases `actor` may `action` on, as the store's visibility fragment takes them: the
// relations core/Policy allows for it, each with the search-term fields readable under it.
store::CaseScope caseScope(const core::Actor& actor, core::Action action, core::TimePoint now);
// The same for a set of relations (e.g. those that may act on a protection request).
store::CaseScope caseScope(const core::Actor& actor, const std::set<core::Relation>& relations,
                           core::TimePoint now);

core::StageView stageView(const std::string& status);
std::int64_t unixSeconds(core::TimePoint t);
// Today's date in Vietnam (UTC+7), YYYY-MM-DD: the commune's calendar day.
std::string vietnamToday(core::TimePoint now);

}  // namespace binhan::service
