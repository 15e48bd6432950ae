#include "store/Database.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/SQLite/Utility.h>
#include <sqlite3.h>

#include "core/Error.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {
namespace {

void registerOnce() {
    static std::once_flag once;
    std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
}

// SQLite says "database or disk is full" (SQLITE_FULL) or fails I/O when the disk is full; the
// user gets a clear 503 and the transaction is rolled back, so nothing is half-written.
[[noreturn]] void rethrowStorageError(const Poco::Exception& e) {
    const std::string text = e.displayText();
    if (text.find("full") != std::string::npos || text.find("disk I/O") != std::string::npos)
        throw core::Unavailable("The server's storage is full; the change was not saved.");
    throw;
}

}  // namespace

Database::Database(const DatabaseSettings& settings) : settings_(settings) {
    registerOnce();
    try {
        writer_ = std::make_unique<Poco::Data::Session>(open());
        *writer_ << "PRAGMA journal_mode=WAL", now;
        for (int i = 0; i < settings_.readers; ++i)
            idleReaders_.push_back(std::make_unique<Poco::Data::Session>(open()));
    } catch (const Poco::Exception& e) {
        throw core::Unavailable("cannot open the database " + settings_.path + ": " +
                                e.displayText());
    }
}

Database::~Database() {
    std::lock_guard<std::mutex> lockWriter(writerMutex_);
    std::lock_guard<std::mutex> lockReaders(readersMutex_);
    idleReaders_.clear();
    if (writer_) {
        try {
            // Fold the WAL back into the main file so a clean stop leaves one file.
            *writer_ << "PRAGMA wal_checkpoint(TRUNCATE)", now;
        } catch (const Poco::Exception&) {
        }
        writer_.reset();
    }
}

Poco::Data::Session Database::open() const {
    Poco::Data::Session session("SQLite", settings_.path);
    session << "PRAGMA foreign_keys=ON", now;
    session << "PRAGMA busy_timeout=" + std::to_string(settings_.busyTimeoutMs), now;
    session << "PRAGMA synchronous=FULL", now;
    return session;
}

void Database::withReader(const std::function<void(Poco::Data::Session&)>& work) {
    std::unique_ptr<Poco::Data::Session> session;
    {
        std::unique_lock<std::mutex> lock(readersMutex_);
        readerFree_.wait(lock, [this] { return !idleReaders_.empty(); });
        session = std::move(idleReaders_.back());
        idleReaders_.pop_back();
    }
    struct GiveBack {
        Database* db;
        std::unique_ptr<Poco::Data::Session>& s;
        ~GiveBack() {
            {
                std::lock_guard<std::mutex> lock(db->readersMutex_);
                db->idleReaders_.push_back(std::move(s));
            }
            db->readerFree_.notify_one();
        }
    } giveBack{this, session};
    work(*session);
}

void Database::withWriter(const std::function<void(Poco::Data::Session&)>& work) {
    std::lock_guard<std::mutex> lock(writerMutex_);
    Poco::Data::Session& session = *writer_;
    try {
        session << "BEGIN IMMEDIATE", now;
    } catch (const Poco::Exception& e) {
        rethrowStorageError(e);
    }
    try {
        work(session);
        session << "COMMIT", now;
    } catch (const Poco::Exception& e) {
        try {
            session << "ROLLBACK", now;
        } catch (...) {
        }
        rethrowStorageError(e);
    } catch (...) {
        try {
            session << "ROLLBACK", now;
        } catch (...) {
        }
        throw;
    }
}

void Database::executeScript(Poco::Data::Session& session, const std::string& sql) {
    sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(session);
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw Poco::Data::SQLite::SQLiteException(text);
    }
}

}  // namespace binhan::store
