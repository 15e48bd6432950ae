#include "service/RetentionService.h"

#include <spdlog/spdlog.h>

#include <ctime>
#include <stdexcept>

#include "core/TimeFormat.h"
#include "store/AuditContext.h"

namespace binhan::service {

core::TimePoint yearsBefore(core::TimePoint now, int years) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    utc.tm_year -= years;
    const int year = utc.tm_year + 1900;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (utc.tm_mon == 1 && utc.tm_mday == 29 && !leap) utc.tm_mday = 28;
    const auto whole = std::chrono::system_clock::from_time_t(::timegm(&utc));
    return whole + (now - std::chrono::system_clock::from_time_t(seconds));
}

RetentionService::RetentionService(store::RetentionRepository& closed, ErasureService& erasure,
                                   const core::Clock& clock, RetentionSettings settings)
    : closed_(closed), erasure_(erasure), clock_(clock), settings_(settings) {
    if (settings_.yearsAfterClosure < 0)
        throw std::invalid_argument("retention.years_after_closure must not be negative");
}

RetentionService::~RetentionService() {
    stop();
}

RetentionRun RetentionService::run(const std::string& auditRole) {
    std::lock_guard<std::mutex> one(runMutex_);
    const auto cutoff = yearsBefore(clock_.now(), settings_.yearsAfterClosure);
    RetentionRun result{core::formatRfc3339(cutoff), 0};
    for (const auto& due : closed_.closedNoLaterThan(result.cutoff)) {
        const auto closedAt = core::parseRfc3339(due.closedAt);
        if (!closedAt || *closedAt > cutoff) continue;
        // The key is destroyed in the transaction that carries this entry (CaseRepository::erase).
        store::AuditContext audit;
        audit.role = auditRole;
        audit.action = "case.erase";
        audit.caseId = due.id;
        audit.detail = "reason: retention";
        store::AuditScope scope(&audit);
        if (erasure_.eraseNow(due.id, "retention")) ++result.erased;
    }
    if (result.erased > 0)
        spdlog::warn("retention: {} case(s) closed on or before {} erased", result.erased,
                     result.cutoff);
    return result;
}

void RetentionService::start() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void RetentionService::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void RetentionService::loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            run("system");
        } catch (const std::exception& e) {
            spdlog::error("retention run failed: {} (tried again at the next run)", e.what());
        }
        lock.lock();
        wake_.wait_for(lock, settings_.every, [this] { return stopping_; });
    }
}

}  // namespace binhan::service
