#include "store/NotificationRepository.h"

#include "store/CaseRepository.h"
#include "store/Query.h"
#include "store/Sql.h"

namespace binhan::store {
namespace {

// A deadline notice is queued once: the key names the deadline's own row.
const char* kInsertNotice =
    "INSERT INTO notifications (kind, case_id, deadline, audience_roles, audience_user, "
    "created_at, dedup_key) ";

const char* kDeliveryColumns =
    "SELECT d.id, d.channel, d.attempts, n.kind, n.case_id, c.code, COALESCE(n.deadline, ''), "
    "u.id, u.username, COALESCE(u.notify_email, ''), COALESCE(u.notify_phone, ''), u.role, "
    "u.commune, u.disabled "
    "FROM notification_deliveries d JOIN notification_inbox i ON i.id = d.inbox_id "
    "JOIN notifications n ON n.id = i.notification_id JOIN cases c ON c.id = n.case_id "
    "JOIN users u ON u.id = i.user_id ";

}  // namespace

namespace shared {

void queueNotice(Poco::Data::Session& s, const NoticeRow& notice, const std::string& at) {
    Query(s, std::string(kInsertNotice) +
                 "VALUES (?, ?, NULLIF(?, ''), ?, COALESCE((SELECT author_id FROM events WHERE "
                 "id = ?), ?), ?, NULLIF(?, '')) ON CONFLICT DO NOTHING")
        .bind(notice.kind)
        .bind(notice.caseId)
        .bind(notice.deadline)
        .bind(joinList(notice.roles))
        .bind(notice.authorOfEvent)
        .bind(notice.userId)
        .bind(at)
        .bind(notice.dedupKey)
        .run();
}

}  // namespace shared

bool NotificationRepository::holdLease(const std::string& name, const std::string& holder,
                                       std::int64_t now, std::int64_t seconds) {
    bool held = false;
    db_.withWriter([&](Poco::Data::Session& s) {
        held = Query(s,
                     "INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT "
                     "(name) DO UPDATE SET holder = excluded.holder, expires_at = "
                     "excluded.expires_at WHERE leases.holder = excluded.holder OR "
                     "leases.expires_at < ?")
                   .bind(name)
                   .bind(holder)
                   .bind(now + seconds)
                   .bind(now)
                   .run() > 0;
    });
    return held;
}

std::vector<PendingNotice> NotificationRepository::unrouted(int limit) {
    std::vector<PendingNotice> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s,
                "SELECT n.id, n.kind, n.case_id, c.commune, n.audience_roles, n.audience_user "
                "FROM notifications n JOIN cases c ON c.id = n.case_id WHERE n.routed_at IS NULL "
                "ORDER BY n.id LIMIT ?");
        q.bind(limit);
        while (q.next()) {
            PendingNotice n;
            n.id = q.integer(0);
            n.kind = q.text(1);
            n.caseId = q.integer(2);
            n.commune = q.text(3);
            n.roles = splitList(q.text(4));
            n.userId = q.integer(5);
            out.push_back(std::move(n));
        }
    });
    return out;
}

std::vector<NoticeCandidate> NotificationRepository::candidates(const PendingNotice& notice) {
    std::vector<NoticeCandidate> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s,
                "SELECT u.id, u.role FROM users u WHERE u.commune = ? AND u.disabled = 0 AND "
                "(u.id = ? OR u.role IN (SELECT value FROM " +
                    listTable(s) + ")) ORDER BY u.id");
        q.bind(notice.commune).bind(notice.userId).bind(joinList(notice.roles));
        while (q.next()) out.push_back({q.integer(0), q.text(1), {}});
        for (auto& candidate : out) {
            Query c(s,
                    "SELECT n.channel FROM notification_choices n JOIN users u ON u.id = "
                    "n.user_id WHERE n.user_id = ? AND n.kind = ? AND (n.channel <> 'email' OR "
                    "COALESCE(u.notify_email, '') <> '') ORDER BY n.channel");
            c.bind(candidate.userId).bind(notice.kind);
            while (c.next()) candidate.channels.push_back(c.text(0));
        }
    });
    return out;
}

