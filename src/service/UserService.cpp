#include "service/UserService.h"

#include <Poco/String.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "core/CaseValidation.h"
#include "core/Error.h"
#include "core/TextFold.h"
#include "core/TimeFormat.h"
#include "core/Username.h"
#include "core/workflow/Text.h"

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
    return UserView{r.id,       r.username,      r.displayName, r.role,     r.commune,
                    r.disabled, r.totpConfirmed, r.createdAt,   r.updatedAt};
}

// Law: from July 2025 local government has two levels, province and commune; the province
// compiles the communes' reports (DESIGN.md "Reporting"), so its users are statistics roles.
std::string UserService::communeNameFor(const std::string& code, core::Role role) {
    core::checkCommuneCode(code);
    if (communes_.isProvince(code)) {
        core::checkRoleAtProvince(role);
        return communes_.provinceName.empty() ? code : communes_.provinceName;
    }
    if (code == communes_.code) return communes_.name;
    const auto found = users_.findCommune(code);
    if (!found)
        throw core::Invalid("commune", "No commune has the code '" + code +
                                           "'; an administrator adds it first (POST "
                                           "/api/v1/communes).");
    return found->name;
}

UserView UserService::create(const NewUserRequest& request) {
    core::checkUsername(request.username);
    const core::Role role = parseRoleField(request.role);
    const std::string displayName =
        request.displayName.empty() ? request.username : request.displayName;
    checkDisplayName(displayName);
    const std::string commune = request.commune.empty() ? communes_.code : request.commune;
    const std::string communeName = communeNameFor(commune, role);
    policy_.check(request.username, request.password);
    store::NewUser user{commune,
                        request.username,
                        displayName,
                        role,
                        hashing_.hash(request.password),
                        core::formatRfc3339(clock_.now())};
    const auto id = users_.insert(user, communeName);  // adds the province's row when absent
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
    const auto current = get(id);
    if (changes.commune) {  // a known commune, and a role the province level may hold
        communeNameFor(*changes.commune, changes.role.value_or(current.role));
    } else if (changes.role && communes_.isProvince(current.commune)) {
        core::checkRoleAtProvince(*changes.role);
    }
    if (!users_.update(id, changes, core::formatRfc3339(clock_.now())))
        throw core::NotFound("No such user.");
    if (changes.disabled)
        spdlog::info("user {} {}", id, *changes.disabled ? "disabled" : "enabled");
    if (changes.role) spdlog::info("user {} role changed to {}", id, core::roleName(*changes.role));
    if (changes.commune)
        spdlog::info("user {} moved to commune {}; sessions ended", id, *changes.commune);
    return get(id);
}

void UserService::setPassword(std::int64_t id, const std::string& password) {
    const auto user = get(id);
    policy_.check(user.username, password);
    if (!users_.setPassword(id, hashing_.hash(password), core::formatRfc3339(clock_.now())))
        throw core::NotFound("No such user.");
    spdlog::info("user {} password set; sessions ended", id);
}

std::vector<UserView> UserService::auditActors(const core::Actor& reader) {
    // As AuditService::list: the province level reads every commune's audit.
    const bool everyone = reader.role == core::Role::Admin || communes_.isProvince(reader.commune);
    std::vector<UserView> out;
    constexpr int kBatch = 500;
    for (std::int64_t after = 0;;) {
        const auto batch = list(after, kBatch);
        for (const auto& user : batch)
            if (everyone || user.commune == reader.commune) out.push_back(user);
        if (static_cast<int>(batch.size()) < kBatch) return out;
        after = batch.back().id;
    }
}

void UserService::changeOwnPassword(const core::Actor& actor, const std::string& current,
                                    const std::string& password) {
    const auto user = users_.findById(actor.userId);
    if (!user || user->disabled) throw core::NotFound("No such user.");
    if (current == password)
        throw core::Invalid("password", "Choose a password other than the current one.");
    policy_.check(user->username, password);
    if (!users_.setPassword(actor.userId, hashing_.hash(password),
                            core::formatRfc3339(clock_.now()), actor.sessionId))
        throw core::NotFound("No such user.");
    spdlog::info("user {} changed their password; other sessions ended", actor.userId);
}

std::vector<store::CommuneRecord> UserService::communes() {
    std::vector<store::CommuneRecord> out;
    bool own = false;
    for (auto& commune : users_.communes()) {
        if (communes_.isProvince(commune.code)) continue;
        own = own || commune.code == communes_.code;
        out.push_back(std::move(commune));
    }
    if (!own) out.insert(out.begin(), {communes_.code, communes_.name});  // before its first user
    return out;
}

store::CommuneRecord UserService::addCommune(const store::CommuneRecord& commune) {
    core::checkCommuneCode(commune.code, "code");
    core::checkCommuneName(commune.name);
    if (communes_.isProvince(commune.code) || commune.code == communes_.code ||
        !users_.addCommune(commune, core::formatRfc3339(clock_.now())))
        throw core::Conflict("commune_exists", "A commune with that code already exists.");
    spdlog::info("commune {} added", commune.code);
    return commune;
}

std::vector<std::string> UserService::villages(const std::string& commune) {
    return users_.villages(commune);
}

std::vector<std::string> UserService::setVillages(const std::string& commune,
                                                  const std::vector<std::string>& names) {
    const auto all = communes();
    const bool known =
        std::any_of(all.begin(), all.end(), [&](const auto& c) { return c.code == commune; });
    if (!known) throw core::NotFound("No such commune.");
    if (names.size() > kMaxVillages)
        throw core::Invalid("villages", "A commune may list at most " +
                                            std::to_string(kMaxVillages) + " villages.");
    std::vector<std::string> cleaned;
    std::set<std::string> seen;
    for (const auto& name : names) {
        std::string trimmed = Poco::trim(name);
        const auto characters = core::workflow::codePoints(trimmed);
        const bool control = std::any_of(trimmed.begin(), trimmed.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        });
        if (trimmed.empty() || characters > core::kMaxVillageChars || control)
            throw core::Invalid("villages", "Each village is one line of at most " +
                                                std::to_string(core::kMaxVillageChars) +
                                                " characters.");
        if (!seen.insert(core::foldForSearch(trimmed)).second)
            throw core::Invalid("villages", "A village is listed twice.");
        cleaned.push_back(std::move(trimmed));
    }
    users_.setVillages(commune, cleaned);
    spdlog::info("commune {}: {} villages configured", commune, cleaned.size());
    return cleaned;
}

std::string UserService::communeName(const std::string& code) {
    if (const auto level = province(); level && level->code == code) return level->name;
    if (code == communes_.code) return communes_.name;  // the deployment's own, as in communes()
    const auto found = users_.findCommune(code);
    return found ? found->name : "";
}

std::optional<store::CommuneRecord> UserService::province() const {
    if (communes_.provinceCode.empty()) return std::nullopt;
    return store::CommuneRecord{communes_.provinceCode, communes_.provinceName};
}

}  // namespace binhan::service
