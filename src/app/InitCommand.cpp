#include "app/InitCommand.h"

#include <sys/stat.h>

#include <filesystem>
#include <iostream>

#include "app/DemoSeeder.h"
#include "app/Prompt.h"
#include "app/Runtime.h"
#include "core/Error.h"
#include "crypto/DevCertificate.h"
#include "crypto/KeyRingFile.h"
#include "crypto/SecureRandom.h"
#include "service/SetupService.h"
#include "store/Migrator.h"

namespace binhan::app {
namespace {

namespace fs = std::filesystem;

bool ensureDirectory(const std::string& path) {
    if (fs::exists(path)) return false;
    fs::create_directories(path);
    ::chmod(path.c_str(), 0700);
    return true;
}

bool ensureKeyFile(const std::string& path) {
    if (fs::exists(path)) {
        crypto::KeyRingFile::load(path);  // refuses a malformed or world-readable file
        return false;
    }
    crypto::KeyRingFile::save(path, crypto::newKeyRing());
    return true;
}

bool ensureCertificate(const std::string& certificate, const std::string& key) {
    const bool haveCert = fs::exists(certificate), haveKey = fs::exists(key);
    if (haveCert && haveKey) return false;
    if (haveCert != haveKey)
        throw std::runtime_error("only one of tls.certificate and tls.key exists: " +
                                 (haveCert ? certificate : key));
    ensureDirectory(fs::path(certificate).parent_path().string());
    ensureDirectory(fs::path(key).parent_path().string());
    crypto::writeDevCertificate(certificate, key);
    return true;
}

service::FirstAdmin askForAdmin(const Config& config, const InitOptions& options) {
    service::FirstAdmin admin;
    admin.commune = config.string("commune.code");
    admin.communeName = config.string("commune.name");
    admin.username = options.adminUser;
    admin.password = options.adminPassword;
    admin.displayName = options.adminName;
    if (admin.username.empty()) admin.username = prompt("First administrator's username: ", false);
    if (admin.password.empty()) {
        admin.password = prompt("Password (at least 12 characters): ", true);
        if (stdinIsTerminal() && prompt("Password again: ", true) != admin.password)
            throw core::Invalid("password", "The two passwords differ.");
    }
    return admin;
}

}  // namespace

int runInit(const Config& config, const InitOptions& options, std::ostream& out) {
    int changes = 0;
    const std::string dataDir = config.dataDir();
    if (ensureDirectory(dataDir)) {
        out << "created data directory " << dataDir << " (mode 0700)\n";
        ++changes;
    }
    crypto::initialiseCrypto();
    const std::string keyFile = config.string("keys.master_key_file");
    if (ensureKeyFile(keyFile)) {
        out << "created master key file " << keyFile
            << " (mode 0600); back it up apart from the data\n";
        ++changes;
    }
    if (ensureCertificate(config.string("tls.certificate"), config.string("tls.key"))) {
        out << "created a self-signed certificate for localhost: "
            << config.string("tls.certificate") << "\n";
        ++changes;
    }
    store::Database db(config.databaseSettings());
    const int applied = store::Migrator(store::embeddedSchemaFiles(db.backend())).migrate(db);
    if (applied > 0) {
        out << "database " << db.describe() << ": applied " << applied << " migration(s)\n";
        ++changes;
    }
    store::UserRepository users(db);
    crypto::PasswordHasher hasher;
    const core::PasswordPolicy policy = shippedPasswordPolicy();
    core::SystemClock clock;
    service::SetupService setup(users, hasher, policy, clock);
    if (setup.needsFirstAdmin()) {
        const auto admin = askForAdmin(config, options);
        setup.createFirstAdmin(admin);
        out << "created the first administrator '" << admin.username << "'\n";
        ++changes;
    } else if (!options.adminUser.empty()) {
        out << "users exist already; no administrator was created (use: binhan user add)\n";
    }
    if (options.demo) return seedDemo(config, out);
    if (changes == 0) out << "Already initialised in " << dataDir << "; nothing changed.\n";
    return 0;
}

}  // namespace binhan::app
