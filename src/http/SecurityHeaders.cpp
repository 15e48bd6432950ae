#include "http/SecurityHeaders.h"

namespace binhan::http {

void applySecurityHeaders(Poco::Net::HTTPServerResponse& out) {
    out.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    out.set("X-Content-Type-Options", "nosniff");
    out.set("Content-Security-Policy",
            // blob: for images and frames only: the case page shows an evidence file it fetched
            // with the session (issue 21); no other origin, no script from a blob.
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            "frame-src blob:; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    out.set("Cross-Origin-Opener-Policy", "same-origin");
    out.set("Cross-Origin-Resource-Policy", "same-origin");
    out.set("Referrer-Policy", "no-referrer");
    out.set("X-Frame-Options", "DENY");
    out.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

}  // namespace binhan::http
