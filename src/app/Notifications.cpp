#include "app/Notifications.h"

#include <fstream>
#include <stdexcept>

#include "crypto/SecureRandom.h"
#include "http/NotificationChannels.h"

namespace binhan::app {
namespace {

// The first line of a secret file; the key is named in the error, never the content.
std::string firstLineOf(const std::string& key, const std::string& path) {
    if (path.empty()) return "";
    std::ifstream in(path);
    if (!in) throw std::runtime_error(key + ": cannot read " + path);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();  // a file written on Windows
    return line;
}

bool isLoopback(const std::string& host) {
    return host == "localhost" || host == "127.0.0.1" || host == "::1";
}

int positive(const Config& config, const std::string& key) {
    const int value = config.integer(key);
    if (value < 1) throw std::runtime_error(key + " must be at least 1");
    return value;
}

std::string ownAddress(const Config& config) {
    const std::string address = config.string("server.address");
    const std::string host =
        address == "0.0.0.0" || address == "127.0.0.1" || address == "::" ? "localhost" : address;
    return "https://" + host + ":" + config.string("server.port");
}

std::string instanceName() {
    const auto bytes = crypto::randomBytes(8);
    return "instance-" + crypto::toHex(bytes.data(), bytes.size());
}

}  // namespace

NotificationWiring notificationWiring(const Config& config) {
    NotificationWiring w;
    std::string base = config.string("notify.base_url");
    while (!base.empty() && base.back() == '/') base.pop_back();
    w.service.baseUrl = base.empty() ? ownAddress(config) : base;
    const int timeout = positive(config, "notify.timeout_seconds");

    if (!config.string("notify.smtp.host").empty()) {
        http::MailSettings mail;
        mail.host = config.string("notify.smtp.host");
        mail.port = positive(config, "notify.smtp.port");
        mail.from = config.string("notify.smtp.from");
        mail.startTls = config.string("notify.smtp.starttls") != "false";
        if (!mail.startTls && !isLoopback(mail.host))
            throw std::runtime_error(
                "notify.smtp.starttls = false is allowed only for a relay on this machine "
                "(localhost): elsewhere the password and the mail would cross the network in "
                "clear");
        mail.caFile = config.string("notify.smtp.ca_file");
        mail.username = config.string("notify.smtp.username");
        mail.password =
            firstLineOf("notify.smtp.password_file", config.string("notify.smtp.password_file"));
        mail.timeoutSeconds = timeout;
        w.channels["email"] = std::make_shared<http::MailChannel>(mail);
    }
    if (!config.string("notify.webhook.url").empty()) {
        http::WebhookSettings hook;
        hook.url = config.string("notify.webhook.url");
        if (hook.url.rfind("https://", 0) != 0)
            throw std::runtime_error("notify.webhook.url must be an https:// address");
        hook.secret =
            firstLineOf("notify.webhook.secret_file", config.string("notify.webhook.secret_file"));
        if (hook.secret.size() < 16)
            throw std::runtime_error(
                "notify.webhook.secret_file must hold a secret of at least 16 characters");
        hook.caFile = config.string("notify.webhook.ca_file");
        hook.timeoutSeconds = timeout;
        w.channels["webhook"] = std::make_shared<http::WebhookChannel>(hook);
    }
    for (const auto& [name, channel] : w.channels) w.service.channels.insert(name);
    if (!w.channels.empty() && base.empty() && !isLoopback(config.string("server.address")))
        throw std::runtime_error(
            "notify.base_url must be set when e-mail or the webhook is on: the address officers "
            "open the links at (https://host:port)");

    w.dispatcher.instance = instanceName();
    w.dispatcher.pollMilliseconds = positive(config, "notify.poll_ms");
    w.dispatcher.scanSeconds = positive(config, "notify.scan_seconds");
    w.dispatcher.retryBaseSeconds = positive(config, "notify.retry_base_seconds");
    w.dispatcher.leaseSeconds =
        std::max<std::int64_t>(15, 3 * w.dispatcher.pollMilliseconds / 1000);
    // A send is at most a connection, the TLS handshake and a few exchanges, each under the
    // timeout: the claim outlasts them all.
    w.dispatcher.claimSeconds = 12 * static_cast<std::int64_t>(timeout) + 60;
    w.dispatcher.baseUrl = w.service.baseUrl;
    w.maxStreams = positive(config, "notify.max_streams");
    w.streamSeconds = positive(config, "notify.stream_seconds");
    return w;
}

}  // namespace binhan::app
