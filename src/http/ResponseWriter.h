#pragma once
// Writes a Response onto Poco's server response: status, the security headers of every answer
// (http/SecurityHeaders.h), Cache-Control no-store unless the response sets one, the body with
// its length. The one way an answer leaves the server, from the dispatcher and the connection.
#include <Poco/Net/HTTPServerResponse.h>

#include "http/Response.h"

namespace binhan::http {

void sendResponse(const Response& response, Poco::Net::HTTPServerResponse& out);

}  // namespace binhan::http
