#include "service/NotificationDispatcher.h"

#include <spdlog/spdlog.h>

#include <Poco/Exception.h>

#include <typeinfo>

#include "core/Error.h"
#include "core/Policy.h"
#include "core/TimeFormat.h"
#include "core/notify/Notice.h"
#include "core/workflow/FollowUp.h"
#include "service/CaseAccessGuard.h"

namespace binhan::service {
namespace {

namespace notify = core::notify;

constexpr const char* kLease = "notify.dispatcher";
constexpr int kBatch = 50;
// A prohibition "ending" within this many hours is told to police and the chair (issue 22).
constexpr auto kEndingWindow = std::chrono::hours(6);
// Follow-ups overdue by more than this are not told: a new deployment floods nobody.
constexpr auto kOldestOverdue = std::chrono::hours(24 * 7);

std::string shortReason(const std::exception& e) {
    std::string what = e.what();
    if (const auto* poco = dynamic_cast<const Poco::Exception*>(&e)) what = poco->displayText();
    for (auto& c : what)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    if (what.size() > 300) what.resize(300);
    return what.empty() ? typeid(e).name() : what;
}

}  // namespace

NotificationDispatcher::NotificationDispatcher(
    store::NotificationRepository& notices, store::CaseRepository& cases, const core::Clock& clock,
    DispatcherSettings settings,
    std::map<std::string, std::shared_ptr<NotificationChannel>> channels)
    : notices_(notices),
      cases_(cases),
      clock_(clock),
      settings_(std::move(settings)),
      channels_(std::move(channels)) {}

NotificationDispatcher::~NotificationDispatcher() {
    stop();
}

void NotificationDispatcher::start() {
    // Two threads: the bell (routing, deadlines) never waits behind a slow mail relay.
    routing_ = std::thread([this] { loop([this] { routeRound(); }); });
    sending_ = std::thread([this] { loop([this] { sendRound(); }); });
}

void NotificationDispatcher::loop(const std::function<void()>& round) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            round();
        } catch (const std::exception& e) {  // the database away: try again next round
            spdlog::warn("notification round failed: {}", typeid(e).name());
        } catch (...) {
            spdlog::warn("notification round failed with an unknown exception");
        }
        lock.lock();
        wake_.wait_for(lock, std::chrono::milliseconds(settings_.pollMilliseconds),
                       [this] { return stopping_; });
    }
}

bool NotificationDispatcher::stopping() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopping_;
}

void NotificationDispatcher::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (routing_.joinable()) routing_.join();
    if (sending_.joinable()) sending_.join();
}

bool NotificationDispatcher::holdLease() {
    return notices_.holdLease(kLease, settings_.instance, unixSeconds(clock_.now()),
                              settings_.leaseSeconds);
}

bool NotificationDispatcher::runOnce() {
    if (!routeRound()) return false;
    sendRound();
    return true;
}

bool NotificationDispatcher::routeRound() {
    if (!holdLease()) return false;
    route();
    const auto now = clock_.now();
    const auto seconds = unixSeconds(now);
    if (seconds - lastScan_ >= settings_.scanSeconds) {
        lastScan_ = seconds;
        store::DeadlineWindow window;
        window.today = core::workflow::vietnamDate(now);
        window.oldestDue = core::workflow::vietnamDate(now - kOldestOverdue);
        window.now = core::formatRfc3339(now);
        window.endingBefore = core::formatRfc3339(now + kEndingWindow);
        window.lapsedSince = core::formatRfc3339(now - std::chrono::hours(24));
        if (notices_.queueDeadlines(window) > 0) route();
    }
    return true;
}

