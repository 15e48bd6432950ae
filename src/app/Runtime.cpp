#include "app/Runtime.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <sstream>

#include "app/BackupCommand.h"
#include "core/EmbeddedFile.h"
#include "core/TimeFormat.h"
#include "crypto/KeyDerivation.h"
#include "crypto/KeyRingFile.h"
#include "crypto/SecureRandom.h"
#include "store/Migrator.h"

namespace binhan::app {
std::vector<core::EmbeddedFile> embeddedConfigFiles();

namespace {

std::set<core::Role> rolesFrom(const std::string& list) {
    std::set<core::Role> roles;
    std::istringstream in(list);
    std::string name;
    while (std::getline(in, name, ',')) {
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (name.empty()) continue;
        const auto role = core::parseRole(name);
        if (!role)
            throw std::runtime_error("auth.totp_required_roles: unknown role '" + name + "'");
        roles.insert(*role);
    }
    return roles;
}

service::AttachmentSettings attachmentSettings(const Config& config) {
    const int mb = config.integer("attachments.max_mb");
    const int perCase = config.integer("attachments.max_per_case");
    if (mb < 1 || mb > 512) throw std::runtime_error("attachments.max_mb must be 1 to 512");
    if (perCase < 1) throw std::runtime_error("attachments.max_per_case must be at least 1");
    return {static_cast<std::size_t>(mb) << 20, perCase};
}

bool flag(const Config& config, const std::string& key) {
    const std::string value = config.string(key);
    if (value == "true") return true;
    if (value == "false") return false;
    throw std::runtime_error(key + " must be true or false");
}

}  // namespace

core::PasswordPolicy shippedPasswordPolicy() {
    std::unordered_set<std::string> common;
    for (const auto& file : embeddedConfigFiles()) {
        if (file.name != "common-passwords.txt") continue;
        std::istringstream in(file.text);
        std::string line;
        while (std::getline(in, line))
            if (!line.empty() && line[0] != '#') common.insert(line);
    }
    return core::PasswordPolicy(std::move(common));
}

Runtime::Runtime(const Config& config) : passwordPolicy_(shippedPasswordPolicy()) {
    const auto dbSettings = config.databaseSettings();
    if (dbSettings.backend == store::Backend::SQLite && !std::filesystem::exists(dbSettings.path))
        throw std::runtime_error("no database at " + dbSettings.path +
                                 "; run: binhan init --set data.dir=" + config.dataDir());
    crypto::initialiseCrypto();
    keys_ = crypto::LiveKeyRing::fromFile(config.string("keys.master_key_file"));
    const auto ring = keys_->snapshot();
    db_ = std::make_unique<store::Database>(dbSettings);
    const store::Migrator migrator(store::embeddedSchemaFiles(db_->backend()));
    if (dbSettings.backend == store::Backend::PostgreSQL && migrator.currentVersion(*db_) == 0)
        throw std::runtime_error("the database " + db_->describe() +
                                 " holds no Bình An schema; run: binhan init");
    const int applied = migrator.migrate(*db_);
    if (applied > 0) spdlog::info("applied {} database migration(s)", applied);
    // The audit chain key comes from the derivation root (the oldest master key version, kept
    // derivation-only when rotation retires it), so rotation keeps the chain.
    const auto& chainMaster = ring->derivationRoot();
    const bool noAudit = flag(config, "audit.benchmark_noop");
    if (noAudit) spdlog::warn("audit.benchmark_noop is set: NOTHING IS AUDITED (benchmarks only)");
    db_->setAuditAppender(std::make_shared<store::AuditAppender>(
        crypto::deriveKey(chainMaster, crypto::kPurposeAuditChain), clock_, noAudit));
    auditLog_ = std::make_unique<store::AuditRepository>(*db_);
    auditService_ = std::make_unique<service::AuditService>(
        *db_, *auditLog_, crypto::deriveKey(chainMaster, crypto::kPurposeAuditChain),
        service::AuditPaths{config.string("audit.checkpoints_file"),
                            config.string("audit.signing_key")},
        config.string("province.code"));

    userRepository_ = std::make_unique<store::UserRepository>(*db_);
    sessions_ = std::make_unique<store::SessionRepository>(*db_);
    throttle_ = std::make_unique<store::LoginThrottleRepository>(*db_);
    hashing_ = std::make_unique<service::HashingQueue>(
        hasher_, config.integer("auth.hashing_threads"),
        static_cast<std::size_t>(config.integer("auth.hashing_queue")));
    sealer_ = std::make_unique<TotpSealer>(*ring);
    service::IdentitySettings identity;
    identity.idleTimeoutSeconds = config.integer("auth.idle_timeout_minutes") * 60;
    identity.absoluteTimeoutSeconds = config.integer("auth.absolute_timeout_hours") * 3600;
    identity.totpEnabled = flag(config, "auth.totp_enabled");
    identity.totpRequiredRoles = rolesFrom(config.string("auth.totp_required_roles"));
    identity_ = std::make_unique<service::IdentityService>(*userRepository_, *sessions_, *throttle_,
                                                           *hashing_, *sealer_, clock_, identity);
    const core::CommuneSettings communes{
        config.string("commune.code"), config.string("commune.name"),
        config.string("province.code"), config.string("province.name")};
    userService_ = std::make_unique<service::UserService>(*userRepository_, *hashing_,
                                                          passwordPolicy_, clock_, communes);
    caseRepository_ = std::make_unique<store::CaseRepository>(*db_);
    caseSealer_ = std::make_unique<service::CaseSealer>(keys_);
    caseService_ = std::make_unique<service::CaseService>(
        *caseRepository_, *userRepository_, *caseSealer_, clock_, config.string("commune.code"),
        config.integer("access.break_glass_minutes"));
    workflow_ =
        std::make_unique<service::WorkflowServices>(*db_, *caseRepository_, *caseSealer_, clock_);
    ledger_ = std::make_unique<store::ErasureLedger>(config.string("erasure.ledger_file"));
    attachmentRepository_ =
        std::make_unique<store::AttachmentRepository>(*db_, config.string("attachments.dir"));
    attachments_ = std::make_unique<service::AttachmentService>(
        *caseRepository_, *attachmentRepository_, *caseSealer_, clock_, attachmentSettings(config));
    earlier_ = std::make_unique<service::EarlierCaseService>(
        *db_, *caseRepository_, workflow_->referrals(), *caseSealer_, clock_);
    erasure_ = std::make_unique<service::ErasureService>(*db_, *caseRepository_, *ledger_, clock_,
                                                         attachmentRepository_.get());
    erasure_->applyLedger();  // after a restore or a crash mid-erasure, erased cases stay erased
    removeStaleSnapshots(config.dataDir());  // and a backup's leftover snapshot does not keep them
    // An upload cut by a crash left a pending row (and a .part file): not a file of the case.
    attachmentRepository_->discardStalePending(
        core::formatRfc3339(clock_.now() - std::chrono::hours(1)));
    exports_ = std::make_unique<service::ExportService>(*caseService_, workflow_->events(), clock_);
    reportRepository_ = std::make_unique<store::ReportRepository>(*db_);
    reportService_ = std::make_unique<service::ReportService>(
        *reportRepository_, *userRepository_, clock_,
        service::ReportSettings{communes, config.string("report.recipient")});
    retentionRepository_ = std::make_unique<store::RetentionRepository>(*db_);
    retention_ = std::make_unique<service::RetentionService>(
        *retentionRepository_, *erasure_, clock_,
        service::RetentionSettings{config.integer("retention.years_after_closure")});
    wrappedKeys_ = std::make_unique<store::KeyRotationRepository>(*db_);
    notices_ = std::make_unique<store::NotificationRepository>(*db_);
}

Runtime::~Runtime() = default;

void Runtime::recordConsoleAction(const std::string& action, const std::string& detail) {
    store::AuditContext audit;
    audit.role = "console";
    audit.action = action;
    audit.detail = detail;
    store::AuditScope scope(&audit);
    db_->flushAudit();
}

}  // namespace binhan::app
