#pragma once
// A real identity stack on a temporary SQLite database with a manual clock, for service tests.
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "app/Runtime.h"
#include "app/TotpSealer.h"
#include "core/Clock.h"
#include "core/TimeFormat.h"
#include "crypto/SecureRandom.h"
#include "service/IdentityService.h"
#include "service/UserService.h"
#include "store/Migrator.h"

namespace binhan::testing {

struct IdentityFixture {
    std::string path;
    core::ManualClock clock{*core::parseRfc3339("2024-05-01T08:00:00Z")};
    crypto::KeyRing ring;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<store::UserRepository> users;
    std::unique_ptr<store::SessionRepository> sessions;
    std::unique_ptr<store::LoginThrottleRepository> throttle;
    crypto::PasswordHasher hasher{crypto::PasswordHasher::Cost{1, 1024 * 1024}};  // fast for tests
    core::PasswordPolicy policy = app::shippedPasswordPolicy();
    std::unique_ptr<service::HashingQueue> hashing;
    std::unique_ptr<app::TotpSealer> sealer;
    std::unique_ptr<service::IdentityService> identity;
    std::unique_ptr<service::UserService> userService;

    explicit IdentityFixture(service::IdentitySettings settings = {}) {
        static int counter = 0;
        path = (std::filesystem::temp_directory_path() /
                ("binhan-identity-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) +
                 ".db"))
                   .string();
        crypto::initialiseCrypto();
        ring = crypto::newKeyRing();
        db = std::make_unique<store::Database>(store::DatabaseSettings{path, 2, 1000});
        store::Migrator(store::embeddedSchemaFiles()).migrate(*db);
        users = std::make_unique<store::UserRepository>(*db);
        sessions = std::make_unique<store::SessionRepository>(*db);
        throttle = std::make_unique<store::LoginThrottleRepository>(*db);
        hashing = std::make_unique<service::HashingQueue>(hasher, 1, 64);
        sealer = std::make_unique<app::TotpSealer>(ring);
        identity = std::make_unique<service::IdentityService>(*users, *sessions, *throttle,
                                                              *hashing, *sealer, clock, settings);
        userService = std::make_unique<service::UserService>(
            *users, *hashing, policy, clock,
            core::CommuneSettings{"HP", "Xã Hòa Phong", "HY", "Tỉnh Hưng Yên"});
    }
    ~IdentityFixture() {
        identity.reset();
        db.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }

    std::int64_t addUser(const std::string& name, const std::string& role,
                         const std::string& password = "mat-khau-thu-nghiem") {
        return userService->create({name, password, role, ""}).id;
    }
    service::LoginResult login(const std::string& name,
                               const std::string& password = "mat-khau-thu-nghiem",
                               const std::string& totp = "",
                               const std::string& address = "10.0.0.1") {
        return identity->login({name, password, totp, address, ""});
    }
};

// The ErrorKind a call throws, or nullopt.
template <typename F>
std::optional<core::ErrorKind> errorKindOf(F&& call) {
    try {
        call();
    } catch (const core::Error& e) {
        return e.kind();
    }
    return std::nullopt;
}

}  // namespace binhan::testing