void NotificationRepository::route(std::int64_t noticeId,
                                   const std::vector<NoticeCandidate>& recipients,
                                   const std::string& at, std::int64_t now) {
    db_.withWriter([&](Poco::Data::Session& s) {
        for (const auto& r : recipients) {
            Query(s,
                  "INSERT INTO notification_inbox (notification_id, user_id) VALUES (?, ?) ON "
                  "CONFLICT DO NOTHING")
                .bind(noticeId)
                .bind(r.userId)
                .run();
            for (const auto& channel : r.channels)
                Query(s,
                      "INSERT INTO notification_deliveries (inbox_id, channel, next_attempt_at, "
                      "created_at) SELECT id, ?, ?, ? FROM notification_inbox WHERE "
                      "notification_id = ? AND user_id = ? ON CONFLICT DO NOTHING")
                    .bind(channel)
                    .bind(now)
                    .bind(at)
                    .bind(noticeId)
                    .bind(r.userId)
                    .run();
        }
        Query(s, "UPDATE notifications SET routed_at = ? WHERE id = ?")
            .bind(at)
            .bind(noticeId)
            .run();
    });
}

int NotificationRepository::queueDeadlines(const DeadlineWindow& w) {
    int queued = 0;
    db_.withWriter([&](Poco::Data::Session& s) {
        // A follow-up due before today, still open on a case that is not closed.
        queued += static_cast<int>(
            Query(s, std::string(kInsertNotice) +
                         "SELECT 'followup.overdue', e.case_id, e.due, e.author_role, 0, ?, "
                         "'overdue:' || e.id FROM events e JOIN cases c ON c.id = e.case_id "
                         "WHERE e.due IS NOT NULL AND e.due < ? AND e.due >= ? AND e.done_at IS "
                         "NULL AND e.voided_at IS NULL AND c.status <> 'closed' AND c.data_key "
                         "IS NOT NULL AND NOT EXISTS (SELECT 1 FROM notifications x WHERE "
                         "x.dedup_key = 'overdue:' || e.id) ON CONFLICT DO NOTHING")
                .bind(w.now)
                .bind(w.today)
                .bind(w.oldestDue)
                .run());
        // A granted contact prohibition (Law 13/2022 art. 25) ending within the window, and
        // one that has lapsed since `lapsedSince`, each told once.
        const char* decisions =
            " FROM protection_decisions d JOIN cases c ON c.id = d.case_id WHERE d.granted = 1 "
            "AND d.revoke_event IS NULL AND d.ends IS NOT NULL AND c.data_key IS NOT NULL AND ";
        queued += static_cast<int>(
            Query(s, std::string(kInsertNotice) +
                         "SELECT 'protection.ending', d.case_id, d.ends, 'police,leader', 0, ?, "
                         "'ending:' || d.event_id" +
                         decisions +
                         "d.ends > ? AND d.ends <= ? AND NOT EXISTS (SELECT 1 FROM notifications "
                         "x WHERE x.dedup_key = 'ending:' || d.event_id) ON CONFLICT DO NOTHING")
                .bind(w.now)
                .bind(w.now)
                .bind(w.endingBefore)
                .run());
        queued += static_cast<int>(
            Query(s, std::string(kInsertNotice) +
                         "SELECT 'protection.lapsed', d.case_id, d.ends, 'police,leader', 0, ?, "
                         "'lapsed:' || d.event_id" +
                         decisions +
                         "d.ends <= ? AND d.ends > ? AND NOT EXISTS (SELECT 1 FROM notifications "
                         "x WHERE x.dedup_key = 'lapsed:' || d.event_id) ON CONFLICT DO NOTHING")
                .bind(w.now)
                .bind(w.now)
                .bind(w.lapsedSince)
                .run());
    });
    return queued;
}

