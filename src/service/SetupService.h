#pragma once
// First-run set-up used by `binhan init`: the first administrator. Safe to call again: when any
// user exists it changes nothing and says so.
#include <string>

#include "core/Clock.h"
#include "core/PasswordPolicy.h"
#include "crypto/PasswordHasher.h"
#include "store/UserRepository.h"

namespace binhan::service {

struct FirstAdmin {
    std::string commune;      // commune code, e.g. "HP"
    std::string communeName;  // e.g. "Xã Hòa Phong"
    std::string username;
    std::string password;
    std::string displayName;
};

class SetupService {
public:
    SetupService(store::UserRepository& users, const crypto::PasswordHasher& hasher,
                 const core::PasswordPolicy& policy, const core::Clock& clock)
        : users_(users), hasher_(hasher), policy_(policy), clock_(clock) {}

    // True when there is no user yet (the first admin is still to be made).
    bool needsFirstAdmin();
    // Creates the admin when no user exists; returns false (and changes nothing) otherwise.
    // Throws core::Error(Invalid) for a bad username or a weak password.
    bool createFirstAdmin(const FirstAdmin& admin);

private:
    store::UserRepository& users_;
    const crypto::PasswordHasher& hasher_;
    const core::PasswordPolicy& policy_;
    const core::Clock& clock_;
};

}  // namespace binhan::service
