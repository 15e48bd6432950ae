// Black-box tests of identity (issue 3): sign-in, cookies and CSRF, bearer tokens, logout,
// users administration, TOTP enrolment, and what the log keeps of failed sign-ins.
#include <catch2/catch.hpp>

#include "api/TestServer.h"
#include "fixtures/people.h"

using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;
namespace fixtures = binhan::fixtures;

TEST_CASE("sign-in answers 201 with token, CSRF token, user and a strict cookie",
          "[api][identity]") {
    TestServer server;
    Reply r = server.request("POST", "/api/v1/session",
                             R"({"username":")" + fixtures::kAdminUser + R"(","password":")" +
                                 fixtures::kAdminPassword + R"("})");
    REQUIRE(r.status == 201);
    CHECK(r.body.find(R"("token":")") != std::string::npos);
    CHECK(r.body.find(R"("csrf_token":")") != std::string::npos);
    CHECK(r.body.find(R"("role":"admin")") != std::string::npos);
    CHECK(r.body.find(R"("expires_at":")") != std::string::npos);
    CHECK(r.body.find("argon2") == std::string::npos);
    const std::string cookie = r.header("Set-Cookie");
    CHECK(cookie.rfind("__Host-binhan=", 0) == 0);
    for (const char* attribute : {"Path=/", "Secure", "HttpOnly", "SameSite=Strict"})
        CHECK(cookie.find(attribute) != std::string::npos);
}

TEST_CASE("every bad credential gets the same 401 message", "[api][identity]") {
    TestServer server;
    Reply unknown =
        server.request("POST", "/api/v1/session",
                       R"({"username":"khong.co","password":"Mat-khau-thu-nghiem-2024"})");
    Reply wrong = server.request(
        "POST", "/api/v1/session",
        R"({"username":")" + fixtures::kAdminUser + R"(","password":"sai-mat-khau-roi"})");
    CHECK(unknown.status == 401);
    CHECK(wrong.status == 401);
    CHECK(unknown.body == wrong.body);
}

TEST_CASE("five failures lock the account (423), the log names no typed username or password",
          "[api][identity][lockout]") {
    TestServer server;
    for (int i = 0; i < 5; ++i)
        CHECK(server
                  .request("POST", "/api/v1/session",
                           R"({"username":")" + fixtures::kAdminUser +
                               R"(","password":"WRONGPASSMARK"})")
                  .status == 401);
    CHECK(
        server.request("POST", "/api/v1/session", R"({"username":"TYPEDNAMEMARK","password":"x"})")
            .status == 401);
    Reply locked = server.request("POST", "/api/v1/session",
                                  R"({"username":")" + fixtures::kAdminUser + R"(","password":")" +
                                      fixtures::kAdminPassword + R"("})");
    CHECK(locked.status == 423);
    const std::string log = server.logText();
    CHECK(log.find("sign-in failed") != std::string::npos);
    CHECK(log.find("account locked") != std::string::npos);
    CHECK(log.find("WRONGPASSMARK") == std::string::npos);
    CHECK(log.find("TYPEDNAMEMARK") == std::string::npos);
    CHECK(log.find(fixtures::kAdminPassword) == std::string::npos);
}

TEST_CASE("one address is throttled (429) after 20 failures in a minute",
          "[api][identity][throttle]") {
    TestServer server;
    for (int i = 0; i < 20; ++i)
        server.request("POST", "/api/v1/session",
                       R"({"username":"ten)" + std::to_string(i) + R"(","password":"x"})");
    CHECK(server
              .request("POST", "/api/v1/session",
                       R"({"username":")" + fixtures::kAdminUser + R"(","password":")" +
                           fixtures::kAdminPassword + R"("})")
              .status == 429);
}

TEST_CASE("bearer tokens work for scripts without a CSRF header", "[api][identity]") {
    TestServer server;
    Login admin = server.loginAdmin();
    Reply me = server.call(admin, "GET", "/api/v1/me");
    REQUIRE(me.status == 200);
    CHECK(me.body.find(R"("username":")" + fixtures::kAdminUser + "\"") != std::string::npos);
    CHECK(server
              .call(admin, "POST", "/api/v1/users",
                    R"({"username":"canbo.mot","password":"Mat-khau-can-bo-xa-01","role":"union"})")
              .status == 201);
    CHECK(server.get("/api/v1/me").status == 401);
    CHECK(
        server.request("GET", "/api/v1/me", "", {{"Authorization", "Bearer not-a-token"}}).status ==
        401);
}

TEST_CASE("ASVS 4.2.2: a cookie-authenticated unsafe request needs the CSRF header",
          "[api][identity][csrf]") {
    TestServer server;
    Login admin = server.loginAdmin();
    const std::string body =
        R"({"username":"canbo.hai","password":"Mat-khau-can-bo-xa-01","role":"police"})";
    CHECK(server.browserCall(admin, "GET", "/api/v1/me", "", "").status ==
          200);  // safe: no header needed
    Reply without = server.browserCall(admin, "POST", "/api/v1/users", body, "");
    CHECK(without.status == 403);
    CHECK(without.body.find(R"("code":"csrf")") != std::string::npos);
    CHECK(server.browserCall(admin, "POST", "/api/v1/users", body, "wrong-token").status == 403);
    CHECK(server.browserCall(admin, "POST", "/api/v1/users", body, admin.csrf).status == 201);
}