bool NotificationRepository::claim(std::int64_t deliveryId, std::int64_t now, std::int64_t until) {
    bool claimed = false;
    db_.withWriter([&](Poco::Data::Session& s) {
        claimed = Query(s,
                        "UPDATE notification_deliveries SET next_attempt_at = ? WHERE id = ? AND "
                        "state = 'pending' AND next_attempt_at <= ?")
                      .bind(until)
                      .bind(deliveryId)
                      .bind(now)
                      .run() > 0;
    });
    return claimed;
}

std::vector<NoticeDelivery> NotificationRepository::dueDeliveries(std::int64_t now, int limit) {
    std::vector<NoticeDelivery> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s, std::string(kDeliveryColumns) +
                       "WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND c.data_key IS "
                       "NOT NULL ORDER BY "
                       "d.next_attempt_at, d.id LIMIT ?");
        q.bind(now).bind(limit);
        while (q.next()) {
            NoticeDelivery d;
            d.id = q.integer(0);
            d.channel = q.text(1);
            d.attempts = static_cast<int>(q.integer(2));
            d.kind = q.text(3);
            d.caseId = q.integer(4);
            d.caseCode = q.text(5);
            d.deadline = q.text(6);
            d.userId = q.integer(7);
            d.username = q.text(8);
            d.email = q.text(9);
            d.phone = q.text(10);
            d.role = q.text(11);
            d.commune = q.text(12);
            d.disabled = q.flag(13);
            out.push_back(std::move(d));
        }
    });
    return out;
}

void NotificationRepository::recordAttempt(std::int64_t deliveryId, bool ok,
                                           const std::string& error, const std::string& at,
                                           std::int64_t nextAttemptAt, std::int64_t claimedUntil) {
    const std::string state = ok ? "sent" : (nextAttemptAt == 0 ? "failed" : "pending");
    db_.withWriter([&](Poco::Data::Session& s) {
        const bool ours = Query(s,
                                "UPDATE notification_deliveries SET attempts = attempts + 1, "
                                "state = ?, last_error = NULLIF(?, ''), next_attempt_at = ?, "
                                "sent_at = NULLIF(?, '') WHERE id = ? AND state = 'pending' AND "
                                "next_attempt_at = ?")
                              .bind(state)
                              .bind(error)
                              .bind(nextAttemptAt)
                              .bind(ok ? at : std::string())
                              .bind(deliveryId)
                              .bind(claimedUntil)
                              .run() > 0;
        if (!ours) return;
        Query(s,
              "INSERT INTO notification_attempts (delivery_id, at, ok, error) VALUES (?, ?, ?, "
              "NULLIF(?, ''))")
            .bind(deliveryId)
            .bind(at)
            .bind(ok)
            .bind(error)
            .run();
    });
}

std::vector<InboxRow> NotificationRepository::inbox(std::int64_t userId, int limit) {
    std::vector<InboxRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s,
                "SELECT i.id, n.kind, n.case_id, c.code, COALESCE(n.deadline, ''), n.created_at, "
                "COALESCE(i.read_at, '') FROM notification_inbox i JOIN notifications n ON n.id "
                "= i.notification_id JOIN cases c ON c.id = n.case_id JOIN users u ON u.id = "
                "i.user_id AND u.commune = c.commune WHERE i.user_id = ? AND c.data_key IS NOT "
                "NULL AND NOT EXISTS (SELECT 1 FROM recusals r WHERE r.case_id = c.id AND "
                "r.user_id = i.user_id) ORDER BY i.id DESC LIMIT ?");
        q.bind(userId).bind(limit);
        while (q.next()) {
            InboxRow r;
            r.id = q.integer(0);
            r.kind = q.text(1);
            r.caseId = q.integer(2);
            r.caseCode = q.text(3);
            r.deadline = q.text(4);
            r.createdAt = q.text(5);
            r.readAt = q.text(6);
            out.push_back(std::move(r));
        }
    });
    return out;
}

