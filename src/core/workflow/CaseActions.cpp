#include "core/workflow/CaseActions.h"

#include <utility>

#include "core/Error.h"
#include "core/workflow/CaseStatus.h"
#include "core/workflow/Consent.h"
#include "core/workflow/EventCatalogue.h"

namespace binhan::core::workflow {
namespace {

struct RefusalText {
    const char* code;
    const char* vi;
    const char* en;
};

// clang-format off
const RefusalText kRefusals[] = {
    {"case_closed",
     "Vụ việc đã đóng: hãy mở lại vụ việc trước khi thay đổi.",
     "The case is closed: reopen it before changing it."},
    {"stages_open",  // DESIGN §2: every stage completed or declined before closing
     "Chưa đóng được: còn giai đoạn của cơ quan chưa hoàn thành hoặc từ chối.",
     "It cannot be closed yet: a stage is still open (each must be completed or declined)."},
    {"mediation_crime",  // Law on Grassroots Mediation 2013 art. 3
     "Không hòa giải: vụ việc được đánh dấu là tội phạm (Luật Hòa giải ở cơ sở, Điều 3).",
     "No mediation: the case is flagged as a crime (Law on Grassroots Mediation, art. 3)."},
    {"mediation_sanction",  // Law on Grassroots Mediation 2013 art. 3
     "Không hòa giải: vụ việc thuộc diện xử phạt vi phạm hành chính (Luật Hòa giải ở cơ sở, Điều 3).",
     "No mediation: the case is subject to an administrative sanction (Law on Grassroots Mediation, art. 3)."},
    {"consent_required",  // DESIGN §2; PDPL 91/2025: sharing needs the survivor's consent
     "Chưa chuyển gửi được: sự đồng ý của người bị bạo lực chưa bao gồm cơ quan này.",
     "It cannot be referred yet: the survivor's consent does not cover this agency."},
    {"closure_needs_approval",  // issue 20: a high or critical case closes with the chair's approval
     "Nguy cơ cao: cần Chủ tịch UBND xã đồng ý trước khi kết thúc vụ việc.",
     "The risk is high: the commune chair must approve before the case is closed."},
    {"closure_requested",
     "Đã đề nghị kết thúc vụ việc, đang chờ Chủ tịch UBND xã trả lời.",
     "Closing has been requested and waits for the chair's answer."},
    {"mediation_consent",  // mediation is voluntary (Law on Grassroots Mediation 2013 art. 4)
     "Không hòa giải: người bị bạo lực chưa đồng ý chia sẻ vụ việc với Tư pháp.",
     "No mediation: the survivor has not agreed to share the case with the justice officer."},
};
// clang-format on

// The case-level actions with the policy action behind each, in display order.
const std::vector<std::pair<const char*, Action>>& caseLevelActions() {
    static const std::vector<std::pair<const char*, Action>> list = {
        {"update", Action::CaseUpdate},      {"refer", Action::ReferralCreate},
        {"consent", Action::ConsentUpdate},  {"complete_stage", Action::StageComplete},
        {"close", Action::CaseClose},        {"reopen", Action::CaseReopen},
        {"export", Action::Export},          {"recuse", Action::Recuse},
        {"break_glass", Action::BreakGlass}, {"erase", Action::Erase},
        {"attach", Action::AttachmentAdd},   {"link", Action::CaseLink},
    };
    return list;
}

// Why the case's state blocks `action` now ("" when it does not; "-" when it does not apply).
std::string blockedBy(const std::string& action, const CaseFacts& facts, Relation relation) {
    const bool closed = facts.status == CaseStatus::Closed;
    if (action == "reopen") return closed ? "" : "-";
    if (action == "close") {
        if (closed) return "-";
        if (!openStageAgencies(facts.stages).empty()) return "stages_open";
        const bool chair =
            relation == Relation::ProtectionRequest || relation == Relation::BreakGlass;
        if (!chair && closureNeedsApproval(facts.risk) &&
            facts.closure != ClosureApproval::Approved)
            return facts.closure == ClosureApproval::Requested ? "closure_requested"
                                                               : "closure_needs_approval";
        return "";
    }
    if (action == "break_glass") return relation == Relation::BreakGlass ? "-" : "";
    if (action == "export" || action == "recuse" || action == "erase" || action == "link")
        return "";
    if (closed) return "case_closed";         // read-only until reopened (DESIGN §2)
    if (action == "event:closure.request") {  // only when the risk needs it, once at a time
        if (!closureNeedsApproval(facts.risk) || facts.closure == ClosureApproval::Approved)
            return "-";
        if (facts.closure == ClosureApproval::Requested) return "closure_requested";
    }
    if (action == "event:closure.decision" && facts.closure != ClosureApproval::Requested)
        return "-";
    if (action == "event:justice.mediation") {
        if (facts.crime) return "mediation_crime";
        if (facts.administrativeSanction) return "mediation_sanction";
        if (!consentCovers(facts, Role::Justice)) return "mediation_consent";
    }
    return "";
}

void offer(CaseActions& out, const std::string& action, const CaseFacts& facts, Relation relation) {
    const std::string blocked = blockedBy(action, facts, relation);
    if (blocked.empty())
        out.allowed.push_back(action);
    else if (blocked != "-")
        out.refusals[action] = blocked;
}

// refer:<agency> for each agency the case may go to now, by the referral rules themselves
// (core/workflow/Consent.h checkReferral): not the caller, not already involved; refused with
// the reason while consent does not cover it; a mandatory report to police is listed in
// `mandatoryReferrals` (no consent needed, recorded as such: Law 13/2022).
void offerReferrals(CaseActions& out, Role role, const CaseFacts& facts) {
    for (Role to : {Role::Police, Role::Justice, Role::Union, Role::School}) {
        const std::string action = "refer:" + roleName(to);
        try {
            const ReferralDecision decision = checkReferral(facts, role, to, false);
            out.allowed.push_back(action);
            if (decision.mandatory) out.mandatoryReferrals.push_back(roleName(to));
        } catch (const Error& e) {
            if (e.code() == "consent_required") out.refusals[action] = "consent_required";
        }
    }
}

}  // namespace

CaseActions caseActions(Role role, const CaseAccess& access, const CaseFacts& facts) {
    CaseActions out;
    const Relation relation = relationOf(role, access);
    for (const auto& type : eventCatalogue())
        if (decideEvent(role, type.name, access) == Decision::Allow)
            offer(out, "event:" + type.name, facts, relation);
    for (const auto& [name, action] : caseLevelActions())
        if (decide(role, action, access) == Decision::Allow) offer(out, name, facts, relation);
    if (decide(role, Action::ReferralCreate, access) == Decision::Allow &&
        facts.status != CaseStatus::Closed)
        offerReferrals(out, role, facts);
    return out;
}

const std::vector<std::string>& refusalCodes() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> out;
        for (const auto& r : kRefusals) out.push_back(r.code);
        return out;
    }();
    return codes;
}

std::string refusalText(const std::string& code, const std::string& lang) {
    for (const auto& r : kRefusals)
        if (code == r.code) return lang == "vi" ? r.vi : r.en;
    return code;
}

}  // namespace binhan::core::workflow
