#include "app/BackupCommand.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include "app/BackupArchive.h"
#include "app/Runtime.h"
#include "core/TimeFormat.h"
#include "crypto/BackupCipher.h"
#include "crypto/KeyDerivation.h"
#include "crypto/KeyRingFile.h"
#include "crypto/SecureRandom.h"
#include "store/AuditContext.h"
#include "store/ErasureLedger.h"
#include "store/Migrator.h"
#include "store/Snapshot.h"

namespace binhan::app {
namespace {

namespace fs = std::filesystem;

int finishRestore(const Config& config, const crypto::KeyRing& ring,
                  const crypto::BackupHeader& header, int restoredFiles, const std::string& where,
                  std::ostream& out);

// The backup formats (docs/formats.md "Backup file"): 1 a bare SQLite database, 2 the SQLite
// database and the case files (BackupArchive.h), 3 a PostgreSQL dump (issue 23).
constexpr std::uint32_t kPostgreSQLDump = 3;

std::string snapshotPath(const std::string& dataDir, long pid) {
    return dataDir + "/backup-" + std::to_string(pid) + ".db";
}

bool onPostgreSQL(const Config& config) {
    return config.databaseSettings().backend == store::Backend::PostgreSQL;
}

// Runs pg_dump or pg_restore on the configured database; the password goes by PGPASSWORD.
// Throws with the tool's own words when it fails.
void runPostgreSQLTool(const Config& config, const std::string& tool,
                       std::vector<std::string> args) {
    const auto db = config.databaseSettings();
    args.insert(args.begin(), "--dbname=" + db.toolConnection);
    Poco::Process::Env env;
    if (!db.password.empty()) env["PGPASSWORD"] = db.password;
    Poco::Pipe errors;
    Poco::ProcessHandle process = Poco::Process::launch(tool, args, nullptr, nullptr, &errors, env);
    Poco::PipeInputStream errorText(errors);
    std::string said;
    Poco::StreamCopier::copyToString(errorText, said);
    const int code = process.wait();
    if (code != 0)
        throw std::runtime_error(tool + " failed (exit " + std::to_string(code) + ") on " +
                                 db.description + (said.empty() ? "" : ": " + said));
}

void restrictToOwner(const std::string& path) {
    std::ofstream(path, std::ios::binary | std::ios::trunc);  // made before anything is in it
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
}

// Encrypts `plain` under the backup key of `header`'s master key version into `file`, through
// FILE.tmp (0600 before a byte is in it) renamed into place, so a crash leaves no half backup
// under the real name. Both backends' backups end here.
void writeBackupFile(std::istream& plain, const std::string& file, const crypto::KeyRing& ring,
                     const crypto::BackupHeader& header) {
    const std::string temp = file + ".tmp";
    try {
        restrictToOwner(temp);
        std::ofstream encrypted(temp, std::ios::binary | std::ios::trunc);
        crypto::writeEncryptedBackup(
            plain, encrypted,
            crypto::deriveKey(ring.key(header.keyVersion), crypto::kPurposeBackup), header);
        encrypted.close();
        if (!encrypted) throw std::runtime_error("cannot write " + temp);
        fs::rename(temp, file);
    } catch (...) {
        fs::remove(temp);
        throw;
    }
}

// Issue 23: a consistent snapshot of the whole PostgreSQL database (pg_dump takes one
// transaction's view), its sealed attachment parts included, encrypted like the SQLite backup.
int backupPostgreSQL(const Config& config, const std::string& file, std::ostream& out) {
    Runtime runtime(config);
    const auto ring = crypto::KeyRingFile::load(config.string("keys.master_key_file"));
    const store::Migrator migrator(store::embeddedSchemaFiles(runtime.database().backend()));
    const std::string dump = snapshotPath(config.dataDir(), ::getpid()) + ".pgdump";
    crypto::BackupHeader header;
    header.formatVersion = kPostgreSQLDump;
    header.schemaVersion = migrator.currentVersion(runtime.database());
    header.createdAt = core::formatRfc3339(runtime.clock().now());
    header.keyVersion = ring.currentVersion();
    try {
        restrictToOwner(dump);
        runPostgreSQLTool(config, "pg_dump",
                          {"--format=custom", "--no-owner", "--no-privileges", "--file=" + dump});
        std::ifstream plain(dump, std::ios::binary);
        writeBackupFile(plain, file, ring, header);
    } catch (...) {
        fs::remove(dump);
        throw;
    }
    fs::remove(dump);
    runtime.recordConsoleAction("backup.create", "schema " + std::to_string(header.schemaVersion));
    out << "backup written to " << file << " (" << fs::file_size(file)
        << " bytes, PostgreSQL dump of " << config.databaseSettings().description << ", schema "
        << header.schemaVersion << ", key version " << header.keyVersion << ")\n";
    return 0;
}

// Restores a PostgreSQL dump into the configured database, which must hold no schema yet.
void restorePostgreSQL(const Config& config, std::istream& in, const crypto::BackupHeader& header,
                       const crypto::SecretBytes& backupKey) {
    {
        store::Database target(config.databaseSettings());
        if (store::Migrator::holdsTables(target))
            throw std::runtime_error("restore needs an empty database; " +
                                     config.databaseSettings().description +
                                     " holds tables (create a new one with createdb)");
    }
    const std::string dump = snapshotPath(config.dataDir(), ::getpid()) + ".pgdump";
    try {
        restrictToOwner(dump);
        std::ofstream plain(dump, std::ios::binary | std::ios::trunc);
        crypto::readEncryptedBackup(in, header, backupKey, plain);
        plain.close();
        if (!plain) throw std::runtime_error("cannot write " + dump);
        runPostgreSQLTool(
            config, "pg_restore",
            {"--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", dump});
    } catch (...) {
        fs::remove(dump);
        throw;
    }
    fs::remove(dump);
}

}  // namespace

void removeStaleSnapshots(const std::string& dataDir) {
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(dataDir, ignored)) {
        const std::string name = entry.path().filename().string();
        long pid = 0;
        if (std::sscanf(name.c_str(), "backup-%ld.db", &pid) != 1 || pid <= 0 ||
            name != snapshotPath("", pid).substr(1))
            continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
        fs::remove(entry.path(), ignored);
    }
}

