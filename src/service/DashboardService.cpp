#include "service/DashboardService.h"

#include <cmath>
#include <map>

#include "core/Error.h"
#include "core/Policy.h"
#include "core/workflow/FollowUp.h"
#include "core/workflow/Protection.h"
#include "service/CaseAccessGuard.h"
#include "service/WorkflowSupport.h"

namespace binhan::service {
namespace {

namespace wf = core::workflow;

// How long a lapsed order stays on the dashboard (our choice: a week to decide on a new one).
constexpr auto kLapsedShownFor = std::chrono::hours(24 * 7);
// The most referrals the dashboard lists (the full list is GET /api/v1/referrals).
constexpr int kMaxReferrals = 100;

double oneDecimal(double hours) {
    return std::round(hours * 10.0) / 10.0;
}

Poco::JSON::Array::Ptr referralItems(store::ReferralRepository& referrals,
                                     const std::string& agency, const core::Actor& actor) {
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    if (agency.empty()) return items;
    for (const auto& row :
         referrals.waitingFor(agency, actor.commune, actor.userId, 0, kMaxReferrals)) {
        auto item = jsonObject();
        item->set("id", row.referral.id);
        item->set("case_id", row.referral.caseId);
        item->set("case_code", row.referral.caseCode);
        item->set("from", row.referral.fromAgency);
        item->set("mandatory", row.referral.mandatory);
        item->set("risk", row.risk);
        item->set("referred_at", row.referral.referredAt);
        items->add(item);
    }
    return items;
}

Poco::JSON::Array::Ptr dueItems(const std::vector<store::DueItemRow>& rows, core::TimePoint now,
                                std::map<std::string, int>& counts) {
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& row : rows) {
        const std::string state = wf::dueStateName(wf::dueState(row.due, false, now));
        ++counts[state];
        auto item = jsonObject();
        item->set("event_id", row.eventId);
        item->set("case_id", row.caseId);
        item->set("case_code", row.caseCode);
        item->set("type", row.type);
        item->set("due", row.due);
        item->set("state", state);
        items->add(item);
    }
    return items;
}

Poco::JSON::Array::Ptr requestItems(const std::vector<store::PendingRequestRow>& rows,
                                    core::TimePoint now) {
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& row : rows) {
        const auto requestedAt = storedTime(row.requestedAt);
        const double left = wf::hoursLeft(requestedAt, now);  // Law 13/2022 art. 25(2)
        auto item = jsonObject();
        item->set("event_id", row.eventId);
        item->set("case_id", row.caseId);
        item->set("case_code", row.caseCode);
        item->set("requested_at", row.requestedAt);
        item->set("deadline", timeText(wf::decisionDeadline(requestedAt)));
        item->set("hours_left", oneDecimal(left));
        item->set("late", left < 0);
        items->add(item);
    }
    return items;
}

// Orders ending within 24 hours or lapsed; on each case only the order ending last counts (a
// re-issued order replaces the one before it).
Poco::JSON::Array::Ptr orderItems(const std::vector<store::OrderRow>& rows, core::TimePoint now,
                                  std::map<std::string, int>& counts) {
    std::map<std::int64_t, const store::OrderRow*> latest;
    for (const auto& row : rows) {
        auto& current = latest[row.decision.caseId];
        if (current == nullptr || current->decision.ends < row.decision.ends) current = &row;
    }
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& row : rows) {
        if (latest[row.decision.caseId] != &row) continue;
        const auto ends = storedTime(row.decision.ends);
        const auto state = wf::orderState(ends, false, now);
        if (state != wf::OrderState::EndingSoon && state != wf::OrderState::Lapsed) continue;
        ++counts[wf::orderStateName(state)];
        const std::chrono::duration<double, std::ratio<3600>> left = ends - now;
        auto item = jsonObject();
        item->set("event_id", row.decision.eventId);
        item->set("case_id", row.decision.caseId);
        item->set("case_code", row.caseCode);
        item->set("starts", row.decision.starts);
        item->set("ends", row.decision.ends);
        item->set("state", wf::orderStateName(state));
        item->set("hours_left", oneDecimal(left.count()));
        items->add(item);
    }
    return items;
}

}  // namespace

Poco::JSON::Object::Ptr DashboardService::forActor(const core::Actor& actor) {
    if (core::decide(actor.role, core::Action::Dashboard) != core::Decision::Allow)
        throw core::Forbidden("Your role has no dashboard of case work.");
    const auto now = clock_.now();
    const std::string agency = core::isCaseAgency(actor.role) ? core::roleName(actor.role) : "";
    std::map<std::string, int> counts;
    auto answer = jsonObject();
    answer->set("as_of", timeText(now));
    const auto referrals = referralItems(referrals_, agency, actor);
    answer->set("referrals", referrals);
    // Due items where the caller may mark them done; requests and orders where the caller may
    // request or decide a contact prohibition (core/Policy, Law 13/2022 art. 25).
    answer->set("due_items",
                dueItems(dashboard_.openDueItems(caseScope(actor, core::Action::EventDone, now)),
                         now, counts));
    auto protection = core::relationsAllowingEvent(actor.role, "protection.request");
    for (auto r : core::relationsAllowingEvent(actor.role, "protection.decision"))
        protection.insert(r);
    const auto protectionScope = caseScope(actor, protection, now);
    const auto requests = requestItems(dashboard_.pendingRequests(protectionScope), now);
    answer->set("protection_requests", requests);
    const auto endsFrom = timeText(now - kLapsedShownFor);
    answer->set("protection_orders",
                orderItems(dashboard_.orders(protectionScope, endsFrom), now, counts));
    // Issue 20: courts' orders in force (Law 13/2022 art. 26), for whoever sees the case; the
    // closures waiting for the chair.
    const std::string today = wf::vietnamDate(now);
    Poco::JSON::Array::Ptr courtOrderList = new Poco::JSON::Array;
    for (const auto& row :
         dashboard_.courtOrders(caseScope(actor, core::Action::CaseRead, now), today)) {
        auto item = jsonObject();
        item->set("event_id", row.eventId);
        item->set("case_id", row.caseId);
        item->set("case_code", row.caseCode);
        item->set("starts", row.starts);
        item->set("ends", row.ends);
        item->set("state", wf::courtOrderState(row.ends, today));
        courtOrderList->add(item);
    }
    answer->set("court_orders", courtOrderList);
    Poco::JSON::Array::Ptr closures = new Poco::JSON::Array;
    const auto closureDeciders = core::relationsAllowingEvent(actor.role, "closure.decision");
    if (!closureDeciders.empty())
        for (const auto& row : dashboard_.closureRequests(caseScope(actor, closureDeciders, now))) {
            auto item = jsonObject();
            item->set("event_id", row.eventId);
            item->set("case_id", row.caseId);
            item->set("case_code", row.caseCode);
            item->set("requested_at", row.requestedAt);
            closures->add(item);
        }
    answer->set("closure_requests", closures);
    auto summary = jsonObject();
    summary->set("referrals", static_cast<int>(referrals->size()));
    summary->set("closure_requests", static_cast<int>(closures->size()));
    summary->set("court_orders", static_cast<int>(courtOrderList->size()));
    summary->set("overdue", counts["overdue"]);
    summary->set("due_today", counts["due_today"]);
    summary->set("protection_requests", static_cast<int>(requests->size()));
    summary->set("orders_ending_soon", counts["ending_soon"]);
    summary->set("orders_lapsed", counts["lapsed"]);
    answer->set("counts", summary);
    return answer;
}

}  // namespace binhan::service
