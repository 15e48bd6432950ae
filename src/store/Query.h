#pragma once
// A statement prepared once per connection and run again with new values (issue 18).
//
// Poco::Data prepares every statement anew, and on PostgreSQL its connector sends prepare,
// execute and deallocate as three round trips: on the hot paths (the signed-in session, the case
// read, search, the audit entry, creation and event append) that cost more than the work itself
// (docs/benchmarks.md). A Query takes the connection's native handle from its Poco session —
// `sqlite3*` or `PGconn*` — and keeps the prepared statement in that connection's
// StatementCache, keyed by its text: the next Query of the same text only resets, rebinds and
// steps it (PostgreSQL: one PQexecPrepared round trip). Poco::Data still owns the sessions,
// the pool, transactions and every cold statement.
//
// The cache belongs to the connection that store::Database hands to a reader or to the writer;
// a session Database did not hand out (migrations, a copy between databases) gets a one-off
// statement, finalised with the Query. Texts are portable SQL with '?' placeholders, as
// store/Sql.h. Values are bound in order of appearance; rows are read by column number.
//
// A Query is used by one thread, on the connection it was given, within that hand-out.
// Errors throw Poco::Data::DataException with the database's own words (store::Database maps
// "disk is full" and friends to storage_full, as for Poco's statements).
#include <Poco/Data/Session.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace binhan::store {

using Blob = std::vector<std::uint8_t>;

// One value for a placeholder: an integer or a text (fragments carry these, store/CaseVisibility).
using SqlValue = std::variant<std::int64_t, std::string>;

// One backend's prepared statement (store/Query.cpp).
class NativeStatement {
  public:
    virtual ~NativeStatement() = default;
    virtual void bindInteger(int index, std::int64_t value) = 0;
    virtual void bindText(int index, const std::string& value) = 0;
    virtual void bindBlob(int index, const std::uint8_t* data, std::size_t size) = 0;
    virtual void bindNull(int index) = 0;
    // The first call executes; each call moves to the next row; false past the last.
    virtual bool step() = 0;
    // Back to "not yet executed", values cleared (SQLite: ends the statement's read).
    virtual void reset() = 0;
    virtual std::int64_t changes() const = 0;
    virtual bool isNull(int column) const = 0;
    virtual std::int64_t integer(int column) const = 0;
    virtual std::string text(int column) const = 0;
    virtual Blob blob(int column) const = 0;
};

// The prepared statements of one connection. Owned with the connection by store::Database and
// destroyed before its session closes.
class StatementCache {
  public:
    StatementCache() = default;
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;
    ~StatementCache();

    // The statement for `text`, prepared on first use; null when the cache is full (the caller
    // then runs a one-off statement).
    NativeStatement* statement(Poco::Data::Session& session, const std::string& text);
    std::size_t size() const { return statements_.size(); }
    void clear();

    // Statements executed through any Query since start (all connections): the test that pins
    // the statements of a case read counts these on PostgreSQL, and SQLite's own trace counts
    // Poco's statements too (store::Database::statementsRun).
    static std::atomic<std::uint64_t> executed;

  private:
    std::unordered_map<std::string, std::unique_ptr<NativeStatement>> statements_;
    int nextName_ = 0;  // PostgreSQL statement names on this connection
};

// While alive, Queries on `session` from this thread use `cache` (store::Database binds each
// connection it hands out; nested scopes restore the outer binding).
class ConnectionScope {
  public:
    ConnectionScope(Poco::Data::Session& session, StatementCache& cache);
    ~ConnectionScope();
    ConnectionScope(const ConnectionScope&) = delete;
    ConnectionScope& operator=(const ConnectionScope&) = delete;

  private:
    const Poco::Data::Session* previousSession_;
    StatementCache* previousCache_;
};

class Query {
  public:
    Query(Poco::Data::Session& session, const std::string& text);
    ~Query();
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    Query& bind(std::int64_t value);
    Query& bind(int value) { return bind(static_cast<std::int64_t>(value)); }
    Query& bind(bool value) { return bind(static_cast<std::int64_t>(value ? 1 : 0)); }
    Query& bind(const std::string& value);
    Query& bind(const char* value) { return bind(std::string(value)); }
    Query& bind(const Blob& value);
    Query& bind(const SqlValue& value);
    Query& bindAll(const std::vector<SqlValue>& values);
    Query& bindNull();

    // Executes on the first call; then the next row. False when there is none (left).
    bool next();
    // Executes a statement that returns no rows (or ignores them); returns the rows changed.
    std::int64_t run();

    bool isNull(int column) const { return statement_->isNull(column); }
    std::int64_t integer(int column) const { return statement_->integer(column); }
    bool flag(int column) const { return statement_->integer(column) != 0; }
    std::string text(int column) const { return statement_->text(column); }
    Blob blob(int column) const { return statement_->blob(column); }

  private:
    std::unique_ptr<NativeStatement> owned_;  // a one-off statement (no cache on the session)
    NativeStatement* statement_ = nullptr;
    int nextIndex_ = 1;
    bool executed_ = false;
};

// Whether the session's connection still works: for PostgreSQL what libpq knows of it (a
// statement run through a Query that found the server gone leaves Poco's own flag untouched).
bool connectionAlive(Poco::Data::Session& session);

// Decodes the hexadecimal text SQLite's hex() and PostgreSQL's encode(…, 'hex') give (either
// case); throws std::invalid_argument for anything else.
Blob fromHex(const std::string& hex);

}  // namespace binhan::store
