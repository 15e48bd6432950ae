#pragma once
// The notification outbox and its deliveries (schema/015_notifications.sql, issue 22). SQL
// only: which kinds exist and who may be told is core's (core/notify, core/Policy), decided by
// service/NotificationDispatcher. A notice is queued inside the transaction of the event that
// causes it (queueNotice, called by the other repositories), so an event and its notice are
// committed together or not at all. Thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Database.h"

namespace binhan::store {

// A notice to queue: no identity, no narrative.
struct NoticeRow {
    std::string kind;
    std::int64_t caseId = 0;
    std::string deadline;            // RFC 3339 or YYYY-MM-DD; "" none
    std::vector<std::string> roles;  // the roles told, in the case's commune
    std::int64_t userId = 0;         // or this officer
    std::int64_t authorOfEvent = 0;  // or the officer who recorded this event
    std::string dedupKey;            // "" none; a second notice with the key is dropped
};

// A queued notice the dispatcher has not routed yet.
struct PendingNotice {
    std::int64_t id = 0;
    std::string kind;
    std::int64_t caseId = 0;
    std::string commune;
    std::vector<std::string> roles;
    std::int64_t userId = 0;
};

// A candidate recipient: an enabled officer of the case's commune in the audience.
struct NoticeCandidate {
    std::int64_t userId = 0;
    std::string role;
    std::vector<std::string> channels;  // the external channels chosen for the notice's kind
};

// A notification in an officer's list.
struct InboxRow {
    std::int64_t id = 0;
    std::string kind;
    std::int64_t caseId = 0;
    std::string caseCode;
    std::string deadline;
    std::string createdAt;
    std::string readAt;
};

// A delivery due to be sent, with what the channel needs.
struct NoticeDelivery {
    std::int64_t id = 0;
    std::string channel;
    int attempts = 0;
    std::string kind;
    std::int64_t caseId = 0;
    std::string caseCode;
    std::string deadline;
    std::int64_t userId = 0;
    std::string username;
    std::string email;
    std::string phone;
    std::string role;  // the officer as now: the send checks she may still see the case
    std::string commune;
    bool disabled = false;
};

// A delivery as the admin sees it: no case, only who, which channel and what went wrong.
struct DeliveryStatusRow {
    std::int64_t id = 0;
    std::string channel;
    std::string kind;
    std::string state;
    int attempts = 0;
    std::string username;
    std::string lastError;
    std::string createdAt;
    std::int64_t nextAttemptAt = 0;
};

// What counts as a deadline passing now. Texts compare as stored (RFC 3339 UTC, dates).
struct DeadlineWindow {
    std::string today;         // YYYY-MM-DD in Vietnam: a follow-up due before it is overdue
    std::string oldestDue;     // only follow-ups due on or after this (no flood of old dates)
    std::string now;           // RFC 3339
    std::string endingBefore;  // a prohibition ending after now and by this is "ending"
    std::string lapsedSince;   // one that ended after this and by now has "lapsed"
};

struct NotifySettingsRow {
    std::string email;
    std::string phone;
    std::vector<std::pair<std::string, std::string>> choices;  // kind, channel
};

namespace shared {
// Queues `notice` in the caller's write transaction; `at` is its creation time.
void queueNotice(Poco::Data::Session& s, const NoticeRow& notice, const std::string& at);
}  // namespace shared

class NotificationRepository {
  public:
    explicit NotificationRepository(Database& db) : db_(db) {}

    // --- the dispatcher ---
    // Takes or keeps the lease `name` for `holder` until now + seconds; false when another
    // holder's lease is still running.
    bool holdLease(const std::string& name, const std::string& holder, std::int64_t now,
                   std::int64_t seconds);
    std::vector<PendingNotice> unrouted(int limit);
    // The enabled officers of `notice`'s commune in its audience, with their chosen channels.
    std::vector<NoticeCandidate> candidates(const PendingNotice& notice);
    // Gives the notice to `recipients` (the bell) and plans their external deliveries, in one
    // transaction; the notice is routed from then on.
    void route(std::int64_t noticeId, const std::vector<NoticeCandidate>& recipients,
               const std::string& at, std::int64_t now);
    // Deadlines passing (issue 22), each queued once (its dedup key); returns how many were.
    int queueDeadlines(const DeadlineWindow& window);
    // Claims a due delivery for this sender until `until` (so a second instance that takes the
    // lease over mid-send does not send it again); false when another has it.
    bool claim(std::int64_t deliveryId, std::int64_t now, std::int64_t until);
    std::vector<NoticeDelivery> dueDeliveries(std::int64_t now, int limit);
    // Records one attempt of the claim that ends at `claimedUntil`: sent, or failed with
    // `error` and retried at `nextAttemptAt` (0: not again, failed for good). Nothing is written
    // when the claim is no longer this sender's (another took the delivery over).
    void recordAttempt(std::int64_t deliveryId, bool ok, const std::string& error,
                       const std::string& at, std::int64_t nextAttemptAt,
                       std::int64_t claimedUntil);

    // --- an officer's bell ---
    std::vector<InboxRow> inbox(std::int64_t userId, int limit);
    std::int64_t unreadCount(std::int64_t userId);
    // Marks the officer's notification read; false when it is not theirs.
    bool markRead(std::int64_t userId, std::int64_t inboxId, const std::string& at);

    // --- settings and the admin's view ---
    NotifySettingsRow settings(std::int64_t userId);
    void saveSettings(std::int64_t userId, const NotifySettingsRow& settings);
    // Deliveries not sent (pending after a failure, or failed), newest first.
    std::vector<DeliveryStatusRow> troubled(int limit);

  private:
    Database& db_;
};

}  // namespace binhan::store
