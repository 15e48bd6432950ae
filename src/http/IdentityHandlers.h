#pragma once
// Handlers of API.md "Session": sign in, who am I, sign out, enrol a second factor.
#include "http/Route.h"
#include "service/IdentityService.h"
#include "service/UserService.h"

namespace binhan::http {

// The session cookie: __Host- prefix, Secure, HttpOnly, SameSite=Strict, Path=/ (ASVS 3.4).
extern const char* const kSessionCookie;

Handler loginHandler(service::IdentityService& identity);
Handler meHandler(service::UserService& users);
Handler logoutHandler(service::IdentityService& identity);
Handler totpHandler(service::IdentityService& identity);

// The token in "Authorization: Bearer …", else in the session cookie; sets viaCookie.
std::string presentedToken(const Request& request, bool& viaCookie);

}  // namespace binhan::http
