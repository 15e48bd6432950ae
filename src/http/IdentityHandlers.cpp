#include "http/IdentityHandlers.h"

#include "core/Policy.h"

#include "core/TimeFormat.h"
#include "http/Json.h"

namespace binhan::http {

const char* const kSessionCookie = "__Host-binhan";

namespace {

Poco::JSON::Object::Ptr userJson(const core::Actor& actor) {
    auto user = newObject();
    user->set("id", actor.userId);
    user->set("username", actor.username);
    user->set("role", core::roleName(actor.role));
    user->set("display_name", actor.displayName);
    user->set("commune", actor.commune);
    // The actions the role has in core/Policy (issue 16): the browser's navigation follows
    // these instead of a role list of its own.
    Poco::JSON::Array::Ptr allowed = new Poco::JSON::Array;
    for (auto action : core::allActions())
        if (core::roleMay(actor.role, action)) allowed->add(core::actionName(action));
    user->set("allowed_actions", allowed);
    return user;
}

std::string cookieValue(const std::string& header, const std::string& name) {
    std::size_t pos = 0;
    while (pos < header.size()) {
        while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
        const std::size_t end = header.find(';', pos);
        const std::string pair =
            header.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        const std::size_t eq = pair.find('=');
        if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    return "";
}

}  // namespace

std::string presentedToken(const Request& request, bool& viaCookie) {
    viaCookie = false;
    if (auto auth = request.header("authorization")) {
        if (auth->rfind("Bearer ", 0) == 0) return auth->substr(7);
        return "";
    }
    if (auto cookie = request.header("cookie")) {
        std::string token = cookieValue(*cookie, kSessionCookie);
        viaCookie = !token.empty();
        return token;
    }
    return "";
}

Handler loginHandler(service::IdentityService& identity) {
    return [&identity](Request& request) {
        auto body = parseBody(request);
        rejectUnknownKeys(*body, {"username", "password", "totp"});
        service::LoginRequest login;
        login.username = requireString(*body, "username");
        login.password = requireString(*body, "password");
        login.totp = optionalString(*body, "totp").value_or("");
        login.address = request.clientAddress;
        bool viaCookie = false;
        login.replacedToken = presentedToken(request, viaCookie);
        const auto result = identity.login(login);

        auto answer = newObject();
        answer->set("token", result.token);
        answer->set("csrf_token", result.csrfToken);
        answer->set("user", userJson(result.actor));
        answer->set("expires_at", core::formatRfc3339(result.expiresAt));
        answer->set("totp_enrolment_required", result.actor.limited);
        Response response = Response::json(201, *answer);
        response.headers.emplace_back("Set-Cookie",
                                      std::string(kSessionCookie) + "=" + result.token +
                                          "; Path=/; Secure; HttpOnly; SameSite=Strict");
        return response;
    };
}

Handler meHandler(service::UserService& users) {
    return [&users](Request& request) {
        auto user = userJson(request.signedIn());
        user->set("totp_enrolment_required", request.signedIn().limited);
        // The body a paper is issued by (issue 19), so no browser keeps it.
        user->set("commune_name", users.communeName(request.signedIn().commune));
        return Response::json(200, *user);
    };
}

Handler logoutHandler(service::IdentityService& identity) {
    return [&identity](Request& request) {
        if (auto session = identity.resolve(request.token)) identity.logout(*session);
        Response response = Response::noContent();
        response.headers.emplace_back(
            "Set-Cookie", std::string(kSessionCookie) +
                              "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
        return response;
    };
}

Handler totpHandler(service::IdentityService& identity) {
    return [&identity](Request& request) {
        auto body = parseBody(request);
        rejectUnknownKeys(*body, {"code"});
        if (auto code = optionalString(*body, "code")) {
            identity.confirmTotp(request.signedIn(), *code);
            auto answer = newObject();
            answer->set("confirmed", true);
            return Response::json(200, *answer);
        }
        auto answer = newObject();
        answer->set("otpauth_uri", identity.enrolTotp(request.signedIn()));
        return Response::json(201, *answer);
    };
}

}  // namespace binhan::http
