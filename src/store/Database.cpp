#include "store/Database.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/SQLite/Utility.h>
#include <sqlite3.h>

#include <spdlog/spdlog.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "core/Error.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {
namespace {

thread_local bool tlsOnWriterThread = false;
constexpr std::size_t kMaxGroup = 256;
// The advisory lock every PostgreSQL write transaction takes first ("binhan" in ASCII): the
// instances sharing the database write one group at a time.
constexpr const char* kTakeWriteLock = "SELECT pg_advisory_xact_lock(108386642698606)";

void registerOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

// The statements of a migration script, split at ';' outside quotes and '--' comments.
std::vector<std::string> statementsOf(const std::string& script) {
    std::vector<std::string> statements;
    std::string current;
    char quote = 0;
    for (std::size_t i = 0; i < script.size(); ++i) {
        const char c = script[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '-' && i + 1 < script.size() && script[i + 1] == '-') {
            while (i < script.size() && script[i] != '\n') ++i;
            current += '\n';
            continue;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == ';') {
            if (current.find_first_not_of(" \t\r\n") != std::string::npos)
                statements.push_back(current);
            current.clear();
            continue;
        }
        current += c;
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos) statements.push_back(current);
    return statements;
}

core::Error storageFull() {
    return core::Error(core::ErrorKind::Unavailable, "storage_full",
                       "The server's storage is full; the change was not saved. Tell the system "
                       "administrator.");
}

// SQLite says "database or disk is full" (SQLITE_FULL) or fails I/O when the disk is full,
// PostgreSQL "could not extend file … No space left on device"; the user gets a clear 503 and
// the transaction is rolled back, so nothing is half-written.
std::exception_ptr storageError(const Poco::Exception& e) {
    const std::string text = e.displayText();
    if (text.find("disk is full") != std::string::npos ||
        text.find("disk I/O") != std::string::npos ||
        text.find("No space left") != std::string::npos ||
        text.find("could not extend file") != std::string::npos)
        return std::make_exception_ptr(storageFull());
    return std::current_exception();
}

void quietly(Poco::Data::Session& s, const char* sql) {
    try {
        s << sql, now;
    } catch (...) {
    }
}

}  // namespace

Database::Database(const DatabaseSettings& settings) : settings_(settings) {
    registerOnce();
    try {
        writer_ = open();
        if (settings_.backend == Backend::SQLite)
            writer_->session << "PRAGMA journal_mode=WAL", now;
        for (int i = 0; i < settings_.readers; ++i) idleReaders_.push_back(open());
    } catch (const Poco::Exception& e) {
        throw core::Unavailable("cannot open the database " + describe() + ": " + e.displayText());
    }
    writerThread_ = std::thread([this] { writerLoop(); });
}

Database::~Database() {
    {
        std::lock_guard<std::mutex> lock(queueMutex_);
        stopping_ = true;
    }
    queued_.notify_all();
    writerThread_.join();
    std::lock_guard<std::mutex> lockReaders(readersMutex_);
    idleReaders_.clear();
    if (settings_.backend == Backend::SQLite)  // a clean stop leaves one file
        quietly(writer_->session, "PRAGMA wal_checkpoint(TRUNCATE)");
    writer_.reset();
}

void Database::setAuditAppender(std::shared_ptr<const AuditAppender> appender) {
    std::lock_guard<std::mutex> lock(queueMutex_);
    appender_ = std::move(appender);
}

std::string Database::describe() const {
    return settings_.backend == Backend::SQLite ? settings_.path : settings_.description;
}

// Counts each statement SQLite starts on a connection (not the parts of a trigger).
static int countStatement(unsigned, void* counter, void*, void* text) {
    if (text && std::strncmp(static_cast<const char*>(text), "--", 2) != 0)
        ++*static_cast<std::atomic<std::uint64_t>*>(counter);
    return 0;
}

