#pragma once
// The small typed error family of DESIGN.md §4. Service and core throw these for expected
// outcomes; src/http maps each kind to one HTTP status and the JSON error body in one place
// (http/ErrorMapper). Messages are for the user and must never hold personal data.
#include <stdexcept>
#include <string>

namespace binhan::core {

enum class ErrorKind {
    Invalid,       // 400: bad input; `field` names the offending field when there is one
    Unauthorized,  // 401: not signed in, or bad credentials
    Forbidden,     // 403: signed in but not allowed
    NotFound,      // 404: absent, or not visible to the caller (never 403 for a case)
    Conflict,      // 409: the record is in the wrong state for this action
    TooLarge,      // 413: body over the configured limit
    Unsupported,   // 415: a body of a media type the route does not take
    Locked,        // 423: account locked
    Throttled,     // 429: too many attempts
    Unavailable,   // 503: storage full or otherwise unable to serve right now
    Gone,          // 410: it existed and was removed (an attachment, issue 21)
    Damaged,       // 500: stored data failed its integrity check (never served partly)
};

class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, std::string code, const std::string& message, std::string field = {})
        : std::runtime_error(message),
          kind_(kind),
          code_(std::move(code)),
          field_(std::move(field)) {}

    ErrorKind kind() const { return kind_; }
    // Stable machine code, e.g. "invalid_field", "not_found".
    const std::string& code() const { return code_; }
    // Dotted path of the offending input field ("survivor.birth_year"), or empty.
    const std::string& field() const { return field_; }

  private:
    ErrorKind kind_;
    std::string code_;
    std::string field_;
};

inline Error Invalid(const std::string& field, const std::string& message) {
    return Error(ErrorKind::Invalid, "invalid", message, field);
}
inline Error Unauthorized(const std::string& message = "Not signed in") {
    return Error(ErrorKind::Unauthorized, "unauthorized", message);
}
inline Error Forbidden(const std::string& message = "Not allowed") {
    return Error(ErrorKind::Forbidden, "forbidden", message);
}
inline Error NotFound(const std::string& message = "Not found") {
    return Error(ErrorKind::NotFound, "not_found", message);
}
inline Error Conflict(const std::string& code, const std::string& message) {
    return Error(ErrorKind::Conflict, code, message);
}
inline Error UnsupportedMediaType(const std::string& message) {
    return Error(ErrorKind::Unsupported, "unsupported_media_type", message);
}
inline Error Unavailable(const std::string& message) {
    return Error(ErrorKind::Unavailable, "unavailable", message);
}

}  // namespace binhan::core
