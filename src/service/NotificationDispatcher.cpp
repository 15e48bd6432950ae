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
// A claimed delivery is this instance's for this long (a send times out well before).
constexpr std::int64_t kClaimSeconds = 120;
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
    thread_ = std::thread([this] {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            try {
                runOnce();
            } catch (const std::exception& e) {  // the database away: try again next round
                spdlog::warn("notification round failed: {}", typeid(e).name());
            }
            lock.lock();
            wake_.wait_for(lock, std::chrono::milliseconds(settings_.pollMilliseconds),
                           [this] { return stopping_; });
        }
    });
}

void NotificationDispatcher::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool NotificationDispatcher::runOnce() {
    const auto now = clock_.now();
    const auto seconds = unixSeconds(now);
    if (!notices_.holdLease(kLease, settings_.instance, seconds, settings_.leaseSeconds))
        return false;
    route();
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
    send();
    return true;
}

void NotificationDispatcher::route() {
    const CaseAccessGuard guard(cases_, clock_);
    const auto at = core::formatRfc3339(clock_.now());
    const auto now = unixSeconds(clock_.now());
    for (const auto& notice : notices_.unrouted(kBatch)) {
        std::vector<store::NoticeCandidate> told;
        for (auto candidate : notices_.candidates(notice)) {
            const auto role = core::parseRole(candidate.role);
            if (!role) continue;
            core::Actor actor;
            actor.userId = candidate.userId;
            actor.role = *role;
            actor.commune = notice.commune;
            core::CaseAccess access;
            try {
                access = guard.accessOf(actor, notice.caseId);
            } catch (const core::Error&) {
                continue;  // erased since: nobody is told
            }
            const auto relation = core::relationOf(actor.role, access);
            if (relation == core::Relation::None || relation == core::Relation::Recused) continue;
            std::vector<std::string> channels;
            for (const auto& channel : candidate.channels)
                if (channels_.count(channel)) channels.push_back(channel);
            candidate.channels = channels;
            told.push_back(candidate);
        }
        notices_.route(notice.id, told, at, now);
    }
}

void NotificationDispatcher::send() {
    const auto now = unixSeconds(clock_.now());
    for (const auto& delivery : notices_.dueDeliveries(now, kBatch)) {
        if (!notices_.claim(delivery.id, now, now + kClaimSeconds)) continue;
        sendOne(delivery, now);
    }
}

void NotificationDispatcher::sendOne(const store::NoticeDelivery& d, std::int64_t now) {
    OutgoingNotice out;
    out.deliveryId = d.id;
    out.kind = d.kind;
    out.caseCode = d.caseCode;
    out.deadline = d.deadline;
    out.text = notify::noticeText(d.kind, d.caseCode, d.deadline, "vi");
    out.textEn = notify::noticeText(d.kind, d.caseCode, d.deadline, "en");
    out.link = settings_.baseUrl + "/#/cases/" + std::to_string(d.caseId);
    out.username = d.username;
    out.email = d.email;
    out.phone = d.phone;
    const auto at = core::formatRfc3339(clock_.now());
    const auto channel = channels_.find(d.channel);
    std::string error;
    try {
        if (channel == channels_.end()) throw std::runtime_error("the channel is not configured");
        channel->second->send(out);
    } catch (const std::exception& e) {
        error = shortReason(e);
    }
    if (error.empty()) {
        notices_.recordAttempt(d.id, true, "", at, 0);
        spdlog::info("notification delivery {} sent by {}", d.id, d.channel);
        return;
    }
    const int attempts = d.attempts + 1;
    const std::int64_t next =
        attempts >= notify::kMaxAttempts
            ? 0
            : now + notify::retryDelaySeconds(attempts, settings_.retryBaseSeconds);
    notices_.recordAttempt(d.id, false, error, at, next);
    spdlog::warn("notification delivery {} by {} failed (attempt {}){}", d.id, d.channel, attempts,
                 next == 0 ? ", given up" : "");
}

}  // namespace binhan::service
