#include "http/NotificationHandlers.h"

#include <chrono>
#include <memory>

#include "core/Error.h"
#include "http/CaseHandlers.h"
#include "http/Json.h"

namespace binhan::http {
namespace {

constexpr int kPollMilliseconds = 1000;
constexpr int kSessionCheckSeconds = 5;
constexpr int kKeepAliveSeconds = 15;

void writeEvent(std::ostream& out, std::int64_t unread) {
    out << "event: unread\ndata: {\"unread\":" << unread << "}\n\n";
    out.flush();
    if (!out) throw std::runtime_error("the client went away");
}

// The stream's body: the unread count now and whenever it changes, a comment now and then so
// proxies keep the line open, until the time is up, the session ends or the server stops.
void streamUnread(std::ostream& out, service::NotificationService& notifications,
                  service::IdentityService& identity, NotificationStreams& streams,
                  std::uint64_t ticket, const core::Actor& actor, const std::string& token) {
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    auto lastCheck = started, lastWrite = started;
    out << "retry: 3000\n\n";
    std::int64_t shown = notifications.unread(actor);
    writeEvent(out, shown);
    while (!streams.ended(ticket) &&
           Clock::now() - started < std::chrono::seconds(streams.seconds())) {
        streams.pause(ticket, kPollMilliseconds);
        if (streams.ended(ticket)) break;
        const auto now = Clock::now();
        if (now - lastCheck >= std::chrono::seconds(kSessionCheckSeconds)) {
            lastCheck = now;
            if (!identity.resolve(token, false)) break;  // signed out or timed out: end
        }
        const auto unread = notifications.unread(actor);
        if (unread != shown) {
            shown = unread;
            writeEvent(out, shown);
            lastWrite = now;
        } else if (now - lastWrite >= std::chrono::seconds(kKeepAliveSeconds)) {
            out << ": keep-alive\n\n";
            out.flush();
            if (!out) break;
            lastWrite = now;
        }
    }
}

}  // namespace

void NotificationStreams::closeAll() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        closing_ = true;
    }
    wake_.notify_all();
}

std::uint64_t NotificationStreams::open(std::int64_t userId) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closing_) return 0;
    int own = 0, live = 0;
    for (const auto& [ticket, stream] : streams_) {
        if (stream.replaced) continue;
        ++live;
        if (stream.user == userId) ++own;
    }
    if (own >= maxPerUser_) {
        for (auto& [ticket, stream] : streams_)  // the oldest of hers gives way
            if (stream.user == userId && !stream.replaced) {
                stream.replaced = true;
                --live;
                break;
            }
    }
    if (live >= maxTotal_) return 0;
    const std::uint64_t ticket = nextTicket_++;
    streams_[ticket] = Stream{userId, false};
    wake_.notify_all();  // a replaced stream ends at once
    return ticket;
}

void NotificationStreams::close(std::uint64_t ticket) {
    std::lock_guard<std::mutex> lock(mutex_);
    streams_.erase(ticket);
}

bool NotificationStreams::ended(std::uint64_t ticket) {
    if (closing_) return true;
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = streams_.find(ticket);
    return found == streams_.end() || found->second.replaced;
}

void NotificationStreams::pause(std::uint64_t ticket, int ms) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(ms), [this, ticket] {
        const auto found = streams_.find(ticket);
        return closing_.load() || found == streams_.end() || found->second.replaced;
    });
}

Handler listNotificationsHandler(service::NotificationService& notifications) {
    return [&notifications](Request& request) {
        return Response::json(200, *notifications.list(request.signedIn(), pageOf(request).limit));
    };
}

Handler readNotificationHandler(service::NotificationService& notifications) {
    return [&notifications](Request& request) {
        notifications.markRead(request.signedIn(), pathId(request, "id", "No such notification."));
        return Response::noContent();
    };
}

Handler notificationSettingsHandler(service::NotificationService& notifications) {
    return [&notifications](Request& request) {
        return Response::json(200, *notifications.settings(request.signedIn()));
    };
}

Handler saveNotificationSettingsHandler(service::NotificationService& notifications) {
    return [&notifications](Request& request) {
        const auto body = parseBody(request);
        rejectUnknownKeys(*body, {"email", "phone", "kinds"});
        return Response::json(200, *notifications.saveSettings(request.signedIn(), *body));
    };
}

Handler notificationDeliveriesHandler(service::NotificationService& notifications) {
    return [&notifications](Request& request) {
        return Response::json(200,
                              *notifications.troubled(request.signedIn(), pageOf(request).limit));
    };
}

Handler notificationStreamHandler(service::NotificationService& notifications,
                                  service::IdentityService& identity,
                                  NotificationStreams& streams) {
    return [&notifications, &identity, &streams](Request& request) {
        const core::Actor actor = request.signedIn();
        const std::uint64_t ticket = streams.open(actor.userId);
        if (ticket == 0)
            throw core::Error(core::ErrorKind::Throttled, "too_many_streams",
                              "The server holds as many notification streams as it may; the "
                              "count will come at the next try.");
        Response out;
        out.contentType = "text/event-stream; charset=utf-8";
        out.openEnded = true;
        out.headers.emplace_back("X-Accel-Buffering", "no");  // a proxy must not hold events
        const std::string token = request.token;
        // The place is given back when the answer is done with, whether or not its body was
        // ever written (the head may fail to go out).
        const std::shared_ptr<void> place(nullptr,
                                          [&streams, ticket](void*) { streams.close(ticket); });
        out.writer = [&notifications, &identity, &streams, ticket, actor, token,
                      place](std::ostream& body) {
            streamUnread(body, notifications, identity, streams, ticket, actor, token);
        };
        return out;
    };
}

}  // namespace binhan::http
