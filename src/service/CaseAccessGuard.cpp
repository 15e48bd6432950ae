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

namespace {

std::string agencyOf(const core::Actor& actor) {
    return core::isCaseAgency(actor.role) ? core::roleName(actor.role) : "";
}

core::CaseAccess accessFrom(const store::CaseInvolvement& involvement) {
    if (!involvement.exists) throw core::NotFound("No such case.");
    core::CaseAccess access;
    access.ownStage = stageView(involvement.ownStage);
    access.protectionRequest = involvement.protectionRequest;
    access.breakGlass = involvement.breakGlass;
    access.recused = involvement.recused;
    return access;
}

}  // namespace

core::CaseAccess CaseAccessGuard::accessOf(const core::Actor& actor, std::int64_t caseId) const {
    return accessFrom(cases_.involvement(caseId, actor.userId, agencyOf(actor), actor.commune,
                                         unixSeconds(clock_.now())));
}

void CaseAccessGuard::decideOrThrow(const core::Actor& actor, core::Action action,
                                    const core::CaseAccess& access) {
    switch (core::decide(actor.role, action, access)) {
        case core::Decision::Allow:
            return;
        case core::Decision::Forbidden:
            throw core::Forbidden("Your role may not do this on this case.");
        case core::Decision::Hidden:
            break;
    }
    throw core::NotFound("No such case.");
}

core::CaseAccess CaseAccessGuard::require(const core::Actor& actor, std::int64_t caseId,
                                          core::Action action) const {
    const auto access = accessOf(actor, caseId);
    decideOrThrow(actor, action, access);
    return access;
}

CaseAccessGuard::Read CaseAccessGuard::readOf(const core::Actor& actor, std::int64_t caseId) const {
    Read out;
    out.read = cases_.read(caseId, actor.userId, agencyOf(actor), actor.commune,
                           unixSeconds(clock_.now()));
    out.access = accessFrom(out.read.involvement);
    return out;
}

CaseAccessGuard::Read CaseAccessGuard::readIf(const core::Actor& actor, std::int64_t caseId,
                                              core::Action action) const {
    Read out = readOf(actor, caseId);
    decideOrThrow(actor, action, out.access);
    return out;
}

}  // namespace binhan::service
