#include "api/TestServer.h"

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/StreamCopier.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "fixtures/people.h"

namespace binhan::testing {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string makeTempDir() {
    std::string pattern = (fs::temp_directory_path() / "binhan-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string base64(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

// Appends each answer to $BINHAN_TEST_REPLY_LOG/replies-<pid>.jsonl (see TestServer.h); one file
// per process, so parallel tests never interleave; a line is flushed as soon as it is written.
void recordReply(const std::string& method, const std::string& path, const std::string& body,
                 const Poco::Net::HTTPRequest& request, const Reply& reply) {
    static const char* const dir = std::getenv("BINHAN_TEST_REPLY_LOG");
    if (dir == nullptr || *dir == '\0') return;
    static std::mutex mutex;
    static std::ofstream out;
    Poco::JSON::Object line(Poco::JSON_PRESERVE_KEY_ORDER);
    line.set("test", Catch::getResultCapture().getCurrentTestName());
    line.set("method", method);
    line.set("path", path);
    line.set("status", reply.status);
    line.set("content_type", reply.header("Content-Type"));
    line.set("body", base64(reply.body));
    if (reply.status >= 200 && reply.status < 300) {
        line.set("request_content_type", request.get("Content-Type", ""));
        line.set("request_body", base64(body));
    }
    std::lock_guard<std::mutex> lock(mutex);
    if (!out.is_open()) {
        fs::create_directories(dir);
        out.open(std::string(dir) + "/replies-" + std::to_string(::getpid()) + ".jsonl",
                 std::ios::app);
    }
    line.stringify(out);
    out << '\n' << std::flush;
}

struct SslInit {
    SslInit() { Poco::Net::initializeSSL(); }
    ~SslInit() { Poco::Net::uninitializeSSL(); }
};

}  // namespace

bool Reply::hasHeader(const std::string& name) const {
    for (const auto& [k, v] : headers)
        if (lower(k) == lower(name)) return true;
    return false;
}

std::string Reply::header(const std::string& name) const {
    for (const auto& [k, v] : headers)
        if (lower(k) == lower(name)) return v;
    return "";
}

std::string jsonField(const std::string& body, const std::string& name) {
    const std::string marker = "\"" + name + "\":";
    const auto at = body.find(marker);
    if (at == std::string::npos) return "";
    const auto start = at + marker.size();
    if (body[start] == '"') return body.substr(start + 1, body.find('"', start + 1) - start - 1);
    return body.substr(start, body.find_first_of(",}", start) - start);
}

int freeLoopbackPort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

int testPostgreSQLPort() {
    const char* dir = std::getenv("BINHAN_TEST_POSTGRESQL_DIR");
    if (!dir || !*dir) return 0;
    std::ifstream in(std::string(dir) + "/port");
    int port = 0;
    if (!(in >> port))
        throw std::runtime_error(std::string("no PostgreSQL test cluster running in ") + dir);
    return port;
}

std::string psql(const std::string& database, const std::string& sql) {
    Poco::Pipe out;
    Poco::ProcessHandle handle = Poco::Process::launch(
        "psql",
        {"-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
         std::to_string(testPostgreSQLPort()), "-U", "binhan", "-d", database, "-c", sql},
        nullptr, &out, &out);
    Poco::PipeInputStream stream(out);
    std::string text;
    Poco::StreamCopier::copyToString(stream, text);
    if (handle.wait() != 0) throw std::runtime_error("psql failed: " + sql + ": " + text);
    return text;
}

std::pair<int, std::string> runBinhan(const std::vector<std::string>& args) {
    Poco::Pipe out;
    Poco::ProcessHandle handle = Poco::Process::launch(BINHAN_BINARY, args, nullptr, &out, &out);
    Poco::PipeInputStream stream(out);
    std::string text;
    Poco::StreamCopier::copyToString(stream, text);
    return {handle.wait(), text};
}

std::vector<std::string> TestServer::makeEmptyPostgreSQLDatabase() {
    static std::atomic<int> made{0};
    const std::string name = "binhan_t" + std::to_string(::getpid()) + "_" + std::to_string(++made);
    psql("postgres", "CREATE DATABASE " + name);
    postgresDatabases_.push_back(name);
    return {"store.backend=postgresql",
            "store.postgresql.host=127.0.0.1",
            "store.postgresql.port=" + std::to_string(testPostgreSQLPort()),
            "store.postgresql.database=" + name,
            "store.postgresql.user=binhan",
            "store.postgresql.sslmode=disable"};
}

TestServer::TestServer(std::vector<std::string> sets, bool startNow, bool sqlite)
    : sets_(std::move(sets)) {
    static SslInit ssl;
    client_ = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                     Poco::Net::Context::VERIFY_NONE);
    dataDir_ = makeTempDir();
    port_ = freeLoopbackPort();
    if (!sqlite && testPostgreSQLPort()) databaseSets_ = makeEmptyPostgreSQLDatabase();
    auto args = baseArgs();
    args.insert(args.begin(), "init");
    args.insert(args.end(), {"--admin-user", fixtures::kAdminUser, "--admin-password",
                             fixtures::kAdminPassword});
    auto [code, text] = runBinhan(args);
    if (code != 0) throw std::runtime_error("binhan init failed: " + text);
    if (startNow) start();
}

TestServer::TestServer(Existing existing, int) : dataDir_(std::move(existing.dataDir)) {
    for (auto& set : existing.sets)
        (set.rfind("store.", 0) == 0 ? databaseSets_ : sets_).push_back(std::move(set));
    static SslInit ssl;
    client_ = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                     Poco::Net::Context::VERIFY_NONE);
    port_ = freeLoopbackPort();
    start();
}

