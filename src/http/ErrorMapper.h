#pragma once
// The one place that turns errors into HTTP answers (API.md "Conventions"):
// {"error": {"code": "...", "message": "...", "field"?: "..."}}.
#include <string>

#include "core/Error.h"
#include "http/Response.h"

namespace binhan::http {

int statusFor(core::ErrorKind kind);
Response errorResponse(int status, const std::string& code, const std::string& message,
                       const std::string& field = {});
Response errorResponse(const core::Error& error);
// 500 with no internals in the body.
Response internalErrorResponse();

}  // namespace binhan::http
