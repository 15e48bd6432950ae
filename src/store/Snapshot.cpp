#include "store/Snapshot.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <stdexcept>

namespace binhan::store {
namespace {

struct Handle {
    sqlite3* db = nullptr;
    ~Handle() { sqlite3_close(db); }
};

void openOrThrow(Handle& h, const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &h.db, flags, nullptr) != SQLITE_OK)
        throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(h.db));
    sqlite3_busy_timeout(h.db, 5000);
}

}  // namespace

void snapshotDatabase(const std::string& databasePath, const std::string& targetPath) {
    const int fd = ::open(targetPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + targetPath);
    ::close(fd);
    Handle source, target;
    openOrThrow(source, databasePath, SQLITE_OPEN_READONLY);
    openOrThrow(target, targetPath, SQLITE_OPEN_READWRITE);
    sqlite3_backup* backup = sqlite3_backup_init(target.db, "main", source.db, "main");
    if (!backup)
        throw std::runtime_error(std::string("backup failed: ") + sqlite3_errmsg(target.db));
    int rc;
    do {
        rc = sqlite3_backup_step(backup, 256);  // pages at a time, so writers are not held up long
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(5);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        throw std::runtime_error(std::string("backup failed: ") + sqlite3_errstr(rc));
    // One self-contained file: no WAL beside the copy.
    sqlite3_exec(target.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
}

int schemaVersionOf(const std::string& path) {
    Handle h;
    openOrThrow(h, path, SQLITE_OPEN_READONLY);
    sqlite3_stmt* st = nullptr;
    int version = 0;
    if (sqlite3_prepare_v2(h.db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", -1, &st,
                           nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return version;
}

}  // namespace binhan::store