std::vector<std::vector<std::string>> TestServer::query(const std::string& sql) const {
    std::vector<std::vector<std::string>> rows;
    if (onPostgreSQL()) {
        std::string database;
        for (const auto& set : databaseSets_)
            if (set.rfind("store.postgresql.database=", 0) == 0) database = set.substr(26);
        std::istringstream lines(psql(database, sql));
        std::string line;
        while (std::getline(lines, line)) {
            std::vector<std::string> row;
            std::istringstream cells(line);
            std::string cell;
            while (std::getline(cells, cell, '|')) row.push_back(cell);
            if (!line.empty() && line.back() == '|') row.push_back("");
            rows.push_back(row);
        }
        return rows;
    }
    sqlite3* db = nullptr;
    if (sqlite3_open_v2((dataDir_ + "/binhan.db").c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) !=
        SQLITE_OK)
        throw std::runtime_error("cannot open " + dataDir_ + "/binhan.db");
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        const std::string message = sqlite3_errmsg(db);
        sqlite3_close(db);
        throw std::runtime_error("query failed: " + sql + ": " + message);
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            const auto* text = sqlite3_column_text(st, c);
            row.push_back(text ? reinterpret_cast<const char*>(text) : "");
        }
        rows.push_back(row);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rows;
}

std::unique_ptr<TestServer> TestServer::secondInstance(const TestServer& first) {
    if (first.databaseSets_.empty())
        throw std::logic_error("a second instance needs the PostgreSQL backend");
    std::unique_ptr<TestServer> second(new TestServer(Blank{}));
    second->client_ = first.client_;
    second->dataDir_ = makeTempDir();
    second->port_ = freeLoopbackPort();
    second->sets_ = first.sets_;
    second->databaseSets_ = first.databaseSets_;
    second->sets_.push_back("keys.master_key_file=" + first.dataDir_ + "/master.key");
    // init makes this instance's certificate; the schema and the first admin exist already.
    auto args = second->baseArgs();
    args.insert(args.begin(), "init");
    auto [code, text] = runBinhan(args);
    if (code != 0) throw std::runtime_error("binhan init of a second instance failed: " + text);
    second->start();
    return second;
}

