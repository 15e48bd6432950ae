#pragma once
// Helpers shared by the workflow rule tests: run a rule, keep the typed error it throws.
#include <functional>
#include <optional>
#include <string>

#include "core/Error.h"

namespace binhan::core::workflow::test {

// The core::Error thrown by `rule`, or nullopt when it returns normally. Any other exception
// propagates (and fails the test).
inline std::optional<Error> errorOf(const std::function<void()>& rule) {
    try {
        rule();
    } catch (const Error& e) {
        return e;
    }
    return std::nullopt;
}

inline std::string kindName(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Invalid:
            return "invalid";
        case ErrorKind::Unauthorized:
            return "unauthorized";
        case ErrorKind::Forbidden:
            return "forbidden";
        case ErrorKind::NotFound:
            return "not_found";
        case ErrorKind::Conflict:
            return "conflict";
        case ErrorKind::TooLarge:
            return "too_large";
        case ErrorKind::Locked:
            return "locked";
        case ErrorKind::Throttled:
            return "throttled";
        case ErrorKind::Unavailable:
            return "unavailable";
        case ErrorKind::Unsupported:
            return "unsupported";
        case ErrorKind::Gone:
            return "gone";
        case ErrorKind::Damaged:
            return "damaged";
    }
    return "?";
}

// "conflict/stage_transition", "invalid/invalid@details.summary", "ok": one comparable string
// per outcome, so a failing CHECK prints what actually happened.
inline std::string outcome(const std::function<void()>& rule) {
    const auto error = errorOf(rule);
    if (!error) return "ok";
    std::string out = kindName(error->kind()) + "/" + error->code();
    if (!error->field().empty()) out += "@" + error->field();
    return out;
}

}  // namespace binhan::core::workflow::test
