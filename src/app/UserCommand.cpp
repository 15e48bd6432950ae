#include "app/UserCommand.h"

#include <iostream>

#include "app/Prompt.h"
#include "app/Runtime.h"
#include "core/Error.h"
#include "store/AuditContext.h"

namespace binhan::app {
namespace {

std::string passwordFrom(const UserCommandOptions& options) {
    if (!options.password.empty()) return options.password;
    std::string password = prompt("Password (at least 12 characters): ", true);
    if (stdinIsTerminal() && prompt("Password again: ", true) != password)
        throw core::Invalid("password", "The two passwords differ.");
    return password;
}

service::UserView existing(service::UserService& users, const std::string& username) {
    auto user = users.findByUsername(username);
    if (!user) throw core::NotFound("No user named '" + username + "'.");
    return *user;
}

}  // namespace

int runUserCommand(const Config& config, const std::vector<std::string>& args,
                   const UserCommandOptions& options, std::ostream& out) {
    if (args.size() != 2 || (args[0] != "add" && args[0] != "disable" && args[0] != "reset")) {
        std::cerr << "usage: binhan user add|disable|reset USERNAME [--role ROLE] "
                     "[--display-name TEXT] [--password PASSWORD]\n";
        return 64;
    }
    Runtime runtime(config);
    auto& users = runtime.users();
    // Console administration is audited like the API's (actor 0, role "console").
    store::AuditContext audit;
    audit.role = "console";
    audit.action = args[0] == "add"       ? "user.create"
                   : args[0] == "disable" ? "user.update"
                                          : "user.password";
    store::AuditScope scope(&audit);
    const std::string& username = args[1];
    if (args[0] == "add") {
        if (options.role.empty()) throw core::Invalid("role", "Give the role with --role.");
        const auto user =
            users.create({username, passwordFrom(options), options.role, options.displayName});
        out << "created user '" << user.username << "' (id " << user.id << ", role "
            << core::roleName(user.role) << ")\n";
    } else if (args[0] == "disable") {
        const auto user = existing(users, username);
        store::UserChanges changes;
        changes.disabled = true;
        users.update(user.id, changes);
        out << "disabled user '" << username << "'; their sessions have ended\n";
    } else {
        const auto user = existing(users, username);
        users.setPassword(user.id, passwordFrom(options));
        if (user.disabled) {
            store::UserChanges changes;
            changes.disabled = false;
            users.update(user.id, changes);
        }
        out << "new password set for '" << username << "'; their sessions have ended\n";
    }
    return 0;
}

}  // namespace binhan::app
