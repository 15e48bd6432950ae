#include "store/Query.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/PostgreSQL/SessionImpl.h>
#include <Poco/Data/SQLite/Utility.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdlib>
#include <stdexcept>

#include "store/Sql.h"

namespace binhan::store {
namespace {

thread_local const Poco::Data::Session* tlsSession = nullptr;
thread_local StatementCache* tlsCache = nullptr;

// A cache that grew past this holds texts built per request (it should not): further texts run
// as one-off statements.
constexpr std::size_t kMaxStatements = 512;

[[noreturn]] void fail(const std::string& what) {
    throw Poco::Data::DataException(what);
}

class SqliteStatement final : public NativeStatement {
  public:
    SqliteStatement(sqlite3* db, const std::string& text) : db_(db) {
        // PERSISTENT: SQLite expects this statement to be kept and run many times.
        if (sqlite3_prepare_v3(db, text.c_str(), static_cast<int>(text.size()),
                               SQLITE_PREPARE_PERSISTENT, &statement_, nullptr) != SQLITE_OK)
            fail(std::string(sqlite3_errmsg(db)) + " in: " + text);
    }
    ~SqliteStatement() override { sqlite3_finalize(statement_); }

    void bindInteger(int index, std::int64_t value) override {
        check(sqlite3_bind_int64(statement_, index, value));
    }
    void bindText(int index, const std::string& value) override {
        check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                                SQLITE_TRANSIENT));
    }
    void bindBlob(int index, const std::uint8_t* data, std::size_t size) override {
        // A zero-length blob, not NULL (SQLite binds NULL for a null pointer).
        static const std::uint8_t empty = 0;
        check(sqlite3_bind_blob(statement_, index, size ? data : &empty, static_cast<int>(size),
                                SQLITE_TRANSIENT));
    }
    void bindNull(int index) override { check(sqlite3_bind_null(statement_, index)); }

    bool step() override {
        if (done_) return false;
        const int rc = sqlite3_step(statement_);
        if (rc == SQLITE_ROW) return true;
        done_ = true;
        if (rc == SQLITE_DONE) return false;
        fail(sqlite3_errmsg(db_));
    }
    void reset() override {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
        done_ = false;
    }
    std::int64_t changes() const override { return sqlite3_changes64(db_); }
    bool isNull(int c) const override { return sqlite3_column_type(statement_, c) == SQLITE_NULL; }
    std::int64_t integer(int c) const override { return sqlite3_column_int64(statement_, c); }
    std::string text(int c) const override {
        const auto* p = sqlite3_column_text(statement_, c);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               static_cast<std::size_t>(sqlite3_column_bytes(statement_, c)))
                 : std::string();
    }
    Blob blob(int c) const override {
        const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement_, c));
        return p ? Blob(p, p + sqlite3_column_bytes(statement_, c)) : Blob();
    }

  private:
    void check(int rc) const {
        if (rc != SQLITE_OK) fail(sqlite3_errmsg(db_));
    }
    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
    bool done_ = false;
};

constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;

// PostgreSQL: prepared once under a name on this connection (PQprepare), then one round trip
// per run (PQexecPrepared). Values go as text, blobs in binary; results come back as text.
class PostgresStatement final : public NativeStatement {
  public:
    PostgresStatement(PGconn* connection, std::string text, std::string name)
        : connection_(connection), text_(toPostgreSQL(text)), name_(std::move(name)) {}
    ~PostgresStatement() override { clearResult(); }

    void bindInteger(int index, std::int64_t value) override {
        put(index, std::to_string(value), false);
    }
    void bindText(int index, const std::string& value) override { put(index, value, false); }
    void bindBlob(int index, const std::uint8_t* data, std::size_t size) override {
        put(index, std::string(reinterpret_cast<const char*>(data), size), true);
    }
    void bindNull(int index) override {
        put(index, {}, false);
        slot(index).null = true;
    }

    bool step() override {
        if (!result_) execute();
        return ++row_ < PQntuples(result_);
    }
    void reset() override {
        clearResult();
        values_.clear();
    }
    std::int64_t changes() const override {
        const char* n = result_ ? PQcmdTuples(result_) : "";
        return *n ? std::strtoll(n, nullptr, 10) : 0;
    }
    bool isNull(int c) const override { return PQgetisnull(result_, row_, c) != 0; }
    std::int64_t integer(int c) const override {
        const char* v = PQgetvalue(result_, row_, c);
        if (PQftype(result_, c) == kBoolOid) return v[0] == 't' ? 1 : 0;
        return std::strtoll(v, nullptr, 10);
    }
    std::string text(int c) const override {
        return std::string(PQgetvalue(result_, row_, c),
                           static_cast<std::size_t>(PQgetlength(result_, row_, c)));
    }
    Blob blob(int c) const override {
        if (PQgetisnull(result_, row_, c)) return {};
        const std::string v = text(c);
        if (PQftype(result_, c) != kByteaOid) return Blob(v.begin(), v.end());
        if (v.rfind("\\x", 0) != 0) fail("unexpected bytea text from PostgreSQL");
        return fromHex(v.substr(2));
    }

