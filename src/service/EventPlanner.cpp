#include "service/EventPlanner.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

#include "core/Error.h"
#include "core/TimeFormat.h"
#include "core/workflow/CaseStatus.h"
#include "core/workflow/EventRules.h"
#include "core/workflow/Protection.h"
#include "service/WorkflowSupport.h"

namespace binhan::service {
namespace {

namespace wf = core::workflow;
using Poco::Dynamic::Var;

std::string scalarText(const Var& v) {
    if (v.isBoolean()) return v.convert<bool>() ? "true" : "false";
    return v.convert<std::string>();
}

// The event id in a details field checked by core (a positive integer or a string of digits).
std::int64_t eventIdOf(const Poco::JSON::Object& details, const std::string& name) {
    const Var v = details.get(name);
    return v.isString() ? std::stoll(v.extract<std::string>()) : v.convert<std::int64_t>();
}

core::TimePoint timeOf(const Poco::JSON::Object& details, const std::string& name) {
    return storedTime(details.getValue<std::string>(name));
}

std::vector<std::string> choicesOf(const Poco::JSON::Object& details, const std::string& name) {
    std::vector<std::string> out;
    if (!details.isArray(name)) return out;
    const auto items = details.getArray(name);
    for (std::size_t i = 0; i < items->size(); ++i)
        out.push_back(items->getElement<std::string>(static_cast<unsigned>(i)));
    return out;
}

// The decision details.decision_event names, on this case; Invalid otherwise.
const store::ProtectionDecisionRow* decisionNamed(const store::ProtectionLedger& ledger,
                                                  std::int64_t decisionId) {
    for (const auto& d : ledger.decisions)
        if (d.eventId == decisionId) return &d;
    throw core::Invalid("details.decision_event",
                        "There is no contact-prohibition decision with this number on this case.");
}

void planRequest(core::TimePoint at, store::EventWrite& write) {
    store::ProtectionRequestRow request;
    request.eventId = write.event.id;
    request.caseId = write.event.caseId;
    request.requestedAt = timeText(at);
    request.deadline = timeText(wf::decisionDeadline(at));  // Law 13/2022 art. 25(2)
    write.request = request;
}

void planDecision(const Poco::JSON::Object& details, const store::ProtectionLedger& ledger,
                  const core::Actor& actor, core::TimePoint now, store::EventWrite& write) {
    const std::int64_t requestId = eventIdOf(details, "request_event");
    const auto& requests = ledger.requests;
    const auto request = std::find_if(requests.begin(), requests.end(),
                                      [&](const auto& r) { return r.eventId == requestId; });
    if (request == requests.end())
        throw core::Invalid("details.request_event",
                            "There is no request for a contact prohibition with this number on "
                            "this case.");
    store::ProtectionDecisionRow decision;
    decision.granted = details.getValue<bool>("granted");
    core::TimePoint starts{}, ends{};
    if (decision.granted) {
        starts = timeOf(details, "starts");
        ends = timeOf(details, "ends");
        decision.starts = timeText(starts);
        decision.ends = timeText(ends);
    }
    const auto check =
        wf::checkDecision(storedTime(request->requestedAt), request->decisionEvent != 0,
                          decision.granted, starts, ends, now);
    decision.eventId = write.event.id;
    decision.caseId = write.event.caseId;
    decision.requestEvent = requestId;
    decision.leaderId = actor.userId;
    decision.decidedAt = timeText(now);
    decision.late = check.late;
    decision.notified = choicesOf(details, "notified");
    write.decision = decision;
}

void planRevoke(const Poco::JSON::Object& details, const store::ProtectionLedger& ledger,
                const core::Actor& actor, core::TimePoint now, store::EventWrite& write) {
    const std::int64_t decisionId = eventIdOf(details, "decision_event");
    const auto decision = decisionNamed(ledger, decisionId);
    wf::checkRevoke(decision->leaderId, actor.userId);  // DESIGN §2: only the issuing leader
    wf::checkRevocable(decision->granted, decision->revokeEvent != 0, storedTime(decision->ends),
                       now);
    write.revokes = decisionId;
}

bool flagOf(const Poco::JSON::Object& details, const std::string& name) {
    const Var v = details.get(name);
    return v.isBoolean() && v.convert<bool>();
}

std::string textOf(const Poco::JSON::Object& details, const std::string& name) {
    const Var v = details.get(name);
    return v.isString() ? v.extract<std::string>() : "";
}

core::TimePoint dateOf(const Poco::JSON::Object& details, const std::string& name) {
    return *core::parseDate(details.getValue<std::string>(name));
}

// Law 13/2022 art. 25(2)-(3): a decision of this case, to a party it goes to, once.
void checkDeliveryOf(const Poco::JSON::Object& details, const store::ProtectionLedger& ledger,
                     core::TimePoint now) {
    const std::int64_t decisionId = eventIdOf(details, "decision_event");
    const auto decision = decisionNamed(ledger, decisionId);
    const std::string party = textOf(details, "party");
    const bool already = std::any_of(
        ledger.deliveries.begin(), ledger.deliveries.end(),
        [&](const auto& d) { return d.decisionEvent == decisionId && d.party == party; });
    wf::checkDelivery(decision->granted, party, already, storedTime(decision->decidedAt),
                      timeOf(details, "delivered_at"), now);
}

}  // namespace

void checkCorrectedMeasure(const Poco::JSON::Object& details, store::ProtectionLedger ledger,
                           const std::string& type, std::int64_t replaced, core::TimePoint now) {
    auto& deliveries = ledger.deliveries;
    deliveries.erase(std::remove_if(deliveries.begin(), deliveries.end(),
                                    [&](const auto& d) { return d.eventId == replaced; }),
                     deliveries.end());
    if (type == "protection.delivery") checkDeliveryOf(details, ledger, now);
    if (type == "protection.court_order")
        wf::checkCourtOrder(dateOf(details, "issued"), dateOf(details, "starts"),
                            dateOf(details, "ends"));
}

void planCaseMeasures(Poco::JSON::Object& details, const store::CaseState& state,
                      store::EventWrite& write) {
    const std::string& type = write.event.type;
    const core::Risk risk = core::parseRisk(state.risk).value_or(core::Risk::Low);
    if (type == "risk.screen") {
        details.set("suggested", core::riskName(wf::checkRiskScreen(details)));
        write.caseRisk = details.getValue<std::string>("level");
    } else if (type == "closure.request") {
        wf::checkClosureRequest(risk, closureApprovalOf(state.closureRequest, state.closureAnswer));
        write.beforeChair = true;
    } else if (type == "closure.decision") {
        if (eventIdOf(details, "request_event") != state.closureRequest)
            throw core::Invalid("details.request_event",
                                "This is not the standing request to close this case.");
        wf::checkClosureDecision(closureApprovalOf(state.closureRequest, state.closureAnswer) ==
                                 wf::ClosureApproval::Requested);
    }
}

std::vector<std::pair<std::string, std::string>> measuresOf(const wf::EventType& type,
                                                            const Poco::JSON::Object& details) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const wf::DetailField& field : type.fields) {
        // Free text stays sealed; so do the risk screen's answers (what she lives through).
        if (field.kind == wf::FieldKind::Text || field.kind == wf::FieldKind::Names ||
            field.kind == wf::FieldKind::Answers)
            continue;
        if (details.isNull(field.name)) continue;
        if (field.kind == wf::FieldKind::Choices) {
            for (const auto& value : choicesOf(details, field.name))
                out.emplace_back(field.name, value);
            continue;
        }
        if (field.kind == wf::FieldKind::Time)  // normalised to UTC, as every stored time
            out.emplace_back(field.name, timeText(timeOf(details, field.name)));
        else if (field.kind == wf::FieldKind::EventId)  // "0042" is entry 42, as SQL compares it
            out.emplace_back(field.name, std::to_string(eventIdOf(details, field.name)));
        else
            out.emplace_back(field.name, scalarText(details.get(field.name)));
    }
    return out;
}

void planProtection(const Poco::JSON::Object& details, const store::ProtectionLedger& ledger,
                    const core::Actor& actor, core::TimePoint at, core::TimePoint now,
                    store::EventWrite& write) {
    const std::string& type = write.event.type;
    if (type == "protection.request") {
        wf::checkRequestKind(textOf(details, "requested_by"), actor.role == core::Role::Leader,
                             flagOf(details, "survivor_objects"));
        return planRequest(at, write);
    }
    if (type == "protection.delivery") return checkDeliveryOf(details, ledger, now);
    if (type == "protection.court_order")  // Law 13/2022 art. 26
        return wf::checkCourtOrder(dateOf(details, "issued"), dateOf(details, "starts"),
                                   dateOf(details, "ends"));
    if (type == "protection.decision") return planDecision(details, ledger, actor, now, write);
    if (type == "protection.revoke") return planRevoke(details, ledger, actor, now, write);
}

}  // namespace binhan::service