int runBackup(const Config& config, const std::string& file, std::ostream& out) {
    if (file.empty()) throw std::runtime_error("usage: binhan backup FILE");
    if (onPostgreSQL(config)) return backupPostgreSQL(config, file, out);
    Runtime runtime(config);  // refuses a data dir that is not initialised
    const auto ring = crypto::KeyRingFile::load(config.string("keys.master_key_file"));
    const std::string snapshot = snapshotPath(config.dataDir(), ::getpid());
    store::snapshotDatabase(config.databaseSettings().path, snapshot);
    std::vector<ArchivedFile> files;
    auto& attachments = runtime.attachmentFiles();
    for (const auto& [caseId, id] : attachments.allFiles())
        files.push_back({std::to_string(caseId) + "/" + std::to_string(id) + ".baf",
                         attachments.pathOf(caseId, id)});
    crypto::BackupHeader header;
    header.formatVersion = 2;  // the database and the case files (BackupArchive.h)
    header.schemaVersion = store::schemaVersionOf(snapshot);
    header.createdAt = core::formatRfc3339(runtime.clock().now());
    header.keyVersion = ring.currentVersion();
    try {
        ArchiveReader archive(snapshot, files);
        std::istream plain(&archive);
        writeBackupFile(plain, file, ring, header);
    } catch (...) {
        fs::remove(snapshot);
        throw;
    }
    fs::remove(snapshot);
    runtime.recordConsoleAction("backup.create", "schema " + std::to_string(header.schemaVersion));
    out << "backup written to " << file << " (" << fs::file_size(file) << " bytes, " << files.size()
        << " case file(s), schema " << header.schemaVersion << ", key version " << header.keyVersion
        << ")\n";
    return 0;
}