TestServer::~TestServer() {
    if (running()) terminate(true, 5000);
    if (process_ && running()) Poco::Process::kill(*process_);
    std::error_code ec;
    if (std::getenv("BINHAN_KEEP_TEST_DATA")) return;
    fs::remove_all(dataDir_, ec);
    for (const auto& database : postgresDatabases_) {
        try {
            psql("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (const std::exception&) {  // the cluster goes at the end of the run anyway
        }
    }
}

std::vector<std::string> TestServer::baseArgs() const {
    std::vector<std::string> args = {"--set", "data.dir=" + dataDir_, "--set",
                                     "server.port=" + std::to_string(port_)};
    for (const auto& s : databaseSets_) args.insert(args.end(), {"--set", s});
    for (const auto& s : sets_) args.insert(args.end(), {"--set", s});
    return args;
}

void TestServer::start() {
    std::string command = "exec '" + std::string(BINHAN_BINARY) + "' serve";
    for (const auto& a : baseArgs()) command += " '" + a + "'";
    command += " >>'" + dataDir_ + "/stdout' 2>&1";
    process_ = Poco::Process::launch("/bin/sh", {"-c", command});
    for (int i = 0; i < 200; ++i) {
        try {
            if (get("/healthz").status == 200) return;
        } catch (const std::exception&) {
        }
        if (!running()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("binhan serve did not become ready: " + outputText());
}

bool TestServer::running() {
    if (!process_) return false;
    int status = 0;
    return ::waitpid(process_->id(), &status, WNOHANG) == 0;
}

std::optional<int> TestServer::terminate(bool wait, int timeoutMs) {
    if (!process_) return std::nullopt;
    ::kill(process_->id(), SIGTERM);
    if (!wait) return std::nullopt;
    return waitForExit(timeoutMs);
}

void TestServer::kill9() {
    if (!process_) return;
    ::kill(process_->id(), SIGKILL);
    waitForExit(10000);
}

std::optional<int> TestServer::waitForExit(int timeoutMs) {
    if (!process_) return std::nullopt;
    for (int waited = 0; waited < timeoutMs; waited += 20) {
        int status = 0;
        if (::waitpid(process_->id(), &status, WNOHANG) == process_->id()) {
            process_.reset();
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
}

Reply TestServer::request(const std::string& method, const std::string& path,
                          const std::string& body,
                          const std::map<std::string, std::string>& headers) {
    Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port_), client_);
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
        if (!req.has("Content-Type")) req.setContentType("application/json");
        req.setContentLength64(static_cast<Poco::Int64>(body.size()));
    }
    session.sendRequest(req) << body;
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    Reply reply;
    reply.status = res.getStatus();
    for (const auto& [k, v] : res) reply.headers[k] = v;
    Poco::StreamCopier::copyToString(in, reply.body);
    recordReply(method, path, body, req, reply);
    return reply;
}

Reply TestServer::call(const Login& who, const std::string& method, const std::string& path,
                       const std::string& body) {
    return request(method, path, body, {{"Authorization", "Bearer " + who.token}});
}

Reply TestServer::browserCall(const Login& who, const std::string& method, const std::string& path,
                              const std::string& body, const std::string& csrf) {
    std::map<std::string, std::string> headers = {{"Cookie", "__Host-binhan=" + who.token}};
    if (!csrf.empty()) headers["X-CSRF-Token"] = csrf;
    return request(method, path, body, headers);
}

namespace {
std::string jsonString(const std::string& body, const std::string& key) {
    const std::string marker = "\"" + key + "\":\"";
    const auto at = body.find(marker);
    if (at == std::string::npos) return "";
    const auto start = at + marker.size();
    return body.substr(start, body.find('"', start) - start);
}
std::int64_t jsonNumber(const std::string& body, const std::string& key) {
    const std::string marker = "\"" + key + "\":";
    const auto at = body.find(marker);
    return at == std::string::npos ? 0 : std::stoll(body.substr(at + marker.size()));
}
}  // namespace

Login TestServer::login(const std::string& username, const std::string& password) {
    Reply r = request("POST", "/api/v1/session",
                      "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    if (r.status != 201)
        throw std::runtime_error("sign-in failed: " + std::to_string(r.status) + " " + r.body);
    return Login{jsonString(r.body, "token"), jsonString(r.body, "csrf_token"),
                 jsonNumber(r.body, "id"), jsonString(r.body, "role")};
}

Login TestServer::loginAdmin() {
    return login(fixtures::kAdminUser, fixtures::kAdminPassword);
}

Login TestServer::addUser(const std::string& username, const std::string& role) {
    const Login admin = loginAdmin();
    Reply r = call(admin, "POST", "/api/v1/users",
                   "{\"username\":\"" + username + "\",\"password\":\"" + fixtures::kUserPassword +
                       "\",\"role\":\"" + role + "\",\"display_name\":\"Cán bộ thử nghiệm\"}");
    if (r.status != 201) throw std::runtime_error("user creation failed: " + r.body);
    return login(username, fixtures::kUserPassword);
}

std::string TestServer::logText() const {
    return readFile(dataDir_ + "/logs/binhan.log");
}
std::string TestServer::outputText() const {
    return readFile(dataDir_ + "/stdout");
}

bool tlsHandshakeSucceeds(int port, int minVersion, int maxVersion, const std::string& ciphers) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_security_level(ctx, 0);  // this client accepts anything; the server must not
    SSL_CTX_set_min_proto_version(ctx, minVersion);
    SSL_CTX_set_max_proto_version(ctx, maxVersion);
    if (!ciphers.empty()) SSL_CTX_set_cipher_list(ctx, ciphers.c_str());
    Poco::Net::StreamSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, socket.impl()->sockfd());
    const bool ok = SSL_connect(ssl) == 1;
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return ok;
}

}  // namespace binhan::testing
