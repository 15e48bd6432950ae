#pragma once
// Consent and referral rules (DESIGN.md §2; API.md "Referrals", "POST /cases/{id}/consent").
//
// - Referring a case to another agency needs the survivor's recorded consent (or her
//   guardian's, for a child) covering that agency (DESIGN §2; Law 91/2025/QH15 on personal
//   data: sharing sensitive data needs explicit consent).
// - Except the mandatory reports the law requires: a child case or a case flagged as a crime,
//   referred to the commune police, needs no consent and is recorded as mandatory
//   (Law 13/2022/QH15; DESIGN §2 "mandatory reports"). Such a referral is mandatory whether or
//   not the client asked for it, and whether or not consent also covers the police.
// - Withdrawing consent for an agency ends its open stage (declined, reason "consent
//   withdrawn") and with it its access. The one exception: the police's stage on a
//   mandatory-report case, which rests on the law, not on consent — consent cannot end it.
//   Every open stage must be covered by the new consent, the opener's included (the service
//   records the opening agency in the first consent record, as API.md's example does).
//
// Pure; thread-safe. Refusals: Invalid (400, with field), Forbidden (403), Conflict (409).
#include <map>
#include <set>

#include "core/Clock.h"
#include "core/Role.h"
#include "core/workflow/CaseFacts.h"

namespace binhan::core::workflow {

// The reason kept on a stage ended by a consent change.
inline constexpr const char* kConsentWithdrawnReason = "consent withdrawn";

// A child case or a crime (DESIGN §2; Law 13/2022/QH15).
bool isMandatoryReport(const CaseFacts& facts);
// A referral that the law requires: to the police, of a mandatory-report case.
bool isMandatoryReferral(const CaseFacts& facts, Role to);
// The current consent is given and names `agency`.
bool consentCovers(const CaseFacts& facts, Role agency);

struct ReferralDecision {
    Role to = Role::Police;
    bool mandatory = false;         // a mandatory report: recorded as such (DESIGN §2)
    bool coveredByConsent = false;  // the survivor's consent also covers `to`
};

// Whether `from` may refer the case to `to`. Throws, in this order:
//   Conflict("case_closed")       the case is closed;
//   Invalid("to")                 `to` is not a case agency, or is `from` itself;
//   Forbidden                     `from` has no active stage on the case;
//   Conflict("already_involved")  `to` already has an open stage (referred/accepted/active);
//   Invalid("mandatory")          `mandatoryRequested` but not a mandatory report by law;
//   Conflict("consent_required")  not mandatory and consent does not cover `to`.
ReferralDecision checkReferral(const CaseFacts& facts, Role from, Role to, bool mandatoryRequested);

struct ConsentChange {
    std::set<Role> withdrawn;           // covered by the old consent, not by the new one
    std::set<Role> declined;            // agencies whose open stage ends now ("consent withdrawn")
    std::set<Role> keptByLaw;           // police on a mandatory-report case: its stage goes on
    std::map<Role, StageTrack> stages;  // every stage track after the change
};

// The effect of replacing the case's consent by one covering `newAgencies` (pass an empty set
// when consent is withdrawn altogether, "given": false). Throws Conflict("case_closed") on a
// closed case and Invalid("agencies") when a named body is not a case agency.
ConsentChange applyConsentChange(const CaseFacts& facts, const std::set<Role>& newAgencies,
                                 TimePoint now);

}  // namespace binhan::core::workflow
