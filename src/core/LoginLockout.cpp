#include "core/LoginLockout.h"

#include <algorithm>

namespace binhan::core {

bool isLocked(const LockoutState& state, std::int64_t now) {
    return now < state.lockedUntil;
}

std::int64_t lockSeconds(int lockouts) {
    const int doublings = std::min(lockouts, 6);  // 60 s × 2^6 > 3600 s: capped below
    return std::min<std::int64_t>(60LL << doublings, 3600);
}

LockoutState afterFailure(LockoutState state, std::int64_t now) {
    ++state.failures;
    if (state.failures >= kFailuresBeforeLock) {
        state.lockedUntil = now + lockSeconds(state.lockouts);
        ++state.lockouts;
        state.failures = 0;
    }
    return state;
}

}  // namespace binhan::core
