#pragma once
// The wired-up lower layers shared by `binhan serve` and the administrative commands: the key
// ring, the database (migrated), repositories and services. Building one checks that the data
// dir was prepared by `binhan init`. Owns everything it makes; not copyable.
#include <memory>

#include "app/Config.h"
#include "app/TotpSealer.h"
#include "core/Clock.h"
#include "core/PasswordPolicy.h"
#include "crypto/LiveKeyRing.h"
#include "crypto/PasswordHasher.h"
#include "service/AttachmentService.h"
#include "service/AuditService.h"
#include "service/CaseSealer.h"
#include "service/CaseService.h"
#include "service/EarlierCaseService.h"
#include "service/ErasureService.h"
#include "service/ExportService.h"
#include "service/HashingQueue.h"
#include "service/IdentityService.h"
#include "service/ReportService.h"
#include "service/RetentionService.h"
#include "service/UserService.h"
#include "service/WorkflowServices.h"
#include "store/AuditRepository.h"
#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/KeyRotationRepository.h"
#include "store/LoginThrottleRepository.h"
#include "store/NotificationRepository.h"
#include "store/SessionRepository.h"
#include "store/UserRepository.h"

namespace binhan::app {

class Runtime {
  public:
    // Throws std::runtime_error with a readable message when the data dir is not initialised,
    // the key file is unreadable, or the database is newer than this binary.
    explicit Runtime(const Config& config);
    ~Runtime();

    store::Database& database() { return *db_; }
    // Records a console command's action in the audit log (actor 0, role "console"), in its own
    // small transaction.
    void recordConsoleAction(const std::string& action, const std::string& detail);
    service::IdentityService& identity() { return *identity_; }
    service::UserService& users() { return *userService_; }
    service::CaseService& cases() { return *caseService_; }
    service::AuditService& audit() { return *auditService_; }
    store::AuditRepository& auditLog() { return *auditLog_; }
    const core::Clock& clock() const { return clock_; }
    // Issue 5: events, referrals, consent/stages/close/reopen, dashboard.
    service::WorkflowServices& workflow() { return *workflow_; }
    service::ErasureService& erasure() { return *erasure_; }
    // Issue 21: evidence files.
    service::AttachmentService& attachments() { return *attachments_; }
    service::EarlierCaseService& earlier() { return *earlier_; }
    store::AttachmentRepository& attachmentFiles() { return *attachmentRepository_; }
    service::ExportService& exports() { return *exports_; }
    // Issue 22: the notification outbox (its service and dispatcher are serve's).
    store::NotificationRepository& notices() { return *notices_; }
    store::CaseRepository& caseRecords() { return *caseRepository_; }
    std::int64_t caseCount() { return caseRepository_->count(); }
    // Issue 7: the statistical report.
    service::ReportService& reports() { return *reportService_; }
    // Issue 9: retention (its daily job runs in `binhan serve`) and the wrapped case keys.
    service::RetentionService& retention() { return *retention_; }
    store::KeyRotationRepository& wrappedKeys() { return *wrappedKeys_; }

  private:
    core::SystemClock clock_;
    std::shared_ptr<crypto::LiveKeyRing> keys_;  // reloads when `binhan keys rotate` changes it
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::AuditRepository> auditLog_;
    std::unique_ptr<service::AuditService> auditService_;
    std::unique_ptr<store::UserRepository> userRepository_;
    std::unique_ptr<store::SessionRepository> sessions_;
    std::unique_ptr<store::LoginThrottleRepository> throttle_;
    crypto::PasswordHasher hasher_;
    core::PasswordPolicy passwordPolicy_;
    std::unique_ptr<service::HashingQueue> hashing_;
    std::unique_ptr<TotpSealer> sealer_;
    std::unique_ptr<service::IdentityService> identity_;
    std::unique_ptr<service::UserService> userService_;
    std::unique_ptr<store::CaseRepository> caseRepository_;
    std::unique_ptr<service::CaseSealer> caseSealer_;
    std::unique_ptr<service::CaseService> caseService_;
    std::unique_ptr<service::WorkflowServices> workflow_;  // uses the case members above
    std::unique_ptr<store::ErasureLedger> ledger_;
    std::unique_ptr<store::AttachmentRepository> attachmentRepository_;
    std::unique_ptr<service::AttachmentService> attachments_;
    std::unique_ptr<service::EarlierCaseService> earlier_;
    std::unique_ptr<service::ErasureService> erasure_;
    std::unique_ptr<service::ExportService> exports_;
    std::unique_ptr<store::ReportRepository> reportRepository_;
    std::unique_ptr<service::ReportService> reportService_;
    std::unique_ptr<store::RetentionRepository> retentionRepository_;
    std::unique_ptr<service::RetentionService> retention_;
    std::unique_ptr<store::KeyRotationRepository> wrappedKeys_;
    std::unique_ptr<store::NotificationRepository> notices_;
};

// The refused-passwords list compiled in from config/common-passwords.txt.
core::PasswordPolicy shippedPasswordPolicy();

}  // namespace binhan::app
