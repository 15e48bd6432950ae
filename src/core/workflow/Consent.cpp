#include "core/workflow/Consent.h"

#include "core/Error.h"
#include "core/workflow/Text.h"

namespace binhan::core::workflow {
namespace {

void checkTarget(const CaseFacts& facts, Role from, Role to) {
    if (!isCaseAgency(to))
        throw Invalid("to",
                      "A case can be referred only to the commune police, the justice officer, "
                      "the Women's Union or the school.");
    if (from == to) throw Invalid("to", "An agency cannot refer a case to itself.");
    if (!hasActiveStage(facts, from))
        throw Forbidden(
            "Only an agency that is working on the case (with an active stage) can "
            "refer it.");
    const StageTrack* existing = stageOf(facts, to);
    if (existing == nullptr || !isOpenStage(existing->status)) return;
    if (existing->status == StageStatus::Referred)
        throw Conflict("already_involved", "A referral of this case to " + agencyLabel(to) +
                                               " is already waiting for an answer.");
    throw Conflict("already_involved", "This case is already with " + agencyLabel(to) + ".");
}

}  // namespace

bool isMandatoryReport(const CaseFacts& facts) {
    return facts.child || facts.crime;  // Law 13/2022/QH15; DESIGN §2 "mandatory reports"
}

bool isMandatoryReferral(const CaseFacts& facts, Role to) {
    return to == Role::Police && isMandatoryReport(facts);
}

bool consentCovers(const CaseFacts& facts, Role agency) {
    return facts.consentGiven && facts.consentAgencies.count(agency) > 0;
}

ReferralDecision checkReferral(const CaseFacts& facts, Role from, Role to,
                               bool mandatoryRequested) {
    checkWritable(facts.status);
    checkTarget(facts, from, to);
    const bool mandatory = isMandatoryReferral(facts, to);  // Law 13/2022/QH15
    if (mandatoryRequested && !mandatory)
        throw Invalid("mandatory",
                      to == Role::Police
                          ? "This is not a mandatory report: the survivor is not a child and the "
                            "case is not flagged as a crime. The referral needs her consent."
                          : "Only a referral to the commune police can be a mandatory report.");
    const bool covered = consentCovers(facts, to);
    if (!mandatory && !covered)  // DESIGN §2; Law 91/2025/QH15
        throw Conflict("consent_required",
                       "The survivor's consent does not cover sharing this case with " +
                           agencyLabel(to) +
                           ". Record her consent (or her guardian's, for a child) first.");
    return ReferralDecision{to, mandatory, covered};
}

ConsentChange applyConsentChange(const CaseFacts& facts, const std::set<Role>& newAgencies,
                                 TimePoint now) {
    checkWritable(facts.status);
    for (Role agency : newAgencies)
        if (!isCaseAgency(agency))
            throw Invalid("agencies",
                          "Consent can cover only the commune police, the justice officer, the "
                          "Women's Union and the school.");
    ConsentChange change;
    change.stages = facts.stages;
    for (Role agency : facts.consentAgencies)
        if (consentCovers(facts, agency) && newAgencies.count(agency) == 0)
            change.withdrawn.insert(agency);
    for (auto& [agency, track] : change.stages) {
        // Withdrawal ends the agency's access (DESIGN §2): its open stage, and also a completed
        // one, since a completed stage still lets the agency read the case.
        const bool givesAccess =
            isOpenStage(track.status) || track.status == StageStatus::Completed;
        if (!givesAccess || newAgencies.count(agency) > 0) continue;
        if (agency == Role::Police && isMandatoryReport(facts)) {  // Law 13/2022/QH15
            change.keptByLaw.insert(agency);
            continue;
        }
        track = moveStage(track, StageStatus::Declined, now, kConsentWithdrawnReason);
        change.declined.insert(agency);
    }
    return change;
}

}  // namespace binhan::core::workflow