  private:
    struct Value {
        std::string bytes;
        bool binary = false;
        bool null = false;
    };
    Value& slot(int index) {
        if (values_.size() < static_cast<std::size_t>(index)) values_.resize(index);
        return values_[index - 1];
    }
    void put(int index, std::string bytes, bool binary) {
        Value& v = slot(index);
        v.bytes = std::move(bytes);
        v.binary = binary;
        v.null = false;
    }
    void prepareOnce() {
        if (prepared_) return;
        PGresult* r = PQprepare(connection_, name_.c_str(), text_.c_str(), 0, nullptr);
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        const std::string error = ok ? "" : PQresultErrorMessage(r);
        PQclear(r);
        if (!ok) fail(error + " in: " + text_);
        prepared_ = true;
    }
    void execute() {
        prepareOnce();
        std::vector<const char*> values;
        std::vector<int> lengths, formats;
        for (const auto& v : values_) {
            values.push_back(v.null ? nullptr : v.bytes.data());
            lengths.push_back(static_cast<int>(v.bytes.size()));
            formats.push_back(v.binary ? 1 : 0);
        }
        result_ = PQexecPrepared(connection_, name_.c_str(), static_cast<int>(values.size()),
                                 values.data(), lengths.data(), formats.data(), 0);
        const auto status = PQresultStatus(result_);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            const std::string error = PQresultErrorMessage(result_);
            clearResult();
            fail(error.empty() ? "the PostgreSQL connection was lost" : error);
        }
        row_ = -1;
    }
    void clearResult() {
        if (result_) PQclear(result_);
        result_ = nullptr;
        row_ = -1;
    }

    PGconn* connection_;
    std::string text_, name_;
    bool prepared_ = false;
    std::vector<Value> values_;
    PGresult* result_ = nullptr;
    int row_ = -1;
};

// `nextName`: the connection's counter of statement names, or null for a one-off statement,
// which takes PostgreSQL's unnamed statement (replaced by the next one-off, never in the way of
// a named one).
std::unique_ptr<NativeStatement> prepare(Poco::Data::Session& session, const std::string& text,
                                         int* nextName) {
    if (isPostgreSQL(session)) {
        auto* impl = dynamic_cast<Poco::Data::PostgreSQL::SessionImpl*>(session.impl());
        if (!impl) fail("not a PostgreSQL session");
        PGconn* connection = impl->handle();
        const std::string name = nextName ? "binhan_" + std::to_string((*nextName)++) : "";
        return std::make_unique<PostgresStatement>(connection, text, name);
    }
    return std::make_unique<SqliteStatement>(Poco::Data::SQLite::Utility::dbHandle(session), text);
}

}  // namespace

std::atomic<std::uint64_t> StatementCache::executed{0};

StatementCache::~StatementCache() {
    clear();
}

void StatementCache::clear() {
    statements_.clear();
}

NativeStatement* StatementCache::statement(Poco::Data::Session& session, const std::string& text) {
    auto found = statements_.find(text);
    if (found != statements_.end()) return found->second.get();
    // Full: the caller makes a one-off (a cache that sheds statements could free one that a
    // Query of this thread still holds).
    if (statements_.size() >= kMaxStatements) return nullptr;
    auto made = prepare(session, text, &nextName_);
    return statements_.emplace(text, std::move(made)).first->second.get();
}

ConnectionScope::ConnectionScope(Poco::Data::Session& session, StatementCache& cache)
    : previousSession_(tlsSession), previousCache_(tlsCache) {
    tlsSession = &session;
    tlsCache = &cache;
}

ConnectionScope::~ConnectionScope() {
    tlsSession = previousSession_;
    tlsCache = previousCache_;
}

Query::Query(Poco::Data::Session& session, const std::string& text) {
    if (tlsSession == &session && tlsCache) statement_ = tlsCache->statement(session, text);
    if (!statement_) {
        owned_ = prepare(session, text, nullptr);
        statement_ = owned_.get();
    }
}

Query::~Query() {
    statement_->reset();
}

Query& Query::bind(std::int64_t value) {
    statement_->bindInteger(nextIndex_++, value);
    return *this;
}

Query& Query::bind(const std::string& value) {
    statement_->bindText(nextIndex_++, value);
    return *this;
}

Query& Query::bind(const Blob& value) {
    statement_->bindBlob(nextIndex_++, value.data(), value.size());
    return *this;
}

Query& Query::bind(const SqlValue& value) {
    std::visit([this](const auto& v) { bind(v); }, value);
    return *this;
}

Query& Query::bindAll(const std::vector<SqlValue>& values) {
    for (const auto& v : values) bind(v);
    return *this;
}

Query& Query::bindNull() {
    statement_->bindNull(nextIndex_++);
    return *this;
}

bool Query::next() {
    if (!executed_) {
        executed_ = true;
        ++StatementCache::executed;
    }
    return statement_->step();
}

std::int64_t Query::run() {
    while (next()) {
    }
    return statement_->changes();
}

bool connectionAlive(Poco::Data::Session& session) {
    if (!isPostgreSQL(session)) return true;
    auto* impl = dynamic_cast<Poco::Data::PostgreSQL::SessionImpl*>(session.impl());
    if (!impl || !session.isConnected()) return false;
    PGconn* connection = impl->handle();
    return connection && PQstatus(connection) == CONNECTION_OK;
}

Blob fromHex(const std::string& hex) {
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw std::invalid_argument("not hexadecimal");
    };
    if (hex.size() % 2) throw std::invalid_argument("odd hexadecimal length");
    Blob out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
    return out;
}

}  // namespace binhan::store
