#include "service/WorkflowService.h"

#include "core/workflow/FollowUp.h"

#include "service/EventPlanner.h"

#include <spdlog/spdlog.h>

#include <set>

#include "core/CaseModel.h"
#include "core/Error.h"
#include "core/workflow/CaseStatus.h"
#include "core/workflow/Consent.h"
#include "core/workflow/Text.h"
#include "service/WorkflowSupport.h"

namespace binhan::service {
namespace {

namespace wf = core::workflow;

std::vector<std::string> namesOf(const std::set<core::Role>& roles) {
    std::vector<std::string> out;
    for (core::Role role : roles) out.push_back(core::roleName(role));
    return out;
}

// The agencies of a consent body: case agencies, each once (400 naming the item otherwise).
std::set<core::Role> agenciesOf(const ConsentInput& input) {
    std::set<core::Role> out;
    for (std::size_t i = 0; i < input.agencies.size(); ++i) {
        const std::string field = "agencies[" + std::to_string(i) + "]";
        const auto role = core::parseRole(input.agencies[i]);
        if (!role || !core::isCaseAgency(*role))
            throw core::Invalid(field, "Consent can cover only police, justice, union and school.");
        if (!out.insert(*role).second) throw core::Invalid(field, "This agency is already listed.");
    }
    return out;
}

void checkConsentInput(const ConsentInput& input, const std::set<core::Role>& agencies) {
    if (!input.given) throw core::Invalid("given", "'given' is required (true or false).");
    if (input.givenBy != core::kGivenBySurvivor && input.givenBy != core::kGivenByGuardian)
        throw core::Invalid("given_by", "given_by must be survivor or guardian.");
    if (!*input.given && !agencies.empty())
        throw core::Invalid("agencies",
                            "When consent is withdrawn (given: false) no agency can be listed.");
    wf::checkText("reason", input.reason, "reason for the change");
}

Poco::JSON::Object::Ptr consentAnswer(const store::ConsentRecordRow& r, const std::string& reason,
                                      const wf::ConsentChange& change,
                                      const Poco::JSON::Object::Ptr& stages) {
    auto out = jsonObject();
    out->set("given", r.given);
    out->set("given_by", r.givenBy);
    out->set("agencies", jsonArray(r.agencies));
    out->set("statistics", r.statistics);
    out->set("recorded_at", r.recordedAt);
    out->set("recorded_by", personJson(r.recordedBy, r.recordedRole));
    out->set("reason", reason);
    out->set("withdrawn", jsonArray(namesOf(change.withdrawn)));
    out->set("ended", jsonArray(namesOf(change.declined)));
    out->set("kept_by_law", jsonArray(namesOf(change.keptByLaw)));
    out->set("stages", stages);
    return out;
}

// The agency a reopened case goes back to (see the header), with its stage made active again,
// or nothing.
std::vector<store::StageRow> stagesOnReopen(const store::CaseState& state,
                                            const wf::CaseFacts& facts, core::Role actorRole,
                                            core::TimePoint now) {
    const auto opener = core::parseRole(state.openedAgency);
    if (!core::isCaseAgency(actorRole) && !opener) return {};
    const core::Role agency = core::isCaseAgency(actorRole) ? actorRole : *opener;
    const wf::StageTrack* track = wf::stageOf(facts, agency);
    if (track == nullptr || track->status != wf::StageStatus::Completed) return {};
    if (!wf::consentCovers(facts, agency) && !wf::isMandatoryReferral(facts, agency)) return {};
    const wf::StageTrack referred = wf::referStage(track, now);
    return {stageRow(agency, wf::acceptReferral(referred, now))};
}

}  // namespace

WorkflowService::WorkflowService(store::CaseRepository& cases,
                                 store::CaseLifecycleRepository& lifecycle,
                                 const CaseSealer& sealer, const core::Clock& clock)
    : cases_(cases), lifecycle_(lifecycle), sealer_(sealer), clock_(clock), guard_(cases, clock) {}

Poco::JSON::Object::Ptr WorkflowService::recordConsent(const core::Actor& actor,
                                                       std::int64_t caseId,
                                                       const ConsentInput& input) {
    guard_.require(actor, caseId, core::Action::ConsentUpdate);
    const auto agencies = agenciesOf(input);
    checkConsentInput(input, agencies);
    const auto key = caseKey(cases_, sealer_, caseId);
    const auto now = clock_.now();
    wf::ConsentChange change;
    Poco::JSON::Object::Ptr stages;
    const auto record =
        lifecycle_.recordConsent(caseId, [&](const store::CaseState& state, std::int64_t id) {
            if (state.child && input.givenBy != core::kGivenByGuardian)
                throw core::Invalid("given_by",
                                    "The survivor is a child: her guardian gives consent, so "
                                    "given_by must be guardian.");
            change = wf::applyConsentChange(factsOf(state), agencies, now);
            store::ConsentWrite write;
            store::ConsentRecordRow& r = write.record;
            r.given = *input.given;
            r.givenBy = input.givenBy;
            r.agencies = namesOf(agencies);
            r.statistics = input.statistics.value_or(state.consentStatistics);
            r.recordedAt = timeText(now);
            r.recordedBy = actor.userId;
            r.recordedRole = core::roleName(actor.role);
            r.withdrawn = namesOf(change.withdrawn);
            r.reason = sealer_.seal(key, caseId, store::sealedFieldName("consent", id, "reason"),
                                    input.reason);
            for (core::Role agency : change.declined) {
                write.endedStages.push_back(stageRow(agency, change.stages.at(agency)));
                write.endReferralsTo.push_back(core::roleName(agency));
            }
            stages = stagesAfter(state, write.endedStages);
            return write;
        });
    spdlog::info("consent record {} on case {} by user {}: {} agencies, {} stage(s) ended",
                 record.id, caseId, actor.userId, record.agencies.size(), change.declined.size());
    return consentAnswer(record, input.reason, change, stages);
}

Poco::JSON::Object::Ptr WorkflowService::completeStage(const core::Actor& actor,
                                                       std::int64_t caseId,
                                                       const std::string& agency,
                                                       const std::string& summary) {
    const auto role = core::parseRole(agency);
    if (!role || !core::isCaseAgency(*role)) throw core::NotFound("No such stage.");
    guard_.require(actor, caseId, core::Action::StageComplete);
    if (*role != actor.role)
        throw core::Forbidden("An agency can complete only its own stage on a case.");
    const auto key = caseKey(cases_, sealer_, caseId);
    const auto now = clock_.now();
    store::StageRow stage;
    lifecycle_.completeStage(caseId, [&](const store::CaseState& state, std::int64_t id) {
        const auto facts = factsOf(state);
        wf::checkWritable(facts.status);
        const wf::StageTrack* track = wf::stageOf(facts, *role);
        if (track == nullptr)
            throw core::Conflict("stage_transition", "Your agency has no stage on this case.");
        const auto completed = wf::moveStage(*track, wf::StageStatus::Completed, now);
        wf::checkText("summary", summary, "summary of your agency's work");
        store::CompletionWrite write;
        write.stage = stage = stageRow(*role, completed);
        write.completion.agency = agency;
        write.completion.completedAt = timeText(now);
        write.completion.completedBy = actor.userId;
        write.completion.summary = sealer_.seal(
            key, caseId, store::sealedFieldName("stage_completion", id, "summary"), summary);
        return write;
    });
    spdlog::info("stage {} of case {} completed by user {}", agency, caseId, actor.userId);
    auto answer = jsonObject();
    answer->set("case_id", caseId);
    answer->set("agency", agency);
    answer->set("status", stage.status);
    answer->set("since", stage.since);
    answer->set("summary", summary);
    return answer;
}

Poco::JSON::Object::Ptr WorkflowService::close(const core::Actor& actor, std::int64_t caseId,
                                               const std::string& reason,
                                               const std::string& reasonCode,
                                               const std::map<std::string, std::string>& feedback) {
    guard_.require(actor, caseId, core::Action::CaseClose);
    wf::checkClosureReasonCode(reasonCode);
    const auto key = caseKey(cases_, sealer_, caseId);
    const auto now = clock_.now();
    std::string code;
    const auto change = lifecycle_.changeStatus(caseId, [&](const store::CaseState& state,
                                                            std::int64_t id) {
        const auto facts = factsOf(state);
        wf::checkClose(facts.status, facts.stages, reason);  // DESIGN §2
        // Issue 20: an agency closes a high-risk case once the chair approved; the chair's own
        // closing is his approval.
        if (actor.role != core::Role::Leader) wf::checkCloseApproval(facts.risk, facts.closure);
        code = state.code;
        store::StatusChangeWrite write;
        write.change = {
            0,
            caseId,
            wf::caseStatusName(wf::CaseStatus::Closed),
            timeText(now),
            actor.userId,
            core::roleName(actor.role),
            sealer_.seal(key, caseId, store::sealedFieldName("case_status", id, "reason"), reason)};
        write.closureCode = reasonCode;
        write.feedback = feedback;
        write.feedbackMonth = wf::vietnamDate(now).substr(0, 7);
        return write;
    });
    spdlog::info("case {} closed by user {}", caseId, actor.userId);
    auto answer = jsonObject();
    answer->set("id", caseId);
    answer->set("code", code);
    answer->set("status", change.status);
    answer->set("closed_at", change.at);
    answer->set("closure_reason", reason);
    if (!reasonCode.empty()) answer->set("closure_reason_code", reasonCode);
    return answer;
}

Poco::JSON::Object::Ptr WorkflowService::reopen(const core::Actor& actor, std::int64_t caseId,
                                                const std::string& reason) {
    guard_.require(actor, caseId, core::Action::CaseReopen);
    const auto key = caseKey(cases_, sealer_, caseId);
    const auto now = clock_.now();
    std::string code;
    Poco::JSON::Object::Ptr stages;
    const auto change = lifecycle_.changeStatus(caseId, [&](const store::CaseState& state,
                                                            std::int64_t id) {
        const auto facts = factsOf(state);
        wf::checkReopen(facts.status, reason);
        code = state.code;
        store::StatusChangeWrite write;
        write.change = {
            0,
            caseId,
            wf::caseStatusName(wf::CaseStatus::Reopened),
            timeText(now),
            actor.userId,
            core::roleName(actor.role),
            sealer_.seal(key, caseId, store::sealedFieldName("case_status", id, "reason"), reason)};
        write.stages = stagesOnReopen(state, facts, actor.role, now);
        stages = stagesAfter(state, write.stages);
        return write;
    });
    spdlog::info("case {} reopened by user {}", caseId, actor.userId);
    auto answer = jsonObject();
    answer->set("id", caseId);
    answer->set("code", code);
    answer->set("status", change.status);
    answer->set("reopened_at", change.at);
    answer->set("stages", stages);
    return answer;
}

}  // namespace binhan::service
