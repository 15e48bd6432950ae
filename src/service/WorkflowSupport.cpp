#include "service/WorkflowSupport.h"

#include <map>

#include "core/Error.h"
#include "core/TimeFormat.h"
#include "service/CaseService.h"

namespace binhan::service {

namespace wf = core::workflow;

core::Role storedRole(const std::string& name) {
    const auto role = core::parseRole(name);
    if (!role) throw std::logic_error("stored role name is not a role");
    return *role;
}

core::TimePoint storedTime(const std::string& text) {
    return core::parseRfc3339(text).value_or(core::TimePoint{});
}

std::string timeText(core::TimePoint t) {
    return core::formatRfc3339(t);
}

wf::ClosureApproval closureApprovalOf(std::int64_t request, const std::string& answer) {
    if (request == 0) return wf::ClosureApproval::None;
    if (answer.empty()) return wf::ClosureApproval::Requested;
    return answer == "true" ? wf::ClosureApproval::Approved : wf::ClosureApproval::Returned;
}

wf::CaseFacts factsOf(const store::CaseState& state) {
    wf::CaseFacts facts;
    facts.risk = core::parseRisk(state.risk).value_or(core::Risk::Low);
    facts.closure = closureApprovalOf(state.closureRequest, state.closureAnswer);
    facts.status = wf::parseCaseStatus(state.status).value_or(wf::CaseStatus::Open);
    facts.child = state.child;
    facts.crime = state.crime;
    facts.administrativeSanction = state.administrativeSanction;
    facts.consentGiven = state.consentGiven;
    for (const auto& agency : state.consentAgencies)
        facts.consentAgencies.insert(storedRole(agency));
    for (const auto& stage : state.stages) {
        wf::StageTrack track;
        track.status = wf::parseStageStatus(stage.status).value_or(wf::StageStatus::Declined);
        track.since = storedTime(stage.since);
        track.reason = stage.reason;
        facts.stages[storedRole(stage.agency)] = track;
    }
    return facts;
}

wf::CaseFacts factsOf(const store::CaseRow& row) {
    store::CaseState state;
    state.status = row.status;
    state.child = row.child;
    state.crime = row.crime;
    state.administrativeSanction = row.administrativeSanction;
    state.consentGiven = row.consentGiven;
    state.consentAgencies = row.consentAgencies;
    state.stages = row.stages;
    state.risk = row.risk;
    state.closureRequest = row.closureRequest;
    state.closureAnswer = row.closureAnswer;
    return factsOf(state);
}

store::StageRow stageRow(core::Role agency, const wf::StageTrack& track) {
    return {core::roleName(agency), wf::stageStatusName(track.status), timeText(track.since),
            track.reason};
}

Poco::JSON::Object::Ptr stagesAfter(const store::CaseState& state,
                                    const std::vector<store::StageRow>& changed) {
    std::map<std::string, store::StageRow> merged;
    for (const auto& stage : state.stages) merged[stage.agency] = stage;
    for (const auto& stage : changed) merged[stage.agency] = stage;
    std::vector<store::StageRow> rows;
    for (const auto& [agency, stage] : merged) rows.push_back(stage);
    return stagesJson(rows);
}

crypto::SecretBytes caseKey(store::CaseRepository& cases, const CaseSealer& sealer,
                            std::int64_t caseId) {
    const auto row = cases.find(caseId);
    if (!row || row->dataKey.empty()) throw core::NotFound("No such case.");
    return sealer.unwrap(*row);
}

Poco::JSON::Object::Ptr jsonObject() {
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Poco::JSON::Array::Ptr jsonArray(const std::vector<std::string>& items) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& item : items) out->add(item);
    return out;
}

Poco::JSON::Object::Ptr personJson(std::int64_t id, const std::string& role, bool showId) {
    auto out = jsonObject();
    if (showId) out->set("id", id);
    out->set("role", role);
    return out;
}

}  // namespace binhan::service
