#pragma once
// The embedded SQLite database (DESIGN.md §4, "Storage"): WAL mode, foreign keys on, a busy
// timeout, synchronous=FULL so an acknowledged write survives a power cut. A fixed pool of
// reader sessions serves reads in parallel; all writes go through the one writer session, one
// transaction at a time (SQLite allows one writer; group commit builds on this).
//
// Thread-safe: withReader/withWriter may be called from any thread. SQL lives only in src/store.
#include <Poco/Data/Session.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace binhan::store {

struct DatabaseSettings {
    std::string path;             // the database file
    int readers = 4;              // reader sessions in the pool
    int busyTimeoutMs = 5000;     // how long a statement waits for a lock
};

class Database {
public:
    // Opens (creating if absent) the database file; throws core::Error(Unavailable) when it
    // cannot be opened.
    explicit Database(const DatabaseSettings& settings);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs `work` with a reader session, waiting for a free one.
    void withReader(const std::function<void(Poco::Data::Session&)>& work);
    // Runs `work` inside BEGIN IMMEDIATE … COMMIT on the writer session; rolls back and rethrows
    // when `work` throws. A full disk becomes core::Error(Unavailable).
    void withWriter(const std::function<void(Poco::Data::Session&)>& work);
    // Executes a script of several SQL statements on `session` (migrations).
    static void executeScript(Poco::Data::Session& session, const std::string& sql);

    const std::string& path() const { return settings_.path; }

private:
    Poco::Data::Session open() const;

    DatabaseSettings settings_;
    std::mutex writerMutex_;
    std::unique_ptr<Poco::Data::Session> writer_;  // GUARDED_BY(writerMutex_)
    std::mutex readersMutex_;
    std::condition_variable readerFree_;
    std::vector<std::unique_ptr<Poco::Data::Session>> idleReaders_;  // GUARDED_BY(readersMutex_)
};

}  // namespace binhan::store
