#pragma once
// The external channels of issue 22, outbound clients of the dispatcher
// (service/NotificationDispatcher): e-mail through an SMTP relay with STARTTLS (RFC 3207), and
// a generic HTTPS webhook, its body signed with HMAC-SHA-256, for an SMS or messaging gateway
// the province runs. Each sends only what OutgoingNotice carries: the words, the case code, the
// deadline, the link, and the officer's own address.
#include <Poco/Net/Context.h>

#include <string>

#include "service/NotificationDispatcher.h"

namespace binhan::http {

struct MailSettings {
    std::string host;
    int port = 587;
    std::string from;
    std::string username;  // "" sends no AUTH
    std::string password;
    bool startTls = true;  // refuse to send when the relay offers no STARTTLS
    std::string caFile;    // "" trusts the system's CAs
    int timeoutSeconds = 10;
};

class MailChannel : public service::NotificationChannel {
  public:
    explicit MailChannel(MailSettings settings);
    void send(const service::OutgoingNotice& notice) override;

  private:
    MailSettings settings_;
    Poco::Net::Context::Ptr tls_;
};

struct WebhookSettings {
    std::string url;     // https://…
    std::string secret;  // the HMAC key, from notify.webhook.secret_file
    std::string caFile;
    int timeoutSeconds = 10;
};

class WebhookChannel : public service::NotificationChannel {
  public:
    explicit WebhookChannel(WebhookSettings settings);
    void send(const service::OutgoingNotice& notice) override;
    // The JSON body of a notice and its signature header value "sha256=<hex>" over
    // "<timestamp>.<body>" (what a gateway checks).
    static std::string bodyOf(const service::OutgoingNotice& notice);
    static std::string signatureOf(const std::string& secret, const std::string& timestamp,
                                   const std::string& body);

  private:
    WebhookSettings settings_;
    Poco::Net::Context::Ptr tls_;
};

}  // namespace binhan::http
