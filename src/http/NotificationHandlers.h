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

// The open event streams: at most `maxTotal`, and `maxPerUser` per officer, each a connection
// thread for up to `seconds` (the browser's EventSource reconnects by itself).
class NotificationStreams {
  public:
    NotificationStreams(int maxTotal, int maxPerUser, int seconds)
        : maxTotal_(maxTotal), maxPerUser_(maxPerUser), seconds_(seconds) {}
    // Ends every stream within a poll (the server is stopping).
    void closeAll();
    bool closing() const { return closing_; }
    int seconds() const { return seconds_; }
    // A place for one more stream of `userId`, or false.
    bool open(std::int64_t userId);
    void close(std::int64_t userId);
    // Waits up to `ms` or until closeAll.
    void pause(int ms);

  private:
    const int maxTotal_, maxPerUser_, seconds_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::int64_t, int> perUser_;  // GUARDED_BY(mutex_)
    int total_ = 0;                        // GUARDED_BY(mutex_)
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
