#pragma once
// A real `binhan serve` for black-box tests: a fresh data dir made by `binhan init`, a free
// loopback port, HTTPS requests through Poco's client, and a clean stop by SIGTERM.
//
// Both backends (issue 11): when BINHAN_TEST_POSTGRESQL_DIR names a running test cluster
// (tests/support/postgresql-cluster), every server gets a fresh PostgreSQL database of its own
// there (dropped at the end) instead of a SQLite file; tests of SQLite files carry the tag
// [sqlite] and are left out of that run. TestServer::secondInstance starts another `binhan serve`
// on the same database and key file, as a province runs several behind a load balancer.
//
// Recording (issue 17): when BINHAN_TEST_REPLY_LOG names a directory, every answer `request`
// receives (and so `get`, `call`, `browserCall`, `login`, …) is appended there, one JSON line
// each, to replies-<pid>.jsonl: the test's name, method, path, status, content type and body
// (base64), and for a 2XX answer the request's body too. tests/api/OpenApiLive_test.cpp checks
// them all against the OpenAPI document. Without the variable nothing is written.
#include <Poco/Net/Context.h>
#include <Poco/Process.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace binhan::testing {

struct Reply {
    int status = 0;
    std::map<std::string, std::string> headers;  // names as sent
    std::string body;
    bool hasHeader(const std::string& name) const;
    std::string header(const std::string& name) const;  // case-insensitive; "" when absent
};

// A signed-in client: the token (for Bearer), the CSRF token, and the user as the server sees it.
struct Login {
    std::string token;
    std::string csrf;
    std::int64_t userId = 0;
    std::string role;
};

// Runs `binhan ARGS…` to completion; returns the exit code and the combined output.
std::pair<int, std::string> runBinhan(const std::vector<std::string>& args);

class TestServer {
  public:
    // Initialises a new data dir and starts the server; `sets` are extra --set key=value.
    // `sqlite` keeps it on SQLite even in a PostgreSQL run (e.g. the source of a migration).
    explicit TestServer(std::vector<std::string> sets = {}, bool start = true, bool sqlite = false);
    // Serves a data dir prepared elsewhere (e.g. a restored backup) on a free port; removes it
    // at the end like its own.
    struct Existing {
        std::string dataDir;
        std::vector<std::string> sets;  // e.g. the database to use
    };
    static Existing existing(std::string dataDir, std::vector<std::string> sets = {}) {
        return Existing{std::move(dataDir), std::move(sets)};
    }
    TestServer(Existing existing, int);
    // Another instance on `first`'s database and master key (PostgreSQL runs only): its own data
    // dir, port, certificate and audit checkpoint files.
    static std::unique_ptr<TestServer> secondInstance(const TestServer& first);
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    void start();
    // More --set lines for the next start() (e.g. a port known only once the data dir exists).
    void addSets(const std::vector<std::string>& sets) {
        sets_.insert(sets_.end(), sets.begin(), sets.end());
    }
    // Sends SIGTERM; with `wait`, waits for the exit and returns its code.
    std::optional<int> terminate(bool wait = true, int timeoutMs = 40000);
    bool running();
    // Kills the server with SIGKILL (a crash) and reaps it.
    void kill9();
    // Waits (without signalling) for the server to exit; its exit code, or nullopt on timeout.
    std::optional<int> waitForExit(int timeoutMs = 40000);

    Reply request(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::map<std::string, std::string>& headers = {});
    Reply get(const std::string& path) { return request("GET", path); }
    // Bearer-authenticated request.
    Reply call(const Login& who, const std::string& method, const std::string& path,
               const std::string& body = "");
    // Cookie-authenticated request (as a browser); `csrf` empty sends no X-CSRF-Token.
    Reply browserCall(const Login& who, const std::string& method, const std::string& path,
                      const std::string& body, const std::string& csrf);

    // Signs in (201 expected, else throws).
    Login login(const std::string& username, const std::string& password);
    Login loginAdmin();
    // Creates a user of `role` through the API as the first admin, and signs them in.
    Login addUser(const std::string& username, const std::string& role);

    int port() const { return port_; }
    // Runs `sql` on this server's database, whichever the backend, and returns the rows, each
    // column as text ("" for NULL). For checks the API cannot make (what is stored, and how).
    std::vector<std::vector<std::string>> query(const std::string& sql) const;
    bool onPostgreSQL() const { return !databaseSets_.empty(); }
    // The --set lines naming the database (empty on SQLite).
    const std::vector<std::string>& databaseSets() const { return databaseSets_; }
    // The --set lines for a new, empty PostgreSQL database on the test cluster, made now and
    // dropped with this server.
    std::vector<std::string> makeEmptyPostgreSQLDatabase();
    // The server's process id while it runs, else 0.
    int pid() const { return process_ ? static_cast<int>(process_->id()) : 0; }
    const std::string& dataDir() const { return dataDir_; }
    std::vector<std::string> baseArgs() const;  // --set data.dir=… --set server.port=…
    std::string logText() const;
    std::string outputText() const;

  private:
    struct Blank {};
    explicit TestServer(Blank) {}
    std::string dataDir_;
    std::vector<std::string> postgresDatabases_;  // created for this server, dropped at the end
    std::vector<std::string> databaseSets_;
    int port_ = 0;
    std::vector<std::string> sets_;
    std::optional<Poco::ProcessHandle> process_;
    Poco::Net::Context::Ptr client_;
};

// A TLS handshake with the given bounds (OpenSSL constants, e.g. TLS1_1_VERSION) and TLS 1.2
// cipher list, from a client that would accept weak settings; true when the server agrees.
bool tlsHandshakeSucceeds(int port, int minVersion, int maxVersion, const std::string& ciphers);

int freeLoopbackPort();

// The value of the first "name": in a JSON text, unquoted ("" when absent): for quick checks
// of flat answers (ids, codes); use Poco::JSON for anything nested.
std::string jsonField(const std::string& body, const std::string& name);

// The test PostgreSQL cluster's port when the suite runs on PostgreSQL, else 0.
int testPostgreSQLPort();
// Runs SQL on the test cluster's database `database` with psql; throws on failure.
std::string psql(const std::string& database, const std::string& sql);

}  // namespace binhan::testing
