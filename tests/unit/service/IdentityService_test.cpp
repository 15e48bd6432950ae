#include "service/IdentityService.h"

#include <catch2/catch.hpp>

#include "core/Error.h"
#include "crypto/Totp.h"
#include "unit/service/IdentityFixture.h"

using namespace binhan;
using binhan::testing::errorKindOf;
using binhan::testing::IdentityFixture;
using core::ErrorKind;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {
std::string messageOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const core::Error& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("a signed-in user's token resolves to them until logout", "[service][identity]") {
    IdentityFixture f;
    const auto id = f.addUser("canbo.hoa", "union");
    const auto result = f.login("canbo.hoa");
    CHECK(result.token.size() >= 43);  // 256 bits, base64url
    auto session = f.identity->resolve(result.token);
    REQUIRE(session);
    CHECK(session->actor.userId == id);
    CHECK(session->actor.role == core::Role::Union);
    CHECK(f.identity->csrfMatches(*session, result.csrfToken));
    CHECK_FALSE(f.identity->csrfMatches(*session, result.token));
    CHECK_FALSE(f.identity->csrfMatches(*session, ""));
    f.identity->logout(*session);
    CHECK_FALSE(f.identity->resolve(result.token));
}

TEST_CASE("ASVS 2.2.1: unknown user and wrong password fail alike, both costing a hash",
          "[service][identity]") {
    IdentityFixture f;
    f.addUser("canbo.hoa", "union");
    const auto before = f.hashing->verifications();
    const auto unknown = messageOf([&] { f.login("khong.ton.tai"); });
    const auto wrong = messageOf([&] { f.login("canbo.hoa", "sai-mat-khau-roi"); });
    CHECK(f.hashing->verifications() - before == 2);  // no early return for the unknown name
    CHECK_FALSE(unknown.empty());
    CHECK(unknown == wrong);
    CHECK(errorKindOf([&] { f.login("khong.ton.tai"); }) == ErrorKind::Unauthorized);
}

TEST_CASE("ASVS 2.2.1: five failures lock an account, with a growing delay",
          "[service][identity][lockout]") {
    IdentityFixture f;
    f.addUser("canbo.nam", "police");
    for (int i = 0; i < 5; ++i)
        CHECK(errorKindOf([&] { f.login("canbo.nam", "sai-mat-khau-roi"); }) ==
              ErrorKind::Unauthorized);
    // Locked now, even with the right password.
    CHECK(errorKindOf([&] { f.login("canbo.nam"); }) == ErrorKind::Locked);
    f.clock.advance(seconds(61));
    CHECK_NOTHROW(f.login("canbo.nam"));  // first lock: one minute; success clears the count
    for (int i = 0; i < 5; ++i) CHECK_THROWS(f.login("canbo.nam", "sai-mat-khau-roi"));
    f.clock.advance(seconds(61));
    CHECK_NOTHROW(f.login("canbo.nam"));  // the lock history was cleared by the success
}

TEST_CASE("repeated locks last longer each time", "[service][identity][lockout]") {
    IdentityFixture f;
    f.addUser("canbo.nam", "police");
    for (int i = 0; i < 5; ++i) CHECK_THROWS(f.login("canbo.nam", "sai-mat-khau-roi"));
    f.clock.advance(seconds(61));
    for (int i = 0; i < 5; ++i) CHECK_THROWS(f.login("canbo.nam", "sai-mat-khau-roi"));
    f.clock.advance(seconds(61));
    CHECK(errorKindOf([&] { f.login("canbo.nam"); }) == ErrorKind::Locked);  // second lock: 2 min
    f.clock.advance(seconds(60));
    CHECK_NOTHROW(f.login("canbo.nam"));
}

TEST_CASE("unknown names lock exactly like real ones", "[service][identity][lockout]") {
    IdentityFixture f;
    for (int i = 0; i < 5; ++i)
        CHECK(errorKindOf([&] { f.login("ai.do", "sai-mat-khau-roi"); }) ==
              ErrorKind::Unauthorized);
    CHECK(errorKindOf([&] { f.login("ai.do"); }) == ErrorKind::Locked);
}

TEST_CASE("one address is throttled after 20 failures a minute", "[service][identity][throttle]") {
    IdentityFixture f;
    f.addUser("canbo.hoa", "union");
    for (int i = 0; i < 20; ++i)  // different names, so no account lock interferes
        CHECK(errorKindOf([&] { f.login("ten" + std::to_string(i), "x", "", "10.9.9.9"); }) ==
              ErrorKind::Unauthorized);
    CHECK(errorKindOf([&] { f.login("canbo.hoa", "mat-khau-thu-nghiem", "", "10.9.9.9"); }) ==
          ErrorKind::Throttled);
    CHECK_NOTHROW(
        f.login("canbo.hoa", "mat-khau-thu-nghiem", "", "10.0.0.2"));  // others unaffected
    f.clock.advance(seconds(61));
    CHECK_NOTHROW(f.login("canbo.hoa", "mat-khau-thu-nghiem", "", "10.9.9.9"));
}

TEST_CASE("ASVS 3.3.2: a session ends after 15 idle minutes", "[service][identity][session]") {
    IdentityFixture f;
    f.addUser("canbo.hoa", "union");
    const auto token = f.login("canbo.hoa").token;
    f.clock.advance(minutes(14));
    CHECK(f.identity->resolve(token));  // activity refreshes the idle clock
    f.clock.advance(minutes(14));
    CHECK(f.identity->resolve(token));
    f.clock.advance(minutes(15));
    CHECK_FALSE(f.identity->resolve(token));
}

TEST_CASE("ASVS 3.3.1: a session ends 8 hours after sign-in however active",
          "[service][identity][session]") {
    IdentityFixture f;
    f.addUser("canbo.hoa", "union");
    const auto token = f.login("canbo.hoa").token;
    for (int i = 0; i < 47; ++i) {  // 47 × 10 min = 7 h 50 min
        f.clock.advance(minutes(10));
        REQUIRE(f.identity->resolve(token));
    }
    f.clock.advance(minutes(10));
    CHECK_FALSE(f.identity->resolve(token));
}

TEST_CASE("ASVS 3.2.1: signing in again rotates the token", "[service][identity][session]") {
    IdentityFixture f;
    f.addUser("canbo.hoa", "union");
    const auto first = f.login("canbo.hoa").token;
    const auto second =
        f.identity->login({"canbo.hoa", "mat-khau-thu-nghiem", "", "10.0.0.1", first});
    CHECK(second.token != first);
    CHECK_FALSE(f.identity->resolve(first));
    CHECK(f.identity->resolve(second.token));
}

TEST_CASE("disabling a user or setting their password ends their sessions",
          "[service][identity][session]") {
    IdentityFixture f;
    f.addUser("quantri", "admin");
    const auto id = f.addUser("canbo.hoa", "union");
    const auto token = f.login("canbo.hoa").token;
    store::UserChanges disable;
    disable.disabled = true;
    f.userService->update(id, disable);
    CHECK_FALSE(f.identity->resolve(token));
    CHECK(errorKindOf([&] { f.login("canbo.hoa"); }) == ErrorKind::Unauthorized);
    store::UserChanges enable;
    enable.disabled = false;
    f.userService->update(id, enable);
    const auto again = f.login("canbo.hoa").token;
    f.userService->setPassword(id, "mot-mat-khau-moi-hon");
    CHECK_FALSE(f.identity->resolve(again));
    CHECK_NOTHROW(f.login("canbo.hoa", "mot-mat-khau-moi-hon"));
}

TEST_CASE("the last enabled admin cannot be disabled or demoted", "[service][users]") {
    IdentityFixture f;
    const auto admin = f.addUser("quantri", "admin");
    store::UserChanges disable;
    disable.disabled = true;
    CHECK(errorKindOf([&] { f.userService->update(admin, disable); }) == ErrorKind::Conflict);
    store::UserChanges demote;
    demote.role = core::Role::Police;
    CHECK(errorKindOf([&] { f.userService->update(admin, demote); }) == ErrorKind::Conflict);
    CHECK_FALSE(f.userService->get(admin).disabled);
}

TEST_CASE("weak passwords and bad usernames are refused naming the field", "[service][users]") {
    IdentityFixture f;
    const auto field = [&](const service::NewUserRequest& r) {
        try {
            f.userService->create(r);
        } catch (const core::Error& e) {
            return e.field();
        }
        return std::string();
    };
    CHECK(field({"canbo.hoa", "ngan-qua", "union", ""}) == "password");
    CHECK(field({"canbo.hoa", "password1234", "union", ""}) == "password");        // common
    CHECK(field({"canbo.hoa", "xx-canbo.hoa-xx-xx", "union", ""}) == "password");  // has username
    CHECK(field({"Canbo Hoa", "mat-khau-thu-nghiem", "union", ""}) == "username");
    CHECK(field({"canbo.hoa", "mat-khau-thu-nghiem", "chief", ""}) == "role");
    CHECK(field({"canbo.hoa", "mat-khau-thu-nghiem", "union", ""}).empty());
}

TEST_CASE("RFC 6238: TOTP enrolled and confirmed is then required, and codes are single-use",
          "[service][identity][totp]") {
    IdentityFixture f;
    f.addUser("chu.tich", "leader");
    auto session = f.identity->resolve(f.login("chu.tich").token);
    REQUIRE(session);
    const std::string uri = f.identity->enrolTotp(session->actor);
    REQUIRE(uri.rfind("otpauth://totp/", 0) == 0);
    const auto secretText = uri.substr(uri.find("secret=") + 7, 32);
    const auto user = f.users->findByUsername("chu.tich");
    const auto secret = f.sealer->unseal(user->id, user->totpSecret);

    CHECK(errorKindOf([&] { f.identity->confirmTotp(session->actor, "000000"); }) ==
          ErrorKind::Invalid);
    const auto code = crypto::Totp::codeAt(secret, f.clock.now());
    f.identity->confirmTotp(session->actor, code);
    // Now required: no code, or the code just used, is refused with the generic message.
    CHECK(errorKindOf([&] { f.login("chu.tich"); }) == ErrorKind::Unauthorized);
    CHECK(errorKindOf([&] { f.login("chu.tich", "mat-khau-thu-nghiem", code); }) ==
          ErrorKind::Unauthorized);
    f.clock.advance(seconds(30));
    const auto next = crypto::Totp::codeAt(secret, f.clock.now());
    CHECK_NOTHROW(f.login("chu.tich", "mat-khau-thu-nghiem", next));
    CHECK(errorKindOf([&] { f.login("chu.tich", "mat-khau-thu-nghiem", next); }) ==
          ErrorKind::Unauthorized);
    CHECK_FALSE(secretText.empty());
}

TEST_CASE("roles that must use TOTP get a limited session until they enrol",
          "[service][identity][totp]") {
    service::IdentitySettings settings;
    settings.totpEnabled = true;
    IdentityFixture f(settings);
    f.addUser("chu.tich", "leader");
    f.addUser("canbo.hoa", "union");
    CHECK(f.login("chu.tich").actor.limited);
    CHECK_FALSE(f.login("canbo.hoa").actor.limited);
    const auto token = f.login("chu.tich").token;
    auto session = f.identity->resolve(token);
    f.identity->enrolTotp(session->actor);
    const auto user = f.users->findByUsername("chu.tich");
    f.identity->confirmTotp(
        session->actor,
        crypto::Totp::codeAt(f.sealer->unseal(user->id, user->totpSecret), f.clock.now()));
    CHECK_FALSE(f.identity->resolve(token)->actor.limited);
}

TEST_CASE("users join a known commune, the province takes statistics roles only",
          "[service][users][communes]") {
    IdentityFixture f;  // commune HP, province HY
    const auto field = [&](const std::string& role, const std::string& commune) {
        try {
            f.userService->create({"canbo.moi", "mat-khau-thu-nghiem", role, "", commune});
        } catch (const core::Error& e) {
            return e.field();
        }
        return std::string("created");
    };
    CHECK(field("union", "TL") == "commune");  // not added yet
    f.userService->addCommune({"TL", "Xã Tân Lập"});
    CHECK(errorKindOf([&] {
              f.userService->addCommune({"TL", "Xã Khác"});
          }) == ErrorKind::Conflict);
    CHECK(errorKindOf([&] { f.userService->addCommune({"HY", "Tỉnh"}); }) == ErrorKind::Conflict);
    CHECK(field("police", "HY") == "role");
    CHECK(field("leader", "HY") == "role");
    CHECK(field("oversight", "HY") == "created");
    CHECK(f.userService->findByUsername("canbo.moi")->commune == "HY");
    const auto tl = f.userService->create({"canbo.tl", "mat-khau-thu-nghiem", "union", "", "TL"});
    CHECK(tl.commune == "TL");
    CHECK(f.userService->create({"canbo.hp", "mat-khau-thu-nghiem", "union", ""}).commune == "HP");
    // The province's row exists now (users.commune references it) but is not a commune.
    std::vector<std::string> codes;
    for (const auto& c : f.userService->communes()) codes.push_back(c.code);
    CHECK(codes == std::vector<std::string>{"HP", "TL"});
    f.addUser("quantri.hp", "admin");  // a role change needs an enabled admin left
    store::UserChanges toPolice;
    toPolice.role = core::Role::Police;
    const auto provinceUser = f.userService->findByUsername("canbo.moi")->id;
    CHECK(errorKindOf([&] { f.userService->update(provinceUser, toPolice); }) ==
          ErrorKind::Invalid);
    CHECK(f.userService->update(tl.id, toPolice).role == core::Role::Police);
}
