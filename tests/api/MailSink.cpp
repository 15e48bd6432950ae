#include "api/MailSink.h"

#include <Poco/Exception.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace binhan::testing {
namespace {

const Poco::Timespan kReceiveTimeout(5, 0);
const Poco::Timespan kAcceptPoll(0, 100000);      // how soon the acceptor sees the destructor
constexpr std::size_t kMaxLineBytes = 64 * 1024;  // a longer line ends the conversation

struct SslInit {
    SslInit() { Poco::Net::initializeSSL(); }
    ~SslInit() { Poco::Net::uninitializeSSL(); }
};

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// The path of "FROM:<a@b> params" or "TO:<a@b>" after `keyword` ("FROM:", "TO:"), without <>;
// nullopt when the keyword or the brackets are missing. "<>" (a null reverse path) gives "".
std::optional<std::string> pathArgument(const std::string& argument, const std::string& keyword) {
    if (upper(argument.substr(0, keyword.size())) != keyword) return std::nullopt;
    const auto open = argument.find('<', keyword.size());
    if (open == std::string::npos) return std::nullopt;
    const auto close = argument.find('>', open);
    if (close == std::string::npos) return std::nullopt;
    return argument.substr(open + 1, close - open - 1);
}

// One SMTP session, from the greeting to QUIT (or the peer's close, a timeout, an error).
class Conversation {
  public:
    Conversation(Poco::Net::StreamSocket socket, Poco::Net::Context::Ptr context,
                 std::function<void(SentMail)> deliver)
        : socket_(std::move(socket)), context_(std::move(context)), deliver_(std::move(deliver)) {}

    // Serves commands until the session ends; throws on socket and TLS errors.
    void run() {
        reply("220 sink ESMTP");
        std::string line;
        while (readLine(line) && handle(line)) {
        }
    }

  private:
    using Handler = bool (Conversation::*)(const std::string& argument);

    // Runs one command line; false when the session is over.
    bool handle(const std::string& line) {
        static const std::map<std::string, Handler> commands = {
            {"EHLO", &Conversation::ehlo},         {"HELO", &Conversation::helo},
            {"STARTTLS", &Conversation::startTls}, {"AUTH", &Conversation::auth},
            {"MAIL", &Conversation::mail},         {"RCPT", &Conversation::rcpt},
            {"DATA", &Conversation::data},         {"RSET", &Conversation::rset},
            {"NOOP", &Conversation::noop},         {"QUIT", &Conversation::quit}};
        const auto space = line.find(' ');
        const auto verb = upper(line.substr(0, space));
        const auto argument = space == std::string::npos ? "" : line.substr(space + 1);
        const auto command = commands.find(verb);
        if (command == commands.end()) return reply("502 5.5.2 Command not recognized");
        return (this->*(command->second))(argument);
    }

