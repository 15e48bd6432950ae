#pragma once
// Notifications (issue 22; API.md "Additions"): the bell's list, marking one read, the
// account's address and choices, the admin's list of failed sends, and the live count as
// Server-Sent Events (text/event-stream). A stream does not keep its session alive: it
// re-checks the session without refreshing it, and ends when the session does, so an open tab
// still signs out after the idle time.
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>

#include "http/Route.h"
#include "service/IdentityService.h"
#include "service/NotificationService.h"

namespace binhan::http {

// The open event streams: at most `maxTotal`, each a connection thread for up to `seconds`
// (the browser's EventSource reconnects by itself). An officer has at most `maxPerUser`: a new
// one ends her oldest, so a page reloaded (whose old stream the server only finds gone at its
// next write) is never refused.
class NotificationStreams {
  public:
    NotificationStreams(int maxTotal, int maxPerUser, int seconds)
        : maxTotal_(maxTotal), maxPerUser_(maxPerUser), seconds_(seconds) {}
    // Ends every stream within a poll (the server is stopping).
    void closeAll();
    int seconds() const { return seconds_; }
    // A ticket for one more stream of `userId`, or 0 when the server holds as many as it may.
    std::uint64_t open(std::int64_t userId);
    void close(std::uint64_t ticket);
    // Whether the stream should end now: the server stops, or a newer stream took its place.
    bool ended(std::uint64_t ticket);
    // Waits up to `ms`, or until the stream should end.
    void pause(std::uint64_t ticket, int ms);

  private:
    struct Stream {
        std::int64_t user = 0;
        bool replaced = false;
    };
    const int maxTotal_, maxPerUser_, seconds_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::uint64_t, Stream> streams_;  // GUARDED_BY(mutex_); by ticket, oldest first
    std::uint64_t nextTicket_ = 1;             // GUARDED_BY(mutex_)
    std::atomic<bool> closing_{false};
};

Handler listNotificationsHandler(service::NotificationService& notifications);
Handler readNotificationHandler(service::NotificationService& notifications);
Handler notificationSettingsHandler(service::NotificationService& notifications);
Handler saveNotificationSettingsHandler(service::NotificationService& notifications);
Handler notificationDeliveriesHandler(service::NotificationService& notifications);
Handler notificationStreamHandler(service::NotificationService& notifications,
                                  service::IdentityService& identity, NotificationStreams& streams);

}  // namespace binhan::http
