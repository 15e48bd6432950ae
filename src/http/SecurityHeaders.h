#pragma once
// The headers every answer carries (DESIGN.md §3, ASVS 14.4): HSTS, no sniffing, a strict CSP
// with nothing inline, no framing, no referrer, same-origin opener. No Server header is sent.
#include <Poco/Net/HTTPServerResponse.h>

namespace binhan::http {

void applySecurityHeaders(Poco::Net::HTTPServerResponse& out);

}  // namespace binhan::http