    // Reads one line without its CRLF (a bare LF is taken too); false at the end of input.
    bool readLine(std::string& line) {
        for (;;) {
            const auto end = buffer_.find('\n');
            if (end != std::string::npos) {
                line = buffer_.substr(0, end > 0 && buffer_[end - 1] == '\r' ? end - 1 : end);
                buffer_.erase(0, end + 1);
                return true;
            }
            if (buffer_.size() > kMaxLineBytes) return false;
            char chunk[4096];
            const int n = socket_.receiveBytes(chunk, sizeof chunk);
            if (n <= 0) return false;
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

    // Sends `text` (lines joined by CRLF) and a final CRLF; true, so handlers `return reply(…)`.
    bool reply(const std::string& text) {
        const std::string bytes = text + "\r\n";
        for (std::size_t sent = 0; sent < bytes.size();) {
            const int n =
                socket_.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
            if (n <= 0) throw Poco::IOException("cannot send the SMTP reply");
            sent += static_cast<std::size_t>(n);
        }
        return true;
    }

    void resetTransaction() {
        from_.reset();
        to_.clear();
    }

    bool ehlo(const std::string& domain) {
        if (domain.empty()) return reply("501 5.5.4 EHLO needs a domain");
        greeted_ = true;
        resetTransaction();
        std::string text = "250-sink greets " + domain;
        if (!tls_) text += "\r\n250-STARTTLS";
        return reply(text + "\r\n250-AUTH LOGIN PLAIN\r\n250 8BITMIME");
    }

    bool helo(const std::string& domain) {
        if (domain.empty()) return reply("501 5.5.4 HELO needs a domain");
        greeted_ = true;
        resetTransaction();
        return reply("250 sink");
    }

    // RFC 3207 §4.2: after the handshake the client starts afresh with EHLO, and nothing it sent
    // before (the EHLO, a pipelined command) carries over.
    bool startTls(const std::string&) {
        if (tls_) return reply("503 5.5.1 TLS already active");
        reply("220 2.0.0 Ready");
        buffer_.clear();
        Poco::Net::SecureStreamSocket secure =
            Poco::Net::SecureStreamSocket::attach(socket_, context_);  // accepts: server context
        secure.setReceiveTimeout(kReceiveTimeout);
        if (secure.completeHandshake() != 1) return false;
        socket_ = secure;
        tls_ = true;
        greeted_ = false;
        resetTransaction();
        return true;
    }

    // AUTH LOGIN (prompts "Username:", "Password:") or AUTH PLAIN: any credentials pass.
    bool auth(const std::string& argument) {
        if (!greeted_) return reply("503 5.5.1 EHLO first");
        const auto space = argument.find(' ');
        const auto mechanism = upper(argument.substr(0, space));
        const bool initial = space != std::string::npos;
        std::string line;
        if (mechanism == "PLAIN") {
            if (!initial && !(reply("334 ") && readLine(line))) return false;
        } else if (mechanism == "LOGIN") {
            if (!initial && !(reply("334 VXNlcm5hbWU6") && readLine(line))) return false;
            if (!(reply("334 UGFzc3dvcmQ6") && readLine(line))) return false;
        } else {
            return reply("504 5.5.4 Unrecognized authentication type");
        }
        if (line == "*") return reply("501 5.7.0 Authentication cancelled");
        return reply("235 2.7.0 Authentication successful");
    }

    bool mail(const std::string& argument) {
        if (!greeted_) return reply("503 5.5.1 EHLO first");
        if (from_) return reply("503 5.5.1 Sender already given");
        from_ = pathArgument(argument, "FROM:");
        if (!from_) return reply("501 5.5.4 Syntax: MAIL FROM:<address>");
        return reply("250 2.1.0 OK");
    }

    bool rcpt(const std::string& argument) {
        if (!from_) return reply("503 5.5.1 MAIL first");
        const auto to = pathArgument(argument, "TO:");
        if (!to || to->empty()) return reply("501 5.5.4 Syntax: RCPT TO:<address>");
        to_.push_back(*to);
        return reply("250 2.1.5 OK");
    }

    // Reads the message up to the line ".", removing the dot RFC 5321 §4.5.2 stuffs in.
    bool data(const std::string&) {
        if (!from_ || to_.empty()) return reply("503 5.5.1 RCPT first");
        reply("354 End data with <CR><LF>.<CR><LF>");
        std::string message;
        std::string line;
        for (;;) {
            if (!readLine(line)) return false;
            if (line == ".") break;
            message += (line.rfind('.', 0) == 0 ? line.substr(1) : line) + "\r\n";
        }
        deliver_(SentMail{*from_, to_, message, tls_});
        resetTransaction();
        return reply("250 2.0.0 OK queued");
    }

    bool rset(const std::string&) {
        resetTransaction();
        return reply("250 2.0.0 OK");
    }

    bool noop(const std::string&) { return reply("250 2.0.0 OK"); }

    bool quit(const std::string&) {
        reply("221 2.0.0 Bye");
        return false;
    }

    Poco::Net::StreamSocket socket_;  // a SecureStreamSocket after STARTTLS
    Poco::Net::Context::Ptr context_;
    std::function<void(SentMail)> deliver_;
    std::string buffer_;  // received, not yet read as lines
    bool tls_ = false;
    bool greeted_ = false;  // EHLO or HELO since the start or STARTTLS
    std::optional<std::string> from_;
    std::vector<std::string> to_;
};

// Greets a connection made while the sink is down with 421 and closes it.
void refuse(Poco::Net::StreamSocket& socket) {
    try {
        const std::string greeting = "421 4.3.0 sink down\r\n";
        socket.sendBytes(greeting.data(), static_cast<int>(greeting.size()));
        socket.close();
    } catch (const Poco::Exception&) {  // the sender gave up first: nothing to tell it
    }
}

}  // namespace

MailSink::MailSink(const std::string& certificateFile, const std::string& keyFile)
    : listener_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    static SslInit ssl;
    context_ = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, keyFile, certificateFile,
                                      "", Poco::Net::Context::VERIFY_NONE);
    context_->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    port_ = listener_.address().port();
    acceptor_ = std::thread(&MailSink::acceptLoop, this);
}

MailSink::~MailSink() {
    stopping_ = true;
    acceptor_.join();
    std::vector<std::thread> workers;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (auto& socket : open_) {
            try {
                socket.shutdown();  // wakes a worker blocked in receive
            } catch (const Poco::Exception&) {
            }
        }
        workers.swap(workers_);
    }
    for (auto& worker : workers) worker.join();
    listener_.close();
}

std::vector<SentMail> MailSink::messages() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return messages_;
}

std::vector<SentMail> MailSink::waitFor(std::size_t count, int timeoutMs) {
    std::unique_lock<std::mutex> lock(mutex_);
    arrived_.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                      [&] { return messages_.size() >= count; });
    return messages_;
}

void MailSink::acceptLoop() {
    while (!stopping_) {
        try {
            if (!listener_.poll(kAcceptPoll, Poco::Net::Socket::SELECT_READ)) continue;
            Poco::Net::StreamSocket socket = listener_.acceptConnection();
            ++connections_;
            if (down_) {
                refuse(socket);
                continue;
            }
            socket.setReceiveTimeout(kReceiveTimeout);
            std::lock_guard<std::mutex> lock(mutex_);
            open_.push_back(socket);
            workers_.emplace_back(&MailSink::serve, this, socket);
        } catch (const Poco::Exception&) {  // a failed accept: keep listening
        }
    }
}

// Runs one connection's conversation; leaves open_ before the socket closes, so the destructor
// never shuts down a descriptor that has been reused.
void MailSink::serve(Poco::Net::StreamSocket socket) {
    auto conversation = std::make_unique<Conversation>(
        socket, context_, [this](SentMail mail) { deliver(std::move(mail)); });
    try {
        conversation->run();
    } catch (const std::exception&) {  // timeout, reset, failed handshake: the session ends
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        open_.erase(std::find(open_.begin(), open_.end(), socket));
    }
    conversation.reset();
    try {
        socket.close();
    } catch (const Poco::Exception&) {
    }
}

void MailSink::deliver(SentMail mail) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        messages_.push_back(std::move(mail));
    }
    arrived_.notify_all();
}

}  // namespace binhan::testing
