#include "core/workflow/Protection.h"

#include "core/Error.h"
#include "core/TimeFormat.h"

#include <algorithm>
#include <ctime>

namespace binhan::core::workflow {

TimePoint decisionDeadline(TimePoint requestedAt) {
    return requestedAt + kDecisionWindow;
}

DecisionCheck checkDecision(TimePoint requestedAt, bool requestAlreadyDecided, bool granted,
                            TimePoint starts, TimePoint ends, TimePoint now) {
    if (requestAlreadyDecided)
        throw Conflict("already_decided",
                       "This request has already been decided. A new prohibition needs a new "
                       "request.");
    const TimePoint deadline = decisionDeadline(requestedAt);
    if (granted) {
        if (starts < requestedAt)
            throw Invalid("details.starts",
                          "The prohibition cannot start before it was requested.");
        if (ends <= starts)
            throw Invalid("details.ends", "The prohibition must end after it starts.");
        if (ends - starts > kMaxOrderLength)  // Law 13/2022 art. 25(1)
            throw Invalid("details.ends",
                          "A contact prohibition lasts at most 3 days (72 hours). Issue a new "
                          "one when it ends if the survivor still needs it.");
        if (ends <= now)
            throw Invalid("details.ends", "The prohibition would already be over when issued.");
    }
    return DecisionCheck{now > deadline, deadline};  // Law 13/2022 art. 25(2): 12 hours
}

void checkRequestKind(const std::string& requestedBy, bool byChair, bool survivorObjects) {
    if (requestedBy == "chair_initiative") {
        if (!byChair)  // Law 13/2022 art. 25(1)(b): the chair's own decision
            throw Forbidden("Only the commune chair acts on his own initiative.");
        if (survivorObjects)  // issue 20: unless the survivor refuses
            throw Conflict("survivor_objects",
                           "The survivor objects: the chair does not act on his own initiative "
                           "against her wish.");
        return;
    }
    if (byChair)
        throw Invalid("details.requested_by",
                      "The chair records only a decision on his own initiative; a request "
                      "is recorded by the agency that received it.");
}

bool deliveryPartyAllowed(bool granted, const std::string& party) {
    static const std::vector<std::string> fourParties = {"perpetrator", "survivor", "police_head",
                                                         "village_head"};
    if (!granted) return party == "requester";  // Law 13/2022 art. 25(2)
    return std::find(fourParties.begin(), fourParties.end(), party) != fourParties.end();
}

void checkDelivery(bool granted, const std::string& party, bool alreadyDelivered,
                   TimePoint decidedAt, TimePoint deliveredAt, TimePoint now) {
    if (!deliveryPartyAllowed(granted, party))
        throw Invalid("details.party",
                      granted ? "A decision is sent to the perpetrator, the survivor, the head of "
                                "the commune police and the village head (Law 13/2022 art. "
                                "25(3))."
                              : "A refusal is told in writing to whoever requested the "
                                "prohibition (Law 13/2022 art. 25(2)).");
    if (alreadyDelivered)
        throw Conflict("already_delivered",
                       "The delivery to this party is already recorded for this decision.");
    if (deliveredAt < decidedAt)
        throw Invalid("details.delivered_at", "A decision is delivered after it is made.");
    if (deliveredAt > now + std::chrono::minutes(5))
        throw Invalid("details.delivered_at", "The time of delivery cannot be in the future.");
}

namespace {
// `t` plus whole calendar months (the day of the month kept, clipped to the month's end).
TimePoint plusMonths(TimePoint t, int months) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm day{};
    gmtime_r(&seconds, &day);
    day.tm_mon += months;
    const int wantedMonth = (day.tm_mon % 12 + 12) % 12;
    std::tm normalised = day;
    std::time_t out = timegm(&normalised);
    while (normalised.tm_mon != wantedMonth) {  // 31 Oct + 4 months → 28/29 Feb, not 2/3 Mar
        day.tm_mday -= 1;
        normalised = day;
        out = timegm(&normalised);
    }
    return std::chrono::system_clock::from_time_t(out);
}
}  // namespace

void checkCourtOrder(TimePoint issued, TimePoint starts, TimePoint ends) {
    if (starts < issued)
        throw Invalid("details.starts", "The order cannot start before the court issued it.");
    if (ends < starts) throw Invalid("details.ends", "The order must end after it starts.");
    // Law 13/2022 art. 26(1): at most 4 months, the last day included (3 May – 2 Sep).
    if (ends >= plusMonths(starts, kCourtOrderMonths))
        throw Invalid("details.ends",
                      "A court's no-contact order lasts at most 4 months (Law 13/2022 art. 26).");
}

std::string courtOrderState(const std::string& ends, const std::string& today) {
    if (ends < today) return "ended";
    const auto end = parseDate(ends), now = parseDate(today);
    if (end && now && *end - *now < kCourtOrderEndingSoon) return "ending_soon";
    return "active";
}

void checkRevoke(std::int64_t issuingLeaderId, std::int64_t actorId) {
    if (issuingLeaderId != actorId)
        throw Forbidden("Only the leader who issued this contact prohibition can revoke it.");
}

void checkRevocable(bool granted, bool alreadyRevoked, TimePoint ends, TimePoint now) {
    if (!granted)
        throw Conflict("not_revocable",
                       "This decision refused the prohibition; there is nothing "
                       "to revoke.");
    if (alreadyRevoked)
        throw Conflict("not_revocable", "This contact prohibition has already been revoked.");
    if (ends <= now) throw Conflict("not_revocable", "This contact prohibition has already ended.");
}

double hoursLeft(TimePoint requestedAt, TimePoint now) {
    const std::chrono::duration<double, std::ratio<3600>> left =
        decisionDeadline(requestedAt) - now;
    return left.count();
}

std::string orderStateName(OrderState state) {
    switch (state) {
        case OrderState::Active:
            return "active";
        case OrderState::EndingSoon:
            return "ending_soon";
        case OrderState::Lapsed:
            return "lapsed";
        case OrderState::Revoked:
            return "revoked";
    }
    return "unknown";
}

OrderState orderState(TimePoint ends, bool revoked, TimePoint now) {
    if (revoked) return OrderState::Revoked;
    if (now >= ends) return OrderState::Lapsed;
    if (ends - now <= kEndingSoonWindow) return OrderState::EndingSoon;
    return OrderState::Active;
}

}  // namespace binhan::core::workflow