std::unique_ptr<Database::Connection> Database::open() const {
    if (settings_.backend == Backend::PostgreSQL) {
        Poco::Data::Session session("PostgreSQL", settings_.connection);
        // Durability as SQLite's synchronous=FULL: a commit returns once its WAL is flushed.
        session << "SET synchronous_commit = on", now;
        session << "SET client_min_messages = warning", now;  // no NOTICE on stderr
        session << "SET lock_timeout = " + std::to_string(settings_.busyTimeoutMs), now;
        // Statements are prepared once per connection (store/Query.h); plan each once too. With
        // the default, PostgreSQL planned a case read anew for its first executions (1.3 ms of
        // planning for 0.4 ms of work). A generic plan is made again when ANALYZE changes the
        // statistics of its tables.
        session << "SET plan_cache_mode = force_generic_plan", now;
        return std::make_unique<Connection>(session);
    }
    Poco::Data::Session session("SQLite", settings_.path);
    session << "PRAGMA foreign_keys=ON", now;
    session << "PRAGMA busy_timeout=" + std::to_string(settings_.busyTimeoutMs), now;
    session << "PRAGMA synchronous=FULL", now;
    // Deleted content is overwritten, so a destroyed case key leaves no trace in free pages.
    session << "PRAGMA secure_delete=ON", now;
    sqlite3_trace_v2(Poco::Data::SQLite::Utility::dbHandle(session), SQLITE_TRACE_STMT,
                     countStatement, &sqliteStatements_);
    return std::make_unique<Connection>(session);
}

void Database::withReader(const std::function<void(Poco::Data::Session&)>& work) {
    std::unique_ptr<Connection> session;
    {
        std::unique_lock<std::mutex> lock(readersMutex_);
        readerFree_.wait(lock, [this] { return !idleReaders_.empty(); });
        session = std::move(idleReaders_.back());
        idleReaders_.pop_back();
    }
    // The reader goes back to the pool whatever happens, also when reconnecting fails while the
    // database is away (issue 17: a lost reader each time shrank the pool until every read
    // waited for ever after a restart).
    struct GiveBack {
        Database* db;
        std::unique_ptr<Connection>& s;
        ~GiveBack() {
            {
                std::lock_guard<std::mutex> lock(db->readersMutex_);
                db->idleReaders_.push_back(std::move(s));
            }
            db->readerFree_.notify_one();
        }
    } giveBack{this, session};
    reconnectIfLost(session);
    try {
        ConnectionScope bound(session->session, session->statements);
        work(session->session);
    } catch (const Poco::Exception&) {
        // The connection died under this read (a PostgreSQL restart or failover). The read is not
        // run again here: `work` may have half-filled its results. It fails as "try again", and
        // this reader gets a new connection for the next one.
        if (settings_.backend != Backend::PostgreSQL || connectionAlive(session->session)) throw;
        reconnectIfLost(session);
        throw core::Unavailable("The connection to the database was lost; try again.");
    }
}

void Database::withWriter(const std::function<void(Poco::Data::Session&)>& work) {
    if (tlsOnWriterThread) {  // nested: already inside a writer item's transaction
        work(writer_->session);
        return;
    }
    auto item = std::make_unique<WriteItem>();
    item->work = work;
    enqueue(std::move(item));
}

void Database::enqueue(std::unique_ptr<WriteItem> item) {
    item->audit = AuditContext::current();
    item->queued = std::chrono::steady_clock::now();
    auto done = item->done.get_future();
    {
        std::lock_guard<std::mutex> lock(queueMutex_);
        queue_.push_back(std::move(item));
    }
    queued_.notify_one();
    done.get();
}

void Database::checkpoint() {
    if (settings_.backend == Backend::PostgreSQL) return;  // no WAL file of ours to fold back
    // An item the writer thread runs between groups, outside any transaction.
    auto item = std::make_unique<WriteItem>();
    item->checkpoint = true;
    enqueue(std::move(item));
}

void Database::flushAudit() {
    AuditContext* context = AuditContext::current();
    if (!context || context->written) return;
    if (appender_ && appender_->noop()) {  // benchmarks only: a read waits for no commit
        context->written = true;
        return;
    }
    auto item = std::make_unique<WriteItem>();
    item->work = [](Poco::Data::Session&) {};
    item->auditOnly = true;
    enqueue(std::move(item));
}

bool Database::lowOnSpace() const {
    // On PostgreSQL the database server's disk is its operator's watch; a full one still gives
    // storage_full (storageError).
    if (settings_.reserveBytes == 0 || settings_.backend == Backend::PostgreSQL) return false;
    const auto folder = std::filesystem::path(settings_.path).parent_path();
    struct statvfs fs {};
    if (::statvfs(folder.empty() ? "." : folder.c_str(), &fs) != 0) return false;
    return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize < settings_.reserveBytes;
}

