#include "http/ErrorMapper.h"

namespace binhan::http {

int statusFor(core::ErrorKind kind) {
    switch (kind) {
        case core::ErrorKind::Invalid:
            return 400;
        case core::ErrorKind::Unauthorized:
            return 401;
        case core::ErrorKind::Forbidden:
            return 403;
        case core::ErrorKind::NotFound:
            return 404;
        case core::ErrorKind::Conflict:
            return 409;
        case core::ErrorKind::TooLarge:
            return 413;
        case core::ErrorKind::Unsupported:
            return 415;
        case core::ErrorKind::Locked:
            return 423;
        case core::ErrorKind::Throttled:
            return 429;
        case core::ErrorKind::Unavailable:
            return 503;
        case core::ErrorKind::Gone:
            return 410;
        case core::ErrorKind::Damaged:
            return 500;
    }
    return 500;
}

Response errorResponse(int status, const std::string& code, const std::string& message,
                       const std::string& field) {
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    error->set("code", code);
    error->set("message", message);
    if (!field.empty()) error->set("field", field);
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("error", error);
    return Response::json(status, body);
}

Response errorResponse(const core::Error& error) {
    return errorResponse(statusFor(error.kind()), error.code(), error.what(), error.field());
}

Response internalErrorResponse() {
    return errorResponse(500, "internal", "The server could not complete the request.");
}

}  // namespace binhan::http
