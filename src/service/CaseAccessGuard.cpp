#include "service/CaseAccessGuard.h"

#include "core/Error.h"
#include "core/TimeFormat.h"
#include "service/CaseMapper.h"

namespace binhan::service {

std::int64_t unixSeconds(core::TimePoint t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string vietnamToday(core::TimePoint now) {
    return core::formatDate(now + std::chrono::hours(7));
}

store::CaseScope caseScope(const core::Actor& actor, core::Action action, core::TimePoint now) {
    return caseScope(actor, core::relationsAllowing(actor.role, action), now);
}

store::CaseScope caseScope(const core::Actor& actor, const std::set<core::Relation>& relations,
                           core::TimePoint now) {
    store::CaseScope scope;
    scope.commune = actor.commune;
    scope.userId = actor.userId;
    scope.agency = core::isCaseAgency(actor.role) ? core::roleName(actor.role) : "";
    scope.now = unixSeconds(now);
    for (core::Relation relation : relations) {
        if (relation == core::Relation::None || relation == core::Relation::Recused) continue;
        auto& fields = scope.relations[relation];
        for (const auto& field : searchTermFields())
            if (core::mayReadField(actor.role, relation, field)) fields.insert(field);
    }
    return scope;
}

core::StageView stageView(const std::string& status) {
    if (status == "referred") return core::StageView::Referred;
    if (status == "active" || status == "accepted") return core::StageView::Active;
    if (status == "completed") return core::StageView::Completed;
    if (status == "declined") return core::StageView::Declined;
    return core::StageView::None;
}

core::CaseAccess CaseAccessGuard::accessOf(const core::Actor& actor, std::int64_t caseId) const {
    const std::string agency = core::isCaseAgency(actor.role) ? core::roleName(actor.role) : "";
    const auto involvement =
        cases_.involvement(caseId, actor.userId, agency, actor.commune, unixSeconds(clock_.now()));
    if (!involvement.exists) throw core::NotFound("No such case.");
    core::CaseAccess access;
    access.ownStage = stageView(involvement.ownStage);
    access.protectionRequest = involvement.protectionRequest;
    access.breakGlass = involvement.breakGlass;
    access.recused = involvement.recused;
    return access;
}

core::CaseAccess CaseAccessGuard::require(const core::Actor& actor, std::int64_t caseId,
                                          core::Action action) const {
    const auto access = accessOf(actor, caseId);
    switch (core::decide(actor.role, action, access)) {
        case core::Decision::Allow:
            return access;
        case core::Decision::Forbidden:
            throw core::Forbidden("Your role may not do this on this case.");
        case core::Decision::Hidden:
            break;
    }
    throw core::NotFound("No such case.");
}

}  // namespace binhan::service
