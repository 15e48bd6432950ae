#pragma once
// The database (DESIGN.md §4, "Storage"). Two backends (issue 11), chosen by `store.backend`:
// - SQLite, embedded (the commune default): WAL mode, foreign keys on, a busy timeout,
//   synchronous=FULL so an acknowledged write survives a power cut.
// - PostgreSQL, shared by several binhan instances (province hosting). Each instance still
//   commits its writes in groups; every group transaction first takes one transaction-scoped
//   advisory lock, so the groups of all instances run one at a time, as SQLite's single writer
//   does: the audit chain stays one chain and a read-then-write (next case number, report
//   counts) never races another instance. Reads run in parallel on every instance.
//
// Reads: a fixed pool of reader sessions, in parallel.
// Writes: group commit. withWriter() queues the work for the one writer thread, which runs every
// waiting item in one transaction (each in its own SAVEPOINT, so one failing item is rolled back
// alone), appends each request's audit entry in the same transaction (AuditAppender; the entries
// of requests that only read go in together, with one insert, after the writes), commits
// once — one fsync for the whole group — and then wakes the callers. The writer lingers for
// companions only while they keep arriving (each within an eighth of `groupWaitMicros`), and an
// item never waits more than `groupWaitMicros` for its group to start.
//
// A full disk (issue 10): when the database's file system has less than `reserveBytes` free,
// changes are refused with core::Error(Unavailable, "storage_full") before they touch SQLite,
// while audit entries alone (reads, refusals) still go in from that reserve; a write that meets
// SQLITE_FULL or an I/O error anyway is rolled back whole and answered the same. Nothing is kept
// in memory about a rolled-back transaction (the audit chain's head is read inside each one),
// so writes succeed again as soon as space is freed.
//
// Thread-safe: withReader/withWriter may be called from any thread; withWriter called from inside
// a writer item runs inline in the same transaction. SQL lives only in src/store.
#include <Poco/Data/Session.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/AuditAppender.h"
#include "store/AuditContext.h"
#include "store/Query.h"
#include "store/Sql.h"

namespace binhan::store {

struct DatabaseSettings {
    std::string path;                // SQLite: the database file
    int readers = 4;                 // reader sessions in the pool
    int busyTimeoutMs = 5000;        // how long a statement waits for a lock
    int groupWaitMicros = 2000;      // longest wait of a write for others to share its commit
    std::uint64_t reserveBytes = 0;  // below this much free space only audit entries are written
    Backend backend = Backend::SQLite;
    std::string connection;   // PostgreSQL: libpq connection string (holds the password)
    std::string description;  // PostgreSQL: where it is, for messages (no password)
    // PostgreSQL, for pg_dump and pg_restore (issue 23): the connection string without the
    // password, which they take from PGPASSWORD (never on a command line `ps` shows).
    std::string toolConnection;
    std::string password;
};

class Database {
  public:
    // Opens (creating if absent) the database file; throws core::Error(Unavailable) when it
    // cannot be opened.
    explicit Database(const DatabaseSettings& settings);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // From now on every write transaction carries the audit entry of the request it serves.
    void setAuditAppender(std::shared_ptr<const AuditAppender> appender);

    // Runs `work` with a reader session, waiting for a free one.
    void withReader(const std::function<void(Poco::Data::Session&)>& work);
    // Runs `work` in a write transaction and returns once it is durable; rethrows what `work`
    // threw (its changes rolled back). A full disk becomes core::Error(Unavailable).
    void withWriter(const std::function<void(Poco::Data::Session&)>& work);
    // Folds the WAL into the database file and truncates it, so pages overwritten since (for
    // example a destroyed key) are gone from the WAL too.
    void checkpoint();
    // Commits the current request's audit entry if no write carried it yet (reads end here).
    void flushAudit();
    // Executes a script of several SQL statements on `session` (migrations; on PostgreSQL each
    // statement of the script is sent alone, so a script must not hold ';' in a literal).
    static void executeScript(Poco::Data::Session& session, const std::string& sql);

    Backend backend() const { return settings_.backend; }
    // The SQLite file, or empty on PostgreSQL.
    const std::string& path() const { return settings_.path; }
    // The file or the PostgreSQL host and database, for messages.
    std::string describe() const;
    // Prometheus text: groups committed, writes, and how long writes waited for their group.
    std::string metricsText() const;
    // SQL statements executed so far on this database's connections (issue 18: a test pins how
    // many a case read and a creation take). SQLite counts every statement, Poco's and
    // store::Query's, by its trace hook; PostgreSQL counts store::Query's only.
    std::uint64_t statementsRun() const;

  private:
    // A session with the statements prepared on it (store/Query.h); a reconnect replaces both.
    struct Connection {
        explicit Connection(Poco::Data::Session s) : session(std::move(s)) {}
        Poco::Data::Session session;
        StatementCache statements;  // declared after the session: finalised before it closes
    };
    struct WriteItem {
        std::function<void(Poco::Data::Session&)> work;
        bool checkpoint = false;  // fold the WAL back, outside any transaction
        bool auditOnly = false;   // only the request's audit entry (flushAudit)
        AuditContext* audit = nullptr;
        std::chrono::steady_clock::time_point queued;
        std::promise<void> done;
    };
    std::unique_ptr<Connection> open() const;
    void reconnectIfLost(std::unique_ptr<Connection>& connection) const;
    // BEGIN (IMMEDIATE on SQLite; with the instances' write lock on PostgreSQL).
    void beginWrite();
    void enqueue(std::unique_ptr<WriteItem> item);
    bool lowOnSpace() const;
    void writerLoop();
    std::vector<std::unique_ptr<WriteItem>> takeGroup();
    void commitGroup(std::vector<std::unique_ptr<WriteItem>>& group);
    // Runs `work` on the writer in its own savepoint: rolled back alone when it throws, whose
    // exception (a full disk as storage_full) is returned.
    std::exception_ptr inSavepoint(const std::function<void(Poco::Data::Session&)>& work);
    void runItem(WriteItem& item, bool refuseChanges, std::exception_ptr& error, ChainHead& head);
    // The audit entries of requests that wrote nothing, in one savepoint and one insert.
    void runAuditEntries(const std::vector<WriteItem*>& items, std::exception_ptr& error,
                         ChainHead& head);

    DatabaseSettings settings_;
    std::unique_ptr<Connection> writer_;  // used by the writer thread only
    std::shared_ptr<const AuditAppender> appender_;

    std::mutex queueMutex_;
    std::condition_variable queued_;
    std::deque<std::unique_ptr<WriteItem>> queue_;  // GUARDED_BY(queueMutex_)
    bool stopping_ = false;                         // GUARDED_BY(queueMutex_)
    std::thread writerThread_;

    std::mutex readersMutex_;
    std::condition_variable readerFree_;
    std::vector<std::unique_ptr<Connection>> idleReaders_;  // GUARDED_BY(readersMutex_)

    std::atomic<std::uint64_t> groups_{0}, writes_{0}, waitMicrosTotal_{0}, waitMicrosMax_{0};
    mutable std::atomic<std::uint64_t> sqliteStatements_{0};  // by the trace hook of open()
};

}  // namespace binhan::store
