#pragma once
// Contact prohibitions (cấm tiếp xúc; Law 13/2022/QH15 art. 25; Decree 76/2023):
//
// - A request (protection.request) is decided by the commune chair (`leader`) within 12 hours
//   of receipt (art. 25(2)). The dashboard counts those hours down.
// - A granted prohibition lasts at most 3 days at a time (art. 25(1)) and may be issued again
//   on a new request. Each request is decided once.
// - Only the leader who issued a decision may revoke it (DESIGN §2).
// - The dashboard warns when an order ends within 24 hours and when it has lapsed (DESIGN §2).
//
// Our choice where DESIGN and API are silent: a decision made after the 12-hour window is
// still recorded — refusing it would leave the survivor with no decision at all — but the
// result says it was late, so the service can flag it in the event and the audit. A granted
// order may not start before it was requested, and must end after the decision is made (an
// order already over when issued protects no one). Pure; thread-safe; the caller gives `now`.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/Clock.h"

namespace binhan::core::workflow {

constexpr std::chrono::hours kDecisionWindow{12};    // Law 13/2022 art. 25(2)
constexpr std::chrono::hours kMaxOrderLength{72};    // Law 13/2022 art. 25(1): at most 3 days
constexpr std::chrono::hours kEndingSoonWindow{24};  // DESIGN §2: warn before an order ends

constexpr int kCourtOrderMonths = 4;  // Law 13/2022 art. 26(1): at most 4 months
constexpr std::chrono::hours kCourtOrderEndingSoon{7 * 24};  // the dashboard's warning (issue 20)

// requestedAt + 12 hours.
TimePoint decisionDeadline(TimePoint requestedAt);

struct DecisionCheck {
    bool late = false;   // decided after the 12-hour deadline (recorded, flagged)
    TimePoint deadline;  // the deadline that applied
};

// Checks a decision on a request made at `requestedAt`, decided at `now`. Throws, in order:
//   Conflict("already_decided")   the request already has a decision;
//   Invalid("details.starts")     granted and the order starts before the request;
//   Invalid("details.ends")       granted and ends ≤ starts, or lasts more than 72 hours, or
//                                 ends before `now`.
// `starts` and `ends` are ignored for a refusal (granted false).
DecisionCheck checkDecision(TimePoint requestedAt, bool requestAlreadyDecided, bool granted,
                            TimePoint starts, TimePoint ends, TimePoint now);

// Who may ask for a contact prohibition, as a protection.request's `requested_by` says
// (issue 20). Law 13/2022 art. 25(1)(a): the survivor, her guardian, or an agency with her
// consent (consent_by, required by the catalogue) — recorded by the agency working the case;
// art. 25(1)(b): the chair on his own initiative when the violence threatens her life. Throws
//   Forbidden                       chair_initiative recorded by anyone but the chair;
//   Invalid("details.requested_by") the chair recording any other kind (a request reaches him
//                                   through the agency that received it);
//   Conflict("survivor_objects")    chair_initiative while the survivor objects (issue 20).
void checkRequestKind(const std::string& requestedBy, bool byChair, bool survivorObjects);

// The parties a decision is sent to: a granted prohibition to the four of art. 25(3), a refusal
// to the requester (art. 25(2): in writing, with its reasons).
bool deliveryPartyAllowed(bool granted, const std::string& party);
// Checks the delivery of a decision made at `decidedAt` to `party`, delivered at `deliveredAt`,
// recorded at `now`. Throws, in order:
//   Invalid("details.party")         not a party this decision goes to;
//   Conflict("already_delivered")    the delivery to this party is already recorded;
//   Invalid("details.delivered_at")  before the decision, or after `now` (beyond clock skew).
void checkDelivery(bool granted, const std::string& party, bool alreadyDelivered,
                   TimePoint decidedAt, TimePoint deliveredAt, TimePoint now);

// A court's no-contact order (art. 26), dates as YYYY-MM-DD: Invalid("details.starts") before
// it was issued; Invalid("details.ends") before it starts or more than 4 months after.
void checkCourtOrder(TimePoint issued, TimePoint starts, TimePoint ends);
// "active" / "ending_soon" (ends within 7 days) / "ended" of a court order on `today`, as days
// (YYYY-MM-DD, Vietnam dates): it is in force to the end of its last day.
std::string courtOrderState(const std::string& ends, const std::string& today);

// Throws Forbidden unless `actorId` is the leader who issued the decision (DESIGN §2).
void checkRevoke(std::int64_t issuingLeaderId, std::int64_t actorId);
// Throws Conflict("not_revocable") when the decision refused the order, was already revoked,
// or the order has already ended at `now`.
void checkRevocable(bool granted, bool alreadyRevoked, TimePoint ends, TimePoint now);

// Hours left of the 12-hour window at `now`; negative once it has passed (dashboard).
double hoursLeft(TimePoint requestedAt, TimePoint now);

enum class OrderState {
    Active,      // in force (or starting later), more than 24 hours left
    EndingSoon,  // ends within 24 hours
    Lapsed,      // its end has passed
    Revoked,     // revoked by the leader who issued it
};
// API spelling: "active", "ending_soon", "lapsed", "revoked".
std::string orderStateName(OrderState state);
// Revoked wins; else lapsed when now ≥ ends; else ending_soon when ends − now ≤ 24 h.
OrderState orderState(TimePoint ends, bool revoked, TimePoint now);

}  // namespace binhan::core::workflow