std::vector<std::unique_ptr<Database::WriteItem>> Database::takeGroup() {
    std::unique_lock<std::mutex> lock(queueMutex_);
    queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return {};
    // Wait for companions only while they keep coming, and never past the oldest item's bound.
    // Under load the queue fills while the previous group commits, and those items go at once
    // (natural group commit); a fixed wait would add its whole length to every audited read.
    const auto bound =
        queue_.front()->queued + std::chrono::microseconds(settings_.groupWaitMicros);
    const auto gap = std::chrono::microseconds(settings_.groupWaitMicros / 8);
    for (std::size_t seen = queue_.size(); !stopping_ && seen < kMaxGroup; seen = queue_.size()) {
        const auto until = std::min(bound, std::chrono::steady_clock::now() + gap);
        if (!queued_.wait_until(lock, until, [&] { return stopping_ || queue_.size() > seen; }))
            break;  // nobody joined within the gap, or the bound has passed
    }
    std::vector<std::unique_ptr<WriteItem>> group;
    while (!queue_.empty() && group.size() < kMaxGroup && !queue_.front()->checkpoint) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
    }
    return group;
}

void Database::writerLoop() {
    tlsOnWriterThread = true;
    for (;;) {
        auto group = takeGroup();
        if (group.empty()) {
            std::unique_ptr<WriteItem> checkpoint;
            {
                std::lock_guard<std::mutex> lock(queueMutex_);
                if (queue_.empty()) return;  // stopping, and nothing left to write
                checkpoint = std::move(queue_.front());
                queue_.pop_front();
            }
            quietly(writer_->session, "PRAGMA wal_checkpoint(TRUNCATE)");
            checkpoint->done.set_value();
            continue;
        }
        commitGroup(group);
    }
}

std::exception_ptr Database::inSavepoint(const std::function<void(Poco::Data::Session&)>& work) {
    Poco::Data::Session& s = writer_->session;
    std::exception_ptr error;
    Query(s, "SAVEPOINT item").run();
    try {
        work(s);
        Query(s, "RELEASE item").run();
    } catch (const Poco::Exception& e) {
        error = storageError(e);
    } catch (...) {
        error = std::current_exception();
    }
    if (error) {
        quietly(s, "ROLLBACK TO item");
        quietly(s, "RELEASE item");
    }
    return error;
}

void Database::runItem(WriteItem& item, bool refuseChanges, std::exception_ptr& error,
                       ChainHead& head) {
    if (refuseChanges && !item.auditOnly) {  // the reserve is kept for audit entries
        error = std::make_exception_ptr(storageFull());
        return;
    }
    AuditScope scope(item.audit);
    const bool auditWasWritten = item.audit && item.audit->written;
    const ChainHead headBefore = head;
    error = inSavepoint([&](Poco::Data::Session& s) {
        item.work(s);
        if (item.audit && !item.audit->written && appender_)
            appender_->append(s, *item.audit, head);
    });
    if (error) {
        if (item.audit) item.audit->written = auditWasWritten;
        head = headBefore;
    }
}

void Database::runAuditEntries(const std::vector<WriteItem*>& items, std::exception_ptr& error,
                               ChainHead& head) {
    std::vector<AuditContext*> contexts;
    for (WriteItem* item : items) contexts.push_back(item->audit);
    const ChainHead headBefore = head;
    error = inSavepoint([&](Poco::Data::Session& s) {
        if (appender_) appender_->appendAll(s, contexts, head);
    });
    if (error) {
        for (AuditContext* context : contexts) context->written = false;
        head = headBefore;
    }
}

void Database::reconnectIfLost(std::unique_ptr<Connection>& connection) const {
    // A PostgreSQL connection dies with a server restart or a failover; the request that found it
    // dead has failed, the next one gets a new connection, and new prepared statements with it.
    // (SQLite files do not disconnect.)
    if (settings_.backend != Backend::PostgreSQL || connectionAlive(connection->session)) return;
    try {
        connection = open();
    } catch (const Poco::Exception& e) {
        // The reason (host, port, server's words) is for the operator's log, not for the client.
        spdlog::error("cannot reach the database {}: {}", describe(), e.displayText());
        throw core::Unavailable("The database cannot be reached right now; try again.");
    }
}

void Database::beginWrite() {
    // Each on the writer's connection as it is now (a reconnect below replaces it).
    const auto run = [this](const char* text) {
        ConnectionScope bound(writer_->session, writer_->statements);
        Query(writer_->session, text).run();
    };
    if (settings_.backend == Backend::SQLite) {
        run("BEGIN IMMEDIATE");
        return;
    }
    try {
        run("BEGIN");
    } catch (const Poco::Exception&) {
        if (connectionAlive(writer_->session)) throw;
        reconnectIfLost(writer_);  // the connection had died; nothing was sent: begin anew
        run("BEGIN");
    }
    run(kTakeWriteLock);
}

