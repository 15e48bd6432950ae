#include "core/workflow/Protection.h"

#include "core/Error.h"

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
