#pragma once
// A tiny SMTP server (RFC 5321) with STARTTLS (RFC 3207) on loopback, for tests of the mail the
// server sends: it records every message it accepts, and can play a mail server that is out.
//
// It greets "220 sink ESMTP"; EHLO offers STARTTLS (before TLS only), AUTH LOGIN PLAIN (any
// credentials are accepted) and 8BITMIME; HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP and QUIT
// work as the RFC says; anything else is answered 502. STARTTLS answers "220 2.0.0 Ready", then
// does the server side of the TLS handshake on the same socket, forgets the plaintext session
// (and anything pipelined after STARTTLS) and waits for EHLO again: MAIL or AUTH before an
// EHLO (or HELO) is answered 503, so a sender that skips it fails visibly. While down, every new
// connection is greeted "421 4.3.0 sink down" and closed.
//
// Threads: one accepts, and each connection has its own, with a 5 s receive timeout; the
// destructor shuts the open connections down and joins them all, so a hung client never holds
// it up. Every public method is thread-safe.
#include <Poco/Net/Context.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace binhan::testing {

struct SentMail {
    std::string from;             // MAIL FROM address, without <>
    std::vector<std::string> to;  // RCPT TO addresses
    std::string data;  // between DATA and the final ".", dot-unstuffed, CRLF line ends kept
    bool tls = false;  // the message came after a successful STARTTLS
};

class MailSink {
  public:
    // Listens on 127.0.0.1 on a free port; offers STARTTLS with the PEM certificate and key
    // given. Throws when the files cannot be loaded or the socket cannot be bound.
    MailSink(const std::string& certificateFile, const std::string& keyFile);
    // Stops accepting, shuts the open connections down, joins the threads, closes the socket.
    ~MailSink();
    MailSink(const MailSink&) = delete;
    MailSink& operator=(const MailSink&) = delete;

    int port() const { return port_; }
    // The messages accepted so far, oldest first.
    std::vector<SentMail> messages() const;
    // Waits until at least `count` messages have arrived or `timeoutMs` passes; returns
    // messages() either way (the caller checks the count).
    std::vector<SentMail> waitFor(std::size_t count, int timeoutMs);
    // While down, every new connection is greeted with "421 4.3.0 sink down" and closed.
    // Connections already open carry on.
    void setDown(bool down) { down_ = down; }
    // Connections accepted so far, up or down (each attempt of the sender counts).
    int connections() const { return connections_; }

  private:
    void acceptLoop();
    void serve(Poco::Net::StreamSocket socket);
    void deliver(SentMail mail);

    Poco::Net::Context::Ptr context_;
    Poco::Net::ServerSocket listener_;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> down_{false};
    std::atomic<int> connections_{0};

    mutable std::mutex mutex_;
    std::condition_variable arrived_;
    std::vector<SentMail> messages_;             // GUARDED_BY(mutex_)
    std::vector<Poco::Net::StreamSocket> open_;  // GUARDED_BY(mutex_): to shut down at the end
    std::vector<std::thread> workers_;           // GUARDED_BY(mutex_): one per connection
    std::thread acceptor_;                       // started last, joined first
};

}  // namespace binhan::testing
