#pragma once
// Lock-out after repeated failed sign-ins (ASVS 2.2.1): after 5 failures in a row an account
// name is locked, first for 1 minute, then 2, 4, 8 … up to 60 minutes for each further lock.
// A success clears it. Applied to unknown names exactly like to real ones, so a lock-out tells
// an attacker nothing about which names exist. Pure.
#include <cstdint>

namespace binhan::core {

struct LockoutState {
    int failures = 0;              // failures since the last success or lock
    int lockouts = 0;              // locks so far (grows the delay)
    std::int64_t lockedUntil = 0;  // Unix seconds; 0 = not locked
};

constexpr int kFailuresBeforeLock = 5;
constexpr int kAddressFailuresPerMinute = 20;  // then 429 for that address

bool isLocked(const LockoutState& state, std::int64_t now);
// The state after one more failure at `now`.
LockoutState afterFailure(LockoutState state, std::int64_t now);
// Seconds the next lock will last for an account with `lockouts` locks before it.
std::int64_t lockSeconds(int lockouts);

}  // namespace binhan::core