void Database::commitGroup(std::vector<std::unique_ptr<WriteItem>>& group) {
    std::exception_ptr beginError;
    try {
        reconnectIfLost(writer_);
        beginWrite();  // may replace writer_'s connection: bound below, once it is settled
    } catch (const Poco::Exception& e) {
        beginError = storageError(e);
    } catch (...) {
        beginError = std::current_exception();
    }
    if (beginError) {
        for (auto& item : group) {
            if (item->audit) item->audit->written = false;
            item->done.set_exception(beginError);
        }
        return;
    }
    Poco::Data::Session& s = writer_->session;
    ConnectionScope bound(s, writer_->statements);
    std::vector<std::exception_ptr> errors(group.size());
    std::exception_ptr groupError;
    const auto started = std::chrono::steady_clock::now();
    const bool refuseChanges = lowOnSpace();
    const bool sqlite = settings_.backend == Backend::SQLite;
    sqlite3* handle = sqlite ? Poco::Data::SQLite::Utility::dbHandle(s) : nullptr;
    // SQLITE_FULL or an I/O error may roll the whole transaction back, items already released
    // with it: then the whole group has failed.
    const auto failIfRolledBack = [&](const std::exception_ptr& error) {
        if (error && sqlite && sqlite3_get_autocommit(handle)) std::rethrow_exception(error);
    };
    ChainHead head;  // read at the group's first audit entry, then carried (issue 18)
    try {
        // The entries of requests that only read go in together, after the writes, with one
        // insert: each write's own entry stays in its savepoint, with its change.
        std::vector<WriteItem*> readsOnly;
        std::vector<std::size_t> readsAt;
        for (std::size_t i = 0; i < group.size(); ++i) {
            if (group[i]->auditOnly && appender_) {
                readsOnly.push_back(group[i].get());
                readsAt.push_back(i);
                continue;
            }
            runItem(*group[i], refuseChanges, errors[i], head);
            failIfRolledBack(errors[i]);
        }
        if (!readsOnly.empty()) {
            std::exception_ptr error;
            runAuditEntries(readsOnly, error, head);
            for (std::size_t i : readsAt) errors[i] = error;
            failIfRolledBack(error);
        }
        Query(s, "COMMIT").run();
    } catch (const Poco::Exception& e) {
        quietly(s, "ROLLBACK");
        groupError = storageError(e);
    } catch (...) {
        quietly(s, "ROLLBACK");
        groupError = std::current_exception();
    }
    ++groups_;
    for (std::size_t i = 0; i < group.size(); ++i) {
        auto& item = *group[i];
        const auto waited =
            std::chrono::duration_cast<std::chrono::microseconds>(started - item.queued).count();
        waitMicrosTotal_ += static_cast<std::uint64_t>(waited);
        if (static_cast<std::uint64_t>(waited) > waitMicrosMax_)
            waitMicrosMax_ = static_cast<std::uint64_t>(waited);
        ++writes_;
        if (groupError && item.audit) item.audit->written = false;
        if (groupError)
            item.done.set_exception(groupError);
        else if (errors[i])
            item.done.set_exception(errors[i]);
        else
            item.done.set_value();
    }
}

void Database::executeScript(Poco::Data::Session& session, const std::string& sql) {
    if (isPostgreSQL(session)) {
        for (const auto& statement : statementsOf(sql)) session << statement, now;
        return;
    }
    sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(session);
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw Poco::Data::SQLite::SQLiteException(text);
    }
}

std::uint64_t Database::statementsRun() const {
    return settings_.backend == Backend::SQLite ? sqliteStatements_.load()
                                                : StatementCache::executed.load();
}

std::string Database::metricsText() const {
    std::ostringstream out;
    out << "# HELP binhan_db_commit_groups_total Write transactions committed (one fsync each).\n"
           "# TYPE binhan_db_commit_groups_total counter\nbinhan_db_commit_groups_total "
        << groups_.load() << "\n"
        << "# HELP binhan_db_writes_total Writes carried by those groups.\n"
           "# TYPE binhan_db_writes_total counter\nbinhan_db_writes_total "
        << writes_.load() << "\n"
        << "# HELP binhan_db_write_wait_seconds_sum Time writes waited for their group to start.\n"
           "# TYPE binhan_db_write_wait_seconds_sum counter\nbinhan_db_write_wait_seconds_sum "
        << static_cast<double>(waitMicrosTotal_.load()) / 1e6 << "\n"
        << "# HELP binhan_db_write_wait_seconds_max Longest such wait since start.\n"
           "# TYPE binhan_db_write_wait_seconds_max gauge\nbinhan_db_write_wait_seconds_max "
        << static_cast<double>(waitMicrosMax_.load()) / 1e6 << "\n";
    return out.str();
}

}  // namespace binhan::store
