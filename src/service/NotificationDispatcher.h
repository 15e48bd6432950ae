#pragma once
// Sends what the outbox holds (issue 22), one dispatcher per deployment: every instance runs
// one, and only the holder of the database lease "notify.dispatcher" works, so two instances on
// one PostgreSQL database send each notice once (each delivery is also claimed before it is
// sent, in case a lease passes mid-send). Each round:
//   1. routes new notices: of the officers in the notice's audience, those whose relation to
//      the case is one core::Policy knows (relationOf: not None, not Recused) get it in the
//      bell, and a delivery per external channel they chose — who is told is who may see;
//   2. queues the deadlines that passed (follow-ups overdue, prohibitions ending or lapsed);
//   3. sends due deliveries through the channels, recording each attempt; a failure is retried
//      with back-off (core::notify::retryDelaySeconds) and, after the last, stays failed on the
//      admin's list.
// Routing and deadlines run on one thread, sending on another, so a slow relay never holds up
// the bell; stop() waits for the rounds in progress (each send is bounded by its timeouts).
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/Clock.h"
#include "store/CaseRepository.h"
#include "store/NotificationRepository.h"

namespace binhan::service {

// What a channel sends: the words and the link, and who it goes to. No case content.
struct OutgoingNotice {
    std::int64_t deliveryId = 0;
    std::string kind;
    std::string caseCode;
    std::string deadline;
    std::string text;    // Vietnamese
    std::string textEn;  // English
    std::string link;
    std::string username;
    std::string email;
    std::string phone;
};

// An external channel (e-mail, the webhook); send() throws std::exception with a short reason
// when the message was not accepted.
class NotificationChannel {
  public:
    virtual ~NotificationChannel() = default;
    virtual void send(const OutgoingNotice& notice) = 0;
};

struct DispatcherSettings {
    std::string instance;  // this instance's lease holder name
    std::int64_t pollMilliseconds = 2000;
    std::int64_t scanSeconds = 60;  // how often deadlines are looked for
    std::int64_t leaseSeconds = 30;
    std::int64_t retryBaseSeconds = 30;
    // A claimed delivery is this instance's for this long: longer than any send can take (each
    // step of a send times out), so a second instance never sends it meanwhile.
    std::int64_t claimSeconds = 180;
    std::string baseUrl;
};

class NotificationDispatcher {
  public:
    NotificationDispatcher(store::NotificationRepository& notices, store::CaseRepository& cases,
                           const core::Clock& clock, DispatcherSettings settings,
                           std::map<std::string, std::shared_ptr<NotificationChannel>> channels);
    ~NotificationDispatcher();

    void start();
    void stop();
    // One round of both threads' work. False when another instance holds the lease.
    bool runOnce();

  private:
    void loop(const std::function<void()>& round);
    bool stopping();
    bool holdLease();
    bool routeRound();
    void sendRound();
    void route();
    // core/notify's rule on the officer's relation to the case, as every read decides it.
    bool mayBeTold(std::int64_t userId, const std::string& role, const std::string& commune,
                   std::int64_t caseId, const std::string& kind) const;
    void sendOne(const store::NoticeDelivery& delivery, std::int64_t claimedUntil);

    store::NotificationRepository& notices_;
    store::CaseRepository& cases_;
    const core::Clock& clock_;
    DispatcherSettings settings_;
    std::map<std::string, std::shared_ptr<NotificationChannel>> channels_;
    std::int64_t lastScan_ = 0;  // the routing thread's

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;  // GUARDED_BY(mutex_)
    std::thread routing_;
    std::thread sending_;
};

}  // namespace binhan::service