bool NotificationDispatcher::mayBeTold(std::int64_t userId, const std::string& roleName,
                                       const std::string& commune, std::int64_t caseId,
                                       const std::string& kind) const {
    const auto role = core::parseRole(roleName);
    if (!role) return false;
    core::Actor actor;
    actor.userId = userId;
    actor.role = *role;
    actor.commune = commune;
    try {
        const CaseAccessGuard guard(cases_, clock_);
        return notify::mayBeTold(kind, actor.role, guard.accessOf(actor, caseId));
    } catch (const core::Error&) {
        return false;  // erased since, or not of this commune: nobody is told
    }
}

void NotificationDispatcher::route() {
    for (const auto& notice : notices_.unrouted(kBatch)) {
        try {
            std::vector<store::NoticeCandidate> told;
            for (auto candidate : notices_.candidates(notice)) {
                if (!mayBeTold(candidate.userId, candidate.role, notice.commune, notice.caseId,
                               notice.kind))
                    continue;
                std::vector<std::string> channels;
                for (const auto& channel : candidate.channels)
                    if (channels_.count(channel)) channels.push_back(channel);
                candidate.channels = channels;
                told.push_back(candidate);
            }
            notices_.route(notice.id, told, core::formatRfc3339(clock_.now()),
                           unixSeconds(clock_.now()));
        } catch (const std::exception& e) {  // the next notices still go; this one next round
            spdlog::warn("notification {} could not be routed: {}", notice.id, typeid(e).name());
        }
    }
}

void NotificationDispatcher::sendRound() {
    for (const auto& delivery : notices_.dueDeliveries(unixSeconds(clock_.now()), kBatch)) {
        // The lease is renewed before each send, and the round ends when it is lost or the
        // server stops; the clock is read per delivery, so a claim is never born expired.
        if (stopping() || !holdLease()) return;
        const auto now = unixSeconds(clock_.now());
        const auto until = now + settings_.claimSeconds;
        if (!notices_.claim(delivery.id, now, until)) continue;
        sendOne(delivery, until);
    }
}

void NotificationDispatcher::sendOne(const store::NoticeDelivery& d, std::int64_t claimedUntil) {
    const auto at = core::formatRfc3339(clock_.now());
    // Who may see is checked again as it leaves: an officer recused, disabled, moved to another
    // commune or whose agency left the case since the notice was routed is not sent it.
    if (d.disabled || !mayBeTold(d.userId, d.role, d.commune, d.caseId, d.kind)) {
        notices_.recordAttempt(d.id, false, "the officer may no longer see the case", at, 0,
                               claimedUntil);
        return;
    }
    OutgoingNotice out;
    out.deliveryId = d.id;
    out.kind = d.kind;
    out.caseCode = d.caseCode;
    out.deadline = d.deadline;
    out.text = notify::noticeText(d.kind, d.caseCode, d.deadline, "vi");
    out.textEn = notify::noticeText(d.kind, d.caseCode, d.deadline, "en");
    out.link = notify::caseLink(settings_.baseUrl, d.caseId);
    out.username = d.username;
    out.email = d.email;
    out.phone = d.phone;
    const auto channel = channels_.find(d.channel);
    std::string error;
    try {
        if (channel == channels_.end()) throw std::runtime_error("the channel is not configured");
        channel->second->send(out);
    } catch (const std::exception& e) {
        error = shortReason(e);
    }
    const auto done = core::formatRfc3339(clock_.now());
    if (error.empty()) {
        notices_.recordAttempt(d.id, true, "", done, 0, claimedUntil);
        spdlog::info("notification delivery {} sent by {}", d.id, d.channel);
        return;
    }
    const int attempts = d.attempts + 1;
    const std::int64_t next =
        attempts >= notify::kMaxAttempts
            ? 0
            : unixSeconds(clock_.now()) +
                  notify::retryDelaySeconds(attempts, settings_.retryBaseSeconds);
    notices_.recordAttempt(d.id, false, error, done, next, claimedUntil);
    spdlog::warn("notification delivery {} by {} failed (attempt {}){}", d.id, d.channel, attempts,
                 next == 0 ? ", given up" : "");
}

}  // namespace binhan::service