std::int64_t NotificationRepository::unreadCount(std::int64_t userId) {
    std::int64_t count = 0;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s,
                "SELECT COUNT(*) FROM notification_inbox i JOIN notifications n ON n.id = "
                "i.notification_id JOIN cases c ON c.id = n.case_id JOIN users u ON u.id = "
                "i.user_id AND u.commune = c.commune WHERE i.user_id = ? AND "
                "i.read_at IS NULL AND c.data_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                "recusals r WHERE r.case_id = c.id AND r.user_id = i.user_id)");
        q.bind(userId);
        if (q.next()) count = q.integer(0);
    });
    return count;
}

bool NotificationRepository::markRead(std::int64_t userId, std::int64_t inboxId,
                                      const std::string& at) {
    bool theirs = false;
    db_.withWriter([&](Poco::Data::Session& s) {
        Query(s,
              "UPDATE notification_inbox SET read_at = ? WHERE id = ? AND user_id = ? AND "
              "read_at IS NULL")
            .bind(at)
            .bind(inboxId)
            .bind(userId)
            .run();
        Query q(s, "SELECT 1 FROM notification_inbox WHERE id = ? AND user_id = ?");
        q.bind(inboxId).bind(userId);
        theirs = q.next();
    });
    return theirs;
}

NotifySettingsRow NotificationRepository::settings(std::int64_t userId) {
    NotifySettingsRow out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query u(s,
                "SELECT COALESCE(notify_email, ''), COALESCE(notify_phone, '') FROM users WHERE "
                "id = ?");
        u.bind(userId);
        if (u.next()) {
            out.email = u.text(0);
            out.phone = u.text(1);
        }
        Query c(s,
                "SELECT kind, channel FROM notification_choices WHERE user_id = ? ORDER BY kind, "
                "channel");
        c.bind(userId);
        while (c.next()) out.choices.emplace_back(c.text(0), c.text(1));
    });
    return out;
}

void NotificationRepository::saveSettings(std::int64_t userId, const NotifySettingsRow& settings) {
    db_.withWriter([&](Poco::Data::Session& s) {
        Query(s,
              "UPDATE users SET notify_email = NULLIF(?, ''), notify_phone = NULLIF(?, '') "
              "WHERE id = ?")
            .bind(settings.email)
            .bind(settings.phone)
            .bind(userId)
            .run();
        Query(s, "DELETE FROM notification_choices WHERE user_id = ?").bind(userId).run();
        for (const auto& [kind, channel] : settings.choices)
            Query(s,
                  "INSERT INTO notification_choices (user_id, kind, channel) VALUES (?, ?, ?) ON "
                  "CONFLICT DO NOTHING")
                .bind(userId)
                .bind(kind)
                .bind(channel)
                .run();
    });
}

std::vector<DeliveryStatusRow> NotificationRepository::troubled(int limit) {
    std::vector<DeliveryStatusRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s,
                "SELECT d.id, d.channel, n.kind, d.state, d.attempts, u.username, "
                "COALESCE(d.last_error, ''), d.created_at, d.next_attempt_at FROM "
                "notification_deliveries d JOIN notification_inbox i ON i.id = d.inbox_id JOIN "
                "notifications n ON n.id = i.notification_id JOIN users u ON u.id = i.user_id "
                "WHERE d.state = 'failed' OR (d.state = 'pending' AND d.attempts > 0) ORDER BY "
                "d.id DESC LIMIT ?");
        q.bind(limit);
        while (q.next()) {
            DeliveryStatusRow r;
            r.id = q.integer(0);
            r.channel = q.text(1);
            r.kind = q.text(2);
            r.state = q.text(3);
            r.attempts = static_cast<int>(q.integer(4));
            r.username = q.text(5);
            r.lastError = q.text(6);
            r.createdAt = q.text(7);
            r.nextAttemptAt = q.integer(8);
            out.push_back(std::move(r));
        }
    });
    return out;
}

}  // namespace binhan::store
