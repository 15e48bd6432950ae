#include "service/ReferralService.h"

#include <spdlog/spdlog.h>

#include "core/Error.h"
#include "core/workflow/Consent.h"
#include "core/workflow/Text.h"
#include "service/Notices.h"
#include "service/WorkflowSupport.h"
#include "store/AuditContext.h"

namespace binhan::service {
namespace {

namespace wf = core::workflow;

// The reason kept in clear on a stage whose referral was declined (the agency's own words are
// sealed with the referral: stages.reason holds workflow words only).
constexpr const char* kReferralDeclined = "referral declined";

core::Role targetOf(const std::string& to) {
    const auto role = core::parseRole(to);
    if (!role)
        throw core::Invalid("to",
                            "A case can be referred only to the commune police, the justice "
                            "officer, the Women's Union or the school.");
    return *role;
}

// The referral without its free text (lists; the sender's and receiver's answers add it).
Poco::JSON::Object::Ptr referralJson(const store::ReferralRow& r) {
    auto out = jsonObject();
    out->set("id", r.id);
    out->set("case_id", r.caseId);
    out->set("case_code", r.caseCode);
    out->set("from", r.fromAgency);
    out->set("to", r.toAgency);
    out->set("status", r.status);
    out->set("mandatory", r.mandatory);
    out->set("survivor_informed",
             r.survivorInformed ? Poco::Dynamic::Var(*r.survivorInformed) : Poco::Dynamic::Var());
    out->set("consent_covered", r.consentCovered);
    out->set("referred_at", r.referredAt);
    out->set("referred_by", personJson(r.referredBy, r.fromAgency));
    if (!r.decidedAt.empty()) out->set("decided_at", r.decidedAt);
    return out;
}

const wf::StageTrack& receivingTrack(const wf::CaseFacts& facts, core::Role to) {
    const wf::StageTrack* track = wf::stageOf(facts, to);
    if (track == nullptr)  // a referral always gives its agency a track; kept for safety
        throw core::Conflict("stage_transition", "This referral no longer has a stage to answer.");
    return *track;
}

}  // namespace

ReferralService::ReferralService(store::CaseRepository& cases, store::ReferralRepository& referrals,
                                 const CaseSealer& sealer, const core::Clock& clock)
    : cases_(cases), referrals_(referrals), sealer_(sealer), clock_(clock), guard_(cases, clock) {}

Poco::JSON::Object::Ptr ReferralService::refer(const core::Actor& actor, std::int64_t caseId,
                                               const ReferralInput& input) {
    guard_.require(actor, caseId, core::Action::ReferralCreate);
    const core::Role to = targetOf(input.to);
    const auto key = caseKey(cases_, sealer_, caseId);
    const auto now = clock_.now();
    const auto row = referrals_.create(caseId, [&](const store::CaseState& state, std::int64_t id) {
        const auto facts = factsOf(state);
        const auto decision = wf::checkReferral(facts, actor.role, to, input.mandatory);
        wf::checkText("reason", input.reason, "reason for the referral");
        if (decision.mandatory && !input.survivorInformed)  // DESIGN §2: told first or not
            throw core::Invalid("survivor_informed",
                                "This is a mandatory report to the commune police: say whether "
                                "the survivor (or her guardian) was told before it was sent.");
        store::ReferralWrite write;
        store::ReferralRow& r = write.referral;
        r.fromAgency = core::roleName(actor.role);
        r.toAgency = core::roleName(to);
        r.referredBy = actor.userId;
        r.referredAt = timeText(now);
        r.mandatory = decision.mandatory;
        r.survivorInformed = input.survivorInformed;
        r.consentCovered = decision.coveredByConsent;
        r.reason = sealer_.seal(key, caseId, store::sealedFieldName("referral", id, "reason"),
                                input.reason);
        write.stage = stageRow(to, wf::referStage(wf::stageOf(facts, to), now));
        write.at = r.referredAt;
        write.notices.push_back(noticeToAgency("referral.incoming", caseId, r.toAgency));
        return write;
    });
    spdlog::info("referral {} of case {} from {} to {} (mandatory: {}) by user {}", row.id, caseId,
                 row.fromAgency, row.toAgency, row.mandatory, actor.userId);
    auto answer = referralJson(row);
    answer->set("reason", input.reason);
    return answer;
}

ReferralPage ReferralService::incoming(const core::Actor& actor, std::int64_t afterId, int limit) {
    if (core::decide(actor.role, core::Action::ReferralIncoming) != core::Decision::Allow)
        throw core::Forbidden("Only the agencies that carry cases receive referrals.");
    auto rows = referrals_.waitingFor(core::roleName(actor.role), actor.commune, actor.userId,
                                      afterId, limit + 1);
    ReferralPage page;
    page.items = new Poco::JSON::Array;
    if (static_cast<int>(rows.size()) > limit) {
        rows.resize(static_cast<std::size_t>(limit));
        page.nextCursor = rows.back().referral.id;
    }
    for (const auto& row : rows) {
        // What the receiving agency needs to decide (issue 16): the referring agency's reason
        // and a summary without names; the case itself stays hidden until it accepts.
        auto item = referralJson(row.referral);
        const auto key = caseKey(cases_, sealer_, row.referral.caseId);
        item->set("reason",
                  sealer_.open(key, row.referral.caseId,
                               store::sealedFieldName("referral", row.referral.id, "reason"),
                               row.referral.reason));
        item->set("risk", row.risk);
        item->set("child", row.child);
        auto summary = jsonObject();
        summary->set("village", row.village);
        summary->set("types", jsonArray(row.types));
        summary->set("risk", row.risk);
        summary->set("child", row.child);
        summary->set("case_status", row.caseStatus);
        item->set("case_summary", summary);
        page.items->add(item);
    }
    return page;
}

store::ReferralRow ReferralService::authoriseAnswer(const core::Actor& actor,
                                                    std::int64_t referralId) const {
    const auto referral = referrals_.find(referralId);
    if (!referral) throw core::NotFound("No such referral.");
    // The dispatcher sees no case in /referrals/{rid}: the audit entry names it from here.
    if (auto* audit = store::AuditContext::current()) audit->caseId = referral->caseId;
    const auto access = guard_.accessOf(actor, referral->caseId);
    const bool mine = referral->toAgency == core::roleName(actor.role);
    if (core::relationOf(actor.role, access) == core::Relation::Recused ||
        (!mine && !core::seesCase(actor.role, access)))
        throw core::NotFound("No such referral.");
    if (!mine)
        throw core::Forbidden("Only the agency the case was referred to can answer the referral.");
    if (referral->status != "waiting")
        throw core::Conflict("referral_answered",
                             "This referral was already answered (" + referral->status + ").");
    guard_.require(actor, referral->caseId, core::Action::ReferralDecide);
    return *referral;
}

Poco::JSON::Object::Ptr ReferralService::answerJson(const store::ReferralRow& referral) const {
    const auto key = caseKey(cases_, sealer_, referral.caseId);
    auto answer = referralJson(referral);
    answer->set("reason", sealer_.open(key, referral.caseId,
                                       store::sealedFieldName("referral", referral.id, "reason"),
                                       referral.reason));
    if (!referral.declineReason.empty())
        answer->set("decline_reason",
                    sealer_.open(key, referral.caseId,
                                 store::sealedFieldName("referral", referral.id, "decline_reason"),
                                 referral.declineReason));
    return answer;
}

Poco::JSON::Object::Ptr ReferralService::accept(const core::Actor& actor, std::int64_t referralId) {
    authoriseAnswer(actor, referralId);
    const auto now = clock_.now();
    const auto row = referrals_.answer(referralId, [&](const store::CaseState& state,
                                                       const store::ReferralRow& referral) {
        if (referral.status != "waiting")
            throw core::Conflict("referral_answered", "This referral was already answered.");
        const auto facts = factsOf(state);
        wf::checkWritable(facts.status);
        const core::Role to = storedRole(referral.toAgency);
        if (!referral.mandatory && !wf::consentCovers(facts, to))  // DESIGN §2: every share
            throw core::Conflict("consent_required", "The survivor's consent no longer covers " +
                                                         wf::agencyLabel(to) +
                                                         ", so the referral cannot be accepted.");
        store::ReferralAnswer answer;
        answer.status = "accepted";
        answer.decidedBy = actor.userId;
        answer.decidedAt = timeText(now);
        answer.stage = stageRow(to, wf::acceptReferral(receivingTrack(facts, to), now));
        answer.caseStatus = wf::caseStatusName(wf::statusAfterReferralAccepted(facts.status));
        return answer;
    });
    spdlog::info("referral {} of case {} accepted by user {}", referralId, row.caseId,
                 actor.userId);
    return answerJson(row);
}

Poco::JSON::Object::Ptr ReferralService::decline(const core::Actor& actor, std::int64_t referralId,
                                                 const std::string& reason) {
    const auto found = authoriseAnswer(actor, referralId);
    const auto key = caseKey(cases_, sealer_, found.caseId);
    const auto now = clock_.now();
    const auto row = referrals_.answer(
        referralId, [&](const store::CaseState& state, const store::ReferralRow& referral) {
            if (referral.status != "waiting")
                throw core::Conflict("referral_answered", "This referral was already answered.");
            const auto facts = factsOf(state);
            wf::checkWritable(facts.status);
            const core::Role to = storedRole(referral.toAgency);
            wf::StageTrack declined =
                wf::moveStage(receivingTrack(facts, to), wf::StageStatus::Declined, now, reason);
            declined.reason = kReferralDeclined;
            store::ReferralAnswer answer;
            answer.status = "declined";
            answer.decidedBy = actor.userId;
            answer.decidedAt = timeText(now);
            answer.declineReason = sealer_.seal(
                key, referral.caseId,
                store::sealedFieldName("referral", referral.id, "decline_reason"), reason);
            answer.stage = stageRow(to, declined);
            answer.caseStatus = state.status;
            return answer;
        });
    spdlog::info("referral {} of case {} declined by user {}", referralId, row.caseId,
                 actor.userId);
    return answerJson(row);
}

}  // namespace binhan::service