int runRestore(const Config& config, const std::string& file, std::ostream& out) {
    if (file.empty()) throw std::runtime_error("usage: binhan restore FILE");
    const bool postgresql = onPostgreSQL(config);
    const std::string dbPath = config.databaseSettings().path;
    if (!postgresql && fs::exists(dbPath))
        throw std::runtime_error("restore needs a data dir without a database; " + dbPath +
                                 " exists");
    const std::string filesDir = config.string("attachments.dir");
    std::error_code absent;
    if (!postgresql && fs::exists(filesDir, absent) && !fs::is_empty(filesDir, absent))
        throw std::runtime_error("restore needs a data dir without case files; " + filesDir +
                                 " holds some");
    crypto::initialiseCrypto();
    const auto ring = crypto::KeyRingFile::load(config.string("keys.master_key_file"));
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file);
    const auto header = crypto::readBackupHeader(in);
    if (!ring.keys().count(header.keyVersion))
        throw std::runtime_error(
            "this backup was made with master key version " + std::to_string(header.keyVersion) +
            ", which this key file does not hold (another deployment's backup, or a version "
            "retired by `binhan keys rotate`: use the key file kept with that backup)");
    if ((header.formatVersion == kPostgreSQLDump) != postgresql)
        throw std::runtime_error(postgresql ? "this backup is of a SQLite deployment; restore it "
                                              "with store.backend = sqlite"
                                            : "this backup is a PostgreSQL dump; restore it with "
                                              "store.backend = postgresql into an empty database");
    if (postgresql) {
        restorePostgreSQL(config, in, header,
                          crypto::deriveKey(ring.key(header.keyVersion), crypto::kPurposeBackup));
        return finishRestore(config, ring, header, 0, config.databaseSettings().description, out);
    }
    const std::string temp = dbPath + ".restoring";
    // The files are restored beside, and put in place with the database only once all is read.
    const std::string filesTemp = filesDir + ".restoring";
    int restoredFiles = 0;
    try {
        fs::remove_all(filesTemp);
        const auto backupKey =
            crypto::deriveKey(ring.key(header.keyVersion), crypto::kPurposeBackup);
        if (header.formatVersion >= 2) {  // the database and the case files
            std::set<std::int64_t> erased;
            for (const auto& erasure :
                 store::ErasureLedger(config.string("erasure.ledger_file")).read())
                erased.insert(erasure.caseId);
            ArchiveWriter archive(temp, filesTemp, erased);
            std::ostream plain(&archive);
            plain.exceptions(std::ios::badbit);  // the archive's own error, not a silent stop
            crypto::readEncryptedBackup(in, header, backupKey, plain);
            restoredFiles = archive.finish();
        } else {
            std::ofstream plain(temp, std::ios::binary | std::ios::trunc);
            fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write);
            crypto::readEncryptedBackup(in, header, backupKey, plain);
            plain.close();
            if (!plain) throw std::runtime_error("cannot write " + temp);
        }
        if (fs::exists(filesTemp)) {
            fs::remove_all(filesDir);  // empty (checked above)
            fs::rename(filesTemp, filesDir);
        }
        fs::rename(temp, dbPath);
    } catch (...) {
        fs::remove(temp);
        fs::remove_all(filesTemp);
        throw;
    }
    return finishRestore(config, ring, header, restoredFiles, dbPath, out);
}

namespace {

// After the data is in place, on either backend: migrate, re-apply the erasure ledger, check the
// audit log and the keys.
int finishRestore(const Config& config, const crypto::KeyRing& ring,
                  const crypto::BackupHeader& header, int restoredFiles, const std::string& where,
                  std::ostream& out) {
    Runtime runtime(config);  // migrates if older, and re-applies the erasure ledger
    const auto result = runtime.audit().verify("", true);
    runtime.recordConsoleAction("backup.restore", "from " + header.createdAt);
    out << "restored the backup of " << header.createdAt << " into " << where << " with "
        << restoredFiles << " case file(s)\n";
    // A backup taken before (or during) a key rotation holds case keys under versions that the
    // rotation may have retired since (docs/decisions.md, "Master key rotation while serving").
    bool keysHeld = true;
    for (const auto& [version, count] : runtime.wrappedKeys().countByVersion())
        if (!ring.has(version)) {
            out << "WARNING: " << count << " case key(s) are wrapped under master key version "
                << version << ", which this key file no longer holds: those cases stay "
                << "unreadable until the key file kept with this backup is used\n";
            keysHeld = false;
        }
    if (!result.ok) {
        out << "WARNING: the restored audit log does not verify: " << result.reason << "\n";
        return 1;
    }
    out << "audit log verified: " << result.entries << " entries\n";
    return keysHeld ? 0 : 1;
}

}  // namespace

}  // namespace binhan::app
