#pragma once
// Time as an injected dependency (STYLE.md, "From LevelDB"): production code asks a Clock, tests
// hand in a ManualClock and move it, so timeouts, lock-outs and deadlines are tested without sleeps.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace binhan::core {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

// The real wall clock. Thread-safe.
class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start) : micros_(toMicros(start)) {}
    TimePoint now() const override { return TimePoint(std::chrono::microseconds(micros_.load())); }
    void advance(std::chrono::microseconds by) { micros_ += by.count(); }
    void set(TimePoint t) { micros_ = toMicros(t); }

private:
    static std::int64_t toMicros(TimePoint t) {
        return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
    }
    std::atomic<std::int64_t> micros_;
};

}  // namespace binhan::core
