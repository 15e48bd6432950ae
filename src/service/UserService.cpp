#include "service/UserService.h"

#include <spdlog/spdlog.h>

#include "core/Error.h"
#include "core/TimeFormat.h"
#include "core/Username.h"

namespace binhan::service {

core::Role UserService::parseRoleField(const std::string& role) {
    const auto parsed = core::parseRole(role);
    if (!parsed)
        throw core::Invalid("role",
                            "Role must be one of police, justice, union, school, social, "
                            "leader, oversight, admin.");
    return *parsed;
}

void UserService::checkDisplayName(const std::string& name) {
    if (name.empty() || name.size() > 200)
        throw core::Invalid("display_name", "The display name must have 1 to 200 characters.");
}

UserView UserService::view(const store::UserRecord& r) {
    return UserView{r.id,       r.username,      r.displayName, r.role,
                    r.disabled, r.totpConfirmed, r.createdAt,   r.updatedAt};
}

UserView UserService::create(const NewUserRequest& request) {
    core::checkUsername(request.username);
    const core::Role role = parseRoleField(request.role);
    const std::string displayName =
        request.displayName.empty() ? request.username : request.displayName;
    checkDisplayName(displayName);
    policy_.check(request.username, request.password);
    store::NewUser user{commune_,
                        request.username,
                        displayName,
                        role,
                        hashing_.hash(request.password),
                        core::formatRfc3339(clock_.now())};
    const auto id = users_.insert(user, communeName_);
    spdlog::info("user {} created with role {}", id, core::roleName(role));
    return get(id);
}

std::vector<UserView> UserService::list(std::int64_t afterId, int limit) {
    std::vector<UserView> out;
    for (const auto& record : users_.list(afterId, limit)) out.push_back(view(record));
    return out;
}

UserView UserService::get(std::int64_t id) {
    const auto record = users_.findById(id);
    if (!record) throw core::NotFound("No such user.");
    return view(*record);
}

std::optional<UserView> UserService::findByUsername(const std::string& username) {
    const auto record = users_.findByUsername(username);
    if (!record) return std::nullopt;
    return view(*record);
}

UserView UserService::update(std::int64_t id, const store::UserChanges& changes) {
    if (changes.displayName) checkDisplayName(*changes.displayName);
    if (!users_.update(id, changes, core::formatRfc3339(clock_.now())))
        throw core::NotFound("No such user.");
    if (changes.disabled)
        spdlog::info("user {} {}", id, *changes.disabled ? "disabled" : "enabled");
    if (changes.role) spdlog::info("user {} role changed to {}", id, core::roleName(*changes.role));
    return get(id);
}

void UserService::setPassword(std::int64_t id, const std::string& password) {
    const auto user = get(id);
    policy_.check(user.username, password);
    if (!users_.setPassword(id, hashing_.hash(password), core::formatRfc3339(clock_.now())))
        throw core::NotFound("No such user.");
    spdlog::info("user {} password set; sessions ended", id);
}

}  // namespace binhan::service
