#include "service/SetupService.h"

#include "core/Error.h"
#include "core/TimeFormat.h"
#include "core/Username.h"

namespace binhan::service {

bool SetupService::needsFirstAdmin() { return users_.count() == 0; }

bool SetupService::createFirstAdmin(const FirstAdmin& admin) {
    if (!needsFirstAdmin()) return false;
    core::checkUsername(admin.username);
    policy_.check(admin.username, admin.password);
    store::NewUser user;
    user.commune = admin.commune;
    user.username = admin.username;
    user.displayName = admin.displayName.empty() ? admin.username : admin.displayName;
    user.role = core::Role::Admin;
    user.passwordHash = hasher_.hash(admin.password);
    user.createdAt = core::formatRfc3339(clock_.now());
    users_.insert(user, admin.communeName);
    return true;
}

}  // namespace binhan::service
