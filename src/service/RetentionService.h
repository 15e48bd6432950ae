#pragma once
// Retention (DESIGN.md §2, issue 9): a case closed more than `yearsAfterClosure` calendar years
// ago is erased by destroying its key (crypto-shredding, through ErasureService: the ledger
// first, then the key), and the audit log records each erasure (action case.erase, detail
// "reason: retention"). Open, active and reopened cases are never touched; the statistics
// columns stay. run() does it once (the `binhan retention run` command); start() runs it on a
// thread now and then every `every` until stop(), which returns promptly (SIGTERM).
// Thread-safe: run() may be called while the thread runs (runs are serialised).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/Clock.h"
#include "service/ErasureService.h"
#include "store/RetentionRepository.h"

namespace binhan::service {

struct RetentionSettings {
    int yearsAfterClosure = 5;
    std::chrono::seconds every{24 * 3600};
};

struct RetentionRun {
    std::string cutoff;  // cases closed at or before this time were due
    int erased = 0;
};

class RetentionService {
  public:
    // Throws std::invalid_argument when yearsAfterClosure is negative.
    RetentionService(store::RetentionRepository& closed, ErasureService& erasure,
                     const core::Clock& clock, RetentionSettings settings);
    ~RetentionService();

    // Erases every case due now; `auditRole` names who ran it in the audit log ("system" for
    // the daily job, "console" by hand). Throws what the ledger or the database throws; cases
    // erased before the throw stay erased.
    RetentionRun run(const std::string& auditRole);
    void start();
    void stop();

  private:
    void loop();

    store::RetentionRepository& closed_;
    ErasureService& erasure_;
    const core::Clock& clock_;
    RetentionSettings settings_;
    std::mutex runMutex_;  // one run at a time
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;  // GUARDED_BY(mutex_)
    std::thread thread_;
};

// The time `years` calendar years before `now` (UTC; 29 February becomes 28 February).
core::TimePoint yearsBefore(core::TimePoint now, int years);

}  // namespace binhan::service