TEST_CASE("logout kills the token at once", "[api][identity]") {
    TestServer server;
    Login admin = server.loginAdmin();
    Reply out = server.call(admin, "DELETE", "/api/v1/session");
    CHECK(out.status == 204);
    CHECK(out.header("Set-Cookie").find("Max-Age=0") != std::string::npos);
    CHECK(server.call(admin, "GET", "/api/v1/me").status == 401);
}

TEST_CASE("users: create, list without hashes, patch, disable ends sessions, reset password",
          "[api][identity][users]") {
    TestServer server;
    Login admin = server.loginAdmin();
    Login hoa = server.addUser("canbo.hoa", "union");
    CHECK(server.call(hoa, "GET", "/api/v1/me").status == 200);

    Reply list = server.call(admin, "GET", "/api/v1/users");
    REQUIRE(list.status == 200);
    CHECK(list.body.find(R"("items":[)") != std::string::npos);
    CHECK(list.body.find("canbo.hoa") != std::string::npos);
    CHECK(list.body.find("argon2") == std::string::npos);
    CHECK(list.body.find("password") == std::string::npos);
    CHECK(list.body.find(R"("next_cursor":null)") != std::string::npos);

    const std::string path = "/api/v1/users/" + std::to_string(hoa.userId);
    Reply renamed =
        server.call(admin, "PATCH", path, R"j({"display_name":"Chị Hoa (Hội Phụ nữ)"})j");
    CHECK(renamed.status == 200);
    CHECK(renamed.body.find("Chị Hoa (Hội Phụ nữ)") != std::string::npos);
    CHECK(server.call(admin, "PATCH", path, R"({"colour":"red"})").status == 400);

    CHECK(server.call(admin, "PATCH", path, R"({"disabled":true})").status == 200);
    CHECK(server.call(hoa, "GET", "/api/v1/me").status == 401);  // at once
    CHECK_THROWS(server.login("canbo.hoa", fixtures::kUserPassword));
    CHECK(server.call(admin, "PATCH", path, R"({"disabled":false})").status == 200);
    CHECK(server.call(admin, "POST", path + "/password", R"({"password":"Mot-mat-khau-moi-2024"})")
              .status == 204);
    CHECK_NOTHROW(server.login("canbo.hoa", "Mot-mat-khau-moi-2024"));
    CHECK(server.call(admin, "PATCH", "/api/v1/users/99999", R"({"disabled":true})").status == 404);
}

TEST_CASE("weak passwords are refused with 400 naming the field", "[api][identity][users]") {
    TestServer server;
    Login admin = server.loginAdmin();
    for (const char* password : {"ngan", "password1234", "xx-canbo.ba-xx-xx"}) {
        Reply r =
            server.call(admin, "POST", "/api/v1/users",
                        std::string(R"({"username":"canbo.ba","role":"school","password":")") +
                            password + "\"}");
        CHECK(r.status == 400);
        CHECK(r.body.find(R"("field":"password")") != std::string::npos);
    }
}

TEST_CASE("non-admins cannot administer users", "[api][identity][users]") {
    TestServer server;
    Login police = server.addUser("canbo.cong.an", "police");
    CHECK(server.call(police, "GET", "/api/v1/users").status == 403);
    CHECK(server
              .call(police, "POST", "/api/v1/users",
                    R"({"username":"x1x","password":"Mat-khau-can-bo-xa-01","role":"admin"})")
              .status == 403);
}

TEST_CASE("TOTP enrolment returns an otpauth URI", "[api][identity][totp]") {
    TestServer server;
    Login admin = server.loginAdmin();
    Reply r = server.call(admin, "POST", "/api/v1/me/totp", "{}");
    REQUIRE(r.status == 201);
    CHECK(r.body.find(R"("otpauth_uri":"otpauth://totp/)") != std::string::npos);
    CHECK(server.call(admin, "POST", "/api/v1/me/totp", R"({"code":"000000"})").status == 400);
}

TEST_CASE("with TOTP required, an admin without one may only enrol", "[api][identity][totp]") {
    TestServer server({"auth.totp_enabled=true"});
    Login admin = server.loginAdmin();
    Reply users = server.call(admin, "GET", "/api/v1/users");
    CHECK(users.status == 403);
    CHECK(users.body.find("totp_enrolment_required") != std::string::npos);
    CHECK(server.call(admin, "GET", "/api/v1/me").status == 200);
    CHECK(server.call(admin, "POST", "/api/v1/me/totp", "{}").status == 201);
}

TEST_CASE("binhan user add, disable and reset work from the console", "[api][identity][cli]") {
    TestServer server;
    auto run = [&](std::vector<std::string> args) {
        auto all = server.baseArgs();
        all.insert(all.begin(), args.begin(), args.end());
        return binhan::testing::runBinhan(all);
    };
    auto [added, text] = run(
        {"user", "add", "canbo.tu", "--role", "justice", "--password", "Mat-khau-can-bo-xa-01"});
    CHECK(added == 0);
    CHECK(text.find("created user 'canbo.tu'") != std::string::npos);
    Login tu = server.login("canbo.tu", "Mat-khau-can-bo-xa-01");
    CHECK(tu.role == "justice");
    CHECK(run({"user", "disable", "canbo.tu"}).first == 0);
    CHECK(server.call(tu, "GET", "/api/v1/me").status == 401);
    CHECK(run({"user", "reset", "canbo.tu", "--password", "Mat-khau-moi-cua-tu-1"}).first == 0);
    CHECK_NOTHROW(server.login("canbo.tu", "Mat-khau-moi-cua-tu-1"));
    CHECK(run({"user", "add", "canbo.nam", "--role", "police", "--password", "ngan"}).first != 0);
    CHECK(run({"user", "disable", "khong.co.ai"}).first != 0);
}
