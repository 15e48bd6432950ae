#include "http/NotificationChannels.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <chrono>
#include <sstream>
#include <stdexcept>

#include "crypto/Digest.h"
#include "crypto/SecureRandom.h"
#include "http/Response.h"

namespace binhan::http {
namespace {

Poco::Net::Context::Ptr clientContext(const std::string& caFile) {
    // Verify the peer (and its name, Poco's extended verification); the system's CAs unless a
    // file is named (a province's own CA, or a test's certificate). TLS 1.2 or later, forward
    // secret suites only, as the server itself offers.
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, "", "", caFile, Poco::Net::Context::VERIFY_RELAXED, 9,
        caFile.empty(), "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!MD5");
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    return context;
}

// Poco's SMTP session connects without a time limit: a relay that drops packets would hold
// the sender for minutes. A first connection under the timeout finds that out quickly.
void reachOrThrow(const std::string& host, int port, int timeoutSeconds) {
    Poco::Net::StreamSocket probe;
    probe.connect(Poco::Net::SocketAddress(host, static_cast<Poco::UInt16>(port)),
                  Poco::Timespan(timeoutSeconds, 0));
    probe.close();
}

// The session with a send timeout too (Poco's setTimeout sets only the receive one).
class TimedSmtpSession : public Poco::Net::SecureSMTPClientSession {
  public:
    TimedSmtpSession(const std::string& host, int port, int timeoutSeconds)
        : SecureSMTPClientSession(host, static_cast<Poco::UInt16>(port)) {
        setTimeout(Poco::Timespan(timeoutSeconds, 0));
        socket().setSendTimeout(Poco::Timespan(timeoutSeconds, 0));
    }
};

std::string mailBody(const service::OutgoingNotice& n) {
    return n.text + "\r\n" + n.link + "\r\n\r\n" + n.textEn +
           "\r\n\r\n-- \r\nBình An. Thư này không có thông tin về người trong hồ sơ; hãy đăng "
           "nhập để xem. This message holds no detail of the people in the case; sign in to "
           "see it.\r\n";
}

}  // namespace

MailChannel::MailChannel(MailSettings settings)
    : settings_(std::move(settings)), tls_(clientContext(settings_.caFile)) {}

void MailChannel::send(const service::OutgoingNotice& notice) {
    if (notice.email.empty()) throw std::runtime_error("the officer has no e-mail address");
    reachOrThrow(settings_.host, settings_.port, settings_.timeoutSeconds);
    TimedSmtpSession session(settings_.host, settings_.port, settings_.timeoutSeconds);
    session.login();  // EHLO
    if (settings_.startTls) {
        if (!session.startTLS(tls_))
            throw std::runtime_error("the mail relay offers no STARTTLS; nothing was sent");
    }
    // After STARTTLS the client greets again (RFC 3207 §4.2), which login does.
    if (settings_.username.empty())
        session.login();
    else
        session.login(Poco::Net::SMTPClientSession::AUTH_LOGIN, settings_.username,
                      settings_.password);
    Poco::Net::MailMessage message;
    message.setSender(settings_.from);
    message.addRecipient(
        Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, notice.email));
    message.setSubject(Poco::Net::MailMessage::encodeWord("[Bình An] " + notice.text, "UTF-8"));
    message.setContentType("text/plain; charset=UTF-8");
    message.setContent(mailBody(notice), Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
    session.sendMessage(message);
    session.close();
}

WebhookChannel::WebhookChannel(WebhookSettings settings)
    : settings_(std::move(settings)), tls_(clientContext(settings_.caFile)) {}

std::string WebhookChannel::bodyOf(const service::OutgoingNotice& n) {
    Poco::JSON::Object body;
    body.set("delivery", n.deliveryId);
    body.set("kind", n.kind);
    body.set("case_code", n.caseCode);
    if (!n.deadline.empty()) body.set("deadline", n.deadline);
    body.set("text", n.text);
    body.set("text_en", n.textEn);
    body.set("link", n.link);
    Poco::JSON::Object recipient;
    recipient.set("username", n.username);
    if (!n.phone.empty()) recipient.set("phone", n.phone);
    body.set("recipient", recipient);
    return toJson(body);
}

std::string WebhookChannel::signatureOf(const std::string& secret, const std::string& timestamp,
                                        const std::string& body) {
    const std::string signed_ = timestamp + "." + body;
    const auto mac =
        crypto::hmac("SHA256", reinterpret_cast<const std::uint8_t*>(secret.data()), secret.size(),
                     reinterpret_cast<const std::uint8_t*>(signed_.data()), signed_.size());
    return "sha256=" + crypto::toHex(mac.data(), mac.size());
}

void WebhookChannel::send(const service::OutgoingNotice& notice) {
    const Poco::URI uri(settings_.url);
    Poco::Net::HTTPSClientSession session(uri.getHost(), uri.getPort(), tls_);
    session.setTimeout(Poco::Timespan(settings_.timeoutSeconds, 0));
    const std::string body = bodyOf(notice);
    const std::string timestamp =
        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count());
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathEtc(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json; charset=utf-8");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    request.set("X-BinhAn-Delivery", std::to_string(notice.deliveryId));
    request.set("X-BinhAn-Timestamp", timestamp);
    request.set("X-BinhAn-Signature", signatureOf(settings_.secret, timestamp, body));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::ostringstream ignored;
    Poco::StreamCopier::copyStream(in, ignored, 4096);
    const int status = static_cast<int>(response.getStatus());
    if (status < 200 || status > 299)
        throw std::runtime_error("the gateway answered " + std::to_string(status));
}

}  // namespace binhan::http
