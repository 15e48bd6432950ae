// Issue 22: notifications in time, without a word of case content. A local SMTP sink with
// STARTTLS (api/MailSink) and an HTTPS webhook receiver (api/WebhookSink) stand in for the
// province's relay and gateway; both use the test server's own certificate, which the server
// is told to trust.
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <openssl/hmac.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "api/MailSink.h"
#include "api/WebhookSink.h"
#include "api/WorkflowClient.h"

using namespace binhan::testing;

namespace {

// What the made-up case holds sealed (fixtures/people.h): none of it may be in a notice.
const std::vector<std::string> kSealed = {
    "Nguyễn Thị Hoà", "Hoà",           "0912 345 678", "0912345678",
    "034190001234",   "Trần Văn Namm", "0987654321",   "034185009876",
    "NARRATIVEMARK",  "bị chồng đánh", "bầm tím",      "Đe dọa qua điện thoại"};

// Quoted-printable (RFC 2045 §6.7) and encoded words (RFC 2047) undone, so a sealed value
// written in either form is found too.
std::string decodedMail(const std::string& data) {
    std::string out;
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (data[i] == '=' && i + 2 < data.size() && data[i + 1] == '\r' && data[i + 2] == '\n') {
            i += 2;
        } else if (data[i] == '=' && i + 2 < data.size() && std::isxdigit(data[i + 1]) &&
                   std::isxdigit(data[i + 2])) {
            out += static_cast<char>(std::stoi(data.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else if (data[i] == '_') {
            out += ' ';
        } else {
            out += data[i];
        }
    }
    return out;
}

void checkNoCaseContent(const std::string& bytes) {
    for (const auto& value : kSealed) {
        INFO("sealed value: " << value);
        CHECK(bytes.find(value) == std::string::npos);
    }
}

std::string writeSecret(const TestServer& server) {
    const std::string path = server.dataDir() + "/webhook.secret";
    std::ofstream(path) << "bi-mat-cua-cong-nhan-tin-nhan-thu-nghiem\n";
    return path;
}

std::string hmacHex(const std::string& key, const std::string& data) {
    unsigned char mac[32];
    unsigned int size = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &size);
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < size; ++i) {
        out += digits[mac[i] >> 4];
        out += digits[mac[i] & 15];
    }
    return out;
}

// A server whose e-mail and webhook go to the sinks, polling fast.
struct Notified {
    TestServer server{{}, false};
    std::string cert = server.dataDir() + "/tls/cert.pem";
    MailSink mail{cert, server.dataDir() + "/tls/key.pem"};
    WebhookSink hook{cert, server.dataDir() + "/tls/key.pem"};
    explicit Notified(std::vector<std::string> more = {}) {
        std::vector<std::string> sets = {"notify.smtp.host=localhost",
                                         "notify.smtp.port=" + std::to_string(mail.port()),
                                         "notify.smtp.ca_file=" + cert,
                                         "notify.smtp.from=binhan@hoaphong.test",
                                         "notify.webhook.url=" + hook.url(),
                                         "notify.webhook.ca_file=" + cert,
                                         "notify.webhook.secret_file=" + writeSecret(server),
                                         "notify.poll_ms=200",
                                         "notify.scan_seconds=1",
                                         "notify.retry_base_seconds=1"};
        sets.insert(sets.end(), more.begin(), more.end());
        server.addSets(sets);
        server.start();
    }
};

std::string choose(const std::string& email, const std::string& kind) {
    return R"({"email":")" + email + R"(","phone":"0912 000 111","kinds":[{"kind":")" + kind +
           R"(","email":true,"webhook":true}]})";
}

std::string protectionRequest() {
    return eventBody("protection.request",
                     R"({"measure":"no_contact","requested_by":"agency","consent_by":"survivor",)"
                     R"("summary":"Đe dọa qua điện thoại"})");
}

Poco::JSON::Object::Ptr notificationsOf(TestServer& server, const Login& who) {
    const Reply reply = server.call(who, "GET", "/api/v1/notifications");
    REQUIRE(reply.status == 200);
    return jsonOf(reply);
}

// Waits up to `ms` for `who` to have `count` notifications; returns them.
Poco::JSON::Object::Ptr waitForNotifications(TestServer& server, const Login& who,
                                             std::size_t count, int ms = 10000) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    auto list = notificationsOf(server, who);
    while (list->getArray("items")->size() < count && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        list = notificationsOf(server, who);
    }
    return list;
}

std::vector<std::string> kindsOf(const Poco::JSON::Object::Ptr& list) {
    std::vector<std::string> out;
    const auto items = list->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i)
        out.push_back(items->getObject(static_cast<unsigned>(i))->getValue<std::string>("kind"));
    return out;
}

}  // namespace

TEST_CASE(
    "issue 22: a protection request reaches the chairman by e-mail and in-app within seconds, "
    "with no name, phone or narrative in any byte sent",
    "[api][issue22][notifications]") {
    Notified n;
    TestServer& server = n.server;
    Login police = server.addUser("canbo.an", "police");
    Login chair = server.addUser("chutich.xa", "leader");
    Reply chosen = server.call(chair, "PUT", "/api/v1/me/notifications",
                               choose("chu.tich@hoaphong.test", "protection.request"));
    REQUIRE(chosen.status == 200);
    CHECK(jsonOf(chosen)->getObject("channels")->getValue<bool>("email"));
    CHECK(jsonOf(chosen)->getValue<std::string>("phone") == "0912000111");

    const std::string path = openCasePath(server, police);
    const std::string code =
        jsonOf(server.call(police, "GET", path))->getValue<std::string>("code");
    REQUIRE(server.call(police, "POST", path + "/events", protectionRequest()).status == 201);

    // The e-mail, over STARTTLS, to the chair's address only.
    const auto mails = n.mail.waitFor(1, 10000);
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].tls);
    REQUIRE(mails[0].to.size() == 1);
    CHECK(mails[0].to[0] == "chu.tich@hoaphong.test");
    const std::string decoded = decodedMail(mails[0].data);
    CHECK(decoded.find(code) != std::string::npos);
    CHECK(decoded.find("yêu cầu cấm tiếp xúc cần quyết định trước") != std::string::npos);
    checkNoCaseContent(mails[0].data);
    checkNoCaseContent(decoded);

    // The webhook call, signed with the shared secret over "<timestamp>.<body>".
    const auto calls = n.hook.waitFor(1, 10000);
    REQUIRE(calls.size() == 1);
    const auto& call = calls[0];
    const std::string expected =
        "sha256=" + hmacHex("bi-mat-cua-cong-nhan-tin-nhan-thu-nghiem",
                            call.headers.at("x-binhan-timestamp") + "." + call.body);
    CHECK(call.headers.at("x-binhan-signature") == expected);
    const auto body = Poco::JSON::Parser().parse(call.body).extract<Poco::JSON::Object::Ptr>();
    CHECK(body->getValue<std::string>("kind") == "protection.request");
    CHECK(body->getValue<std::string>("case_code") == code);
    CHECK(body->getObject("recipient")->getValue<std::string>("phone") == "0912000111");
    // The link opens the case page itself, on the address officers use (notify.base_url).
    const std::string caseId = path.substr(path.rfind('/') + 1);
    const std::string link = body->getValue<std::string>("link");
    CHECK(link == "https://localhost:" + std::to_string(server.port()) + "/#/cases/" + caseId);
    CHECK(decoded.find(link) != std::string::npos);
    checkNoCaseContent(call.body);

    // The bell: one unread notice naming the case code and the 12-hour deadline.
    auto list = waitForNotifications(server, chair, 1);
    REQUIRE(list->getArray("items")->size() == 1);
    CHECK(list->getValue<int>("unread") == 1);
    const auto item = list->getArray("items")->getObject(0);
    CHECK(item->getValue<std::string>("case_code") == code);
    CHECK(item->has("deadline"));
    CHECK_FALSE(item->getValue<bool>("read"));
    CHECK(item->getValue<std::string>("link") == link);
    checkNoCaseContent(server.call(chair, "GET", "/api/v1/notifications").body);
    // The requester is not told of her own request; the chair's decision reaches her.
    CHECK(notificationsOf(server, police)->getArray("items")->size() == 0);
    const std::string id = std::to_string(item->getValue<std::int64_t>("id"));
    CHECK(server.call(police, "POST", "/api/v1/notifications/" + id + "/read").status == 404);
    CHECK(server.call(chair, "POST", "/api/v1/notifications/" + id + "/read").status == 204);
    CHECK(notificationsOf(server, chair)->getValue<int>("unread") == 0);
}

TEST_CASE("issue 22: who is told is who may see the case, and each deadline is told once",
          "[api][issue22][notifications]") {
    Notified n;
    TestServer& server = n.server;
    Login police = server.addUser("canbo.an", "police");
    Login unionOfficer = server.addUser("hoi.phunu", "union");
    Login justice = server.addUser("tuphap.xa", "justice");
    Login school = server.addUser("canbo.truong", "school");
    Login chair = server.addUser("chutich.xa", "leader");
    const std::string path = openCasePath(server, police);

    // A referral tells the receiving agency, and nobody else.
    Reply referred = server.call(police, "POST", path + "/referrals",
                                 R"({"to":"union","reason":"Cần hỗ trợ tâm lý"})");
    REQUIRE(referred.status == 201);
    CHECK(kindsOf(waitForNotifications(server, unionOfficer, 1)) ==
          std::vector<std::string>{"referral.incoming"});
    REQUIRE(server.call(unionOfficer, "POST", "/api/v1/referrals/" + idText(referred) + "/accept")
                .status == 200);

    // A follow-up recorded late (a paper entered today) whose due date has passed: its agency
    // is told it is overdue, once, however many times the deadlines are scanned.
    REQUIRE(server
                .call(unionOfficer, "POST", path + "/events",
                      R"({"type":"union.follow_up","at":")" + utcIn(-72) +
                          R"(","details":{"summary":"Thăm nhà"},"due":")" + vietnamDateIn(-2) +
                          "\"}")
                .status == 201);
    // A granted prohibition ending within 6 hours: police and the chair, who saw the request.
    Reply asked = server.call(police, "POST", path + "/events", protectionRequest());
    REQUIRE(asked.status == 201);
    REQUIRE(server
                .call(chair, "POST", path + "/events",
                      eventBody("protection.decision", R"({"request_event":)" + idText(asked) +
                                                           R"(,"granted":true,"starts":")" +
                                                           utcIn(0) + R"(","ends":")" + utcIn(2) +
                                                           R"(","reason":"Đe dọa"})"))
                .status == 201);

    const auto unionKinds = kindsOf(waitForNotifications(server, unionOfficer, 2));
    CHECK(std::count(unionKinds.begin(), unionKinds.end(), "followup.overdue") == 1);
    const auto policeKinds = kindsOf(waitForNotifications(server, police, 2));
    CHECK(std::count(policeKinds.begin(), policeKinds.end(), "protection.decision") == 1);
    CHECK(std::count(policeKinds.begin(), policeKinds.end(), "protection.ending") == 1);
    const auto chairKinds = kindsOf(waitForNotifications(server, chair, 2));
    CHECK(std::count(chairKinds.begin(), chairKinds.end(), "protection.request") == 1);
    CHECK(std::count(chairKinds.begin(), chairKinds.end(), "protection.ending") == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // two more scans
    CHECK(kindsOf(notificationsOf(server, police)).size() == policeKinds.size());
    CHECK(kindsOf(notificationsOf(server, unionOfficer)).size() == unionKinds.size());
    // Agencies with no part in the case hear nothing of it.
    CHECK(notificationsOf(server, justice)->getArray("items")->size() == 0);
    CHECK(notificationsOf(server, school)->getArray("items")->size() == 0);
    // Nothing of the case's sealed values is in what anyone was told.
    for (const Login* who : {&police, &unionOfficer, &chair})
        checkNoCaseContent(server.call(*who, "GET", "/api/v1/notifications").body);
}

TEST_CASE("issue 22: a sink that is down gets retries, and the admin sees the failure",
          "[api][issue22][notifications]") {
    Notified n;
    TestServer& server = n.server;
    n.mail.setDown(true);
    n.hook.setDown(true);
    Login police = server.addUser("canbo.an", "police");
    Login chair = server.addUser("chutich.xa", "leader");
    Login admin = server.loginAdmin();
    REQUIRE(server
                .call(chair, "PUT", "/api/v1/me/notifications",
                      choose("chu.tich@hoaphong.test", "protection.request"))
                .status == 200);
    const std::string path = openCasePath(server, police);
    REQUIRE(server.call(police, "POST", path + "/events", protectionRequest()).status == 201);

    // Retried with back-off (1 s, then 2 s): at least two attempts on each channel.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while ((n.mail.connections() < 2 || n.hook.attempts() < 2) &&
           std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(n.mail.connections() >= 2);
    CHECK(n.hook.attempts() >= 2);

    Reply seen = server.call(admin, "GET", "/api/v1/notifications/deliveries");
    REQUIRE(seen.status == 200);
    const auto items = jsonOf(seen)->getArray("items");
    REQUIRE(items->size() == 2);
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto d = items->getObject(static_cast<unsigned>(i));
        CHECK(d->getValue<std::string>("state") == "pending");
        CHECK(d->getValue<int>("attempts") >= 1);
        CHECK_FALSE(d->getValue<std::string>("last_error").empty());
        CHECK(d->getValue<std::string>("username") == "chutich.xa");
    }
    checkNoCaseContent(seen.body);
    // Only the admin sees the list.
    CHECK(server.call(chair, "GET", "/api/v1/notifications/deliveries").status == 403);

    // Back up: the next retry delivers, and the list empties.
    n.mail.setDown(false);
    n.hook.setDown(false);
    CHECK(n.mail.waitFor(1, 15000).size() == 1);
    CHECK(n.hook.waitFor(1, 15000).size() == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(jsonOf(server.call(admin, "GET", "/api/v1/notifications/deliveries"))
              ->getArray("items")
              ->size() == 0);
}

TEST_CASE("issue 22: an officer's choices are checked, and nothing is sent until chosen",
          "[api][issue22][notifications]") {
    Notified n;
    TestServer& server = n.server;
    Login police = server.addUser("canbo.an", "police");
    Login chair = server.addUser("chutich.xa", "leader");

    Reply fresh = server.call(chair, "GET", "/api/v1/me/notifications");
    REQUIRE(fresh.status == 200);
    const auto kinds = jsonOf(fresh)->getArray("kinds");
    REQUIRE(kinds->size() > 0);
    for (std::size_t i = 0; i < kinds->size(); ++i) {  // quiet defaults: all off
        CHECK_FALSE(kinds->getObject(static_cast<unsigned>(i))->getValue<bool>("email"));
        CHECK_FALSE(kinds->getObject(static_cast<unsigned>(i))->getValue<bool>("webhook"));
    }
    Reply badEmail = server.call(chair, "PUT", "/api/v1/me/notifications",
                                 choose("khong-phai-dia-chi", "protection.request"));
    CHECK(badEmail.status == 400);
    CHECK(errorField(badEmail) == "email");
    Reply noAddress = server.call(chair, "PUT", "/api/v1/me/notifications",
                                  R"({"kinds":[{"kind":"protection.request","email":true}]})");
    CHECK(noAddress.status == 400);
    CHECK(errorField(noAddress) == "email");
    Reply notHers = server.call(police, "PUT", "/api/v1/me/notifications",
                                choose("canbo@hoaphong.test", "protection.request"));
    CHECK(notHers.status == 400);
    CHECK(errorField(notHers) == "kinds[0].kind");
    Reply unknownKey =
        server.call(chair, "PUT", "/api/v1/me/notifications", R"({"sms":"0912000111"})");
    CHECK(unknownKey.status == 400);

    // Without a choice, a notice reaches the bell only.
    const std::string path = openCasePath(server, police);
    REQUIRE(server.call(police, "POST", path + "/events", protectionRequest()).status == 201);
    REQUIRE(waitForNotifications(server, chair, 1)->getArray("items")->size() == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    CHECK(n.mail.connections() == 0);
    CHECK(n.hook.attempts() == 0);
}

TEST_CASE("issue 22: the bell's count arrives live as Server-Sent Events",
          "[api][issue22][notifications][sse]") {
    TestServer server({"notify.poll_ms=200"});
    Login police = server.addUser("canbo.an", "police");
    Login chair = server.addUser("chutich.xa", "leader");

    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, "", "", "", Poco::Net::Context::VERIFY_NONE);
    struct Stream {
        Poco::Net::HTTPSClientSession session;
        Poco::Net::HTTPResponse response;
        std::istream* events = nullptr;
        Stream(int port, Poco::Net::Context::Ptr context, const std::string& token)
            : session("127.0.0.1", static_cast<Poco::UInt16>(port), context) {
            session.setTimeout(Poco::Timespan(10, 0));
            Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET,
                                           "/api/v1/notifications/stream",
                                           Poco::Net::HTTPMessage::HTTP_1_1);
            request.set("Authorization", "Bearer " + token);
            request.set("Accept", "text/event-stream");
            session.sendRequest(request);
            events = &session.receiveResponse(response);
        }
    };
    Stream first(server.port(), context, chair.token);
    std::istream& events = *first.events;
    REQUIRE(first.response.getStatus() == 200);
    CHECK(first.response.getContentType().rfind("text/event-stream", 0) == 0);

    // Reads lines up to the next event's data line.
    const auto nextData = [&events] {
        std::string line;
        while (std::getline(events, line))
            if (line.rfind("data: ", 0) == 0) return line.substr(6);
        return std::string();
    };
    CHECK(nextData() == R"({"unread":0})");
    const std::string path = openCasePath(server, police);
    REQUIRE(server.call(police, "POST", path + "/events", protectionRequest()).status == 201);
    CHECK(nextData() == R"({"unread":1})");

    // Three more pages of the same officer (a reload leaves its old stream to be found gone
    // only later): the newest are served, and her oldest stream ends instead of a refusal.
    std::vector<std::unique_ptr<Stream>> more;
    for (int i = 0; i < 3; ++i) {
        more.push_back(std::make_unique<Stream>(server.port(), context, chair.token));
        CHECK(more.back()->response.getStatus() == 200);
    }
    const auto asked = std::chrono::steady_clock::now();
    std::string rest, line;
    while (std::getline(events, line)) rest += line + "\n";
    // It ended (not the client's 10 s timeout, which would also stop getline): within a poll.
    CHECK(std::chrono::steady_clock::now() - asked < std::chrono::seconds(4));
    CHECK(events.eof());
    CHECK_FALSE(events.bad());
    CHECK(rest.find("unread") == std::string::npos);

    // A stream needs a session: none, 401.
    CHECK(server.get("/api/v1/notifications/stream").status == 401);
}

TEST_CASE("issue 22: two instances on one PostgreSQL database send each notification once",
          "[api][issue22][notifications][postgresql]") {
    Notified n;
    auto second = TestServer::secondInstance(n.server);
    Login police = n.server.addUser("canbo.an", "police");
    Login chair = n.server.addUser("chutich.xa", "leader");
    REQUIRE(n.server
                .call(chair, "PUT", "/api/v1/me/notifications",
                      choose("chu.tich@hoaphong.test", "protection.request"))
                .status == 200);
    // Requests made through either instance; both run a dispatcher, one holds the lease.
    Login policeThere = second->login("canbo.an", binhan::fixtures::kUserPassword);
    for (int i = 0; i < 4; ++i) {
        TestServer& through = i % 2 == 0 ? n.server : *second;
        const Login& who = i % 2 == 0 ? police : policeThere;
        const std::string path = openCasePath(through, who);
        REQUIRE(through.call(who, "POST", path + "/events", protectionRequest()).status == 201);
    }
    CHECK(n.mail.waitFor(4, 15000).size() == 4);
    CHECK(n.hook.waitFor(4, 15000).size() == 4);
    std::this_thread::sleep_for(std::chrono::seconds(2));  // rounds of both dispatchers
    CHECK(n.mail.messages().size() == 4);
    CHECK(n.hook.calls().size() == 4);
    CHECK(notificationsOf(*second, chair)->getArray("items")->size() == 4);
}

TEST_CASE(
    "issue 22: an officer who may no longer see the case is neither sent nor shown its notice",
    "[api][issue22][notifications]") {
    Notified n;
    TestServer& server = n.server;
    n.mail.setDown(true);  // the e-mail waits for a retry while her standing changes
    Login admin = server.loginAdmin();
    Login police = server.addUser("canbo.an", "police");
    Login chair = server.addUser("chutich.xa", "leader");
    REQUIRE(server
                .call(chair, "PUT", "/api/v1/me/notifications",
                      choose("chu.tich@hoaphong.test", "protection.request"))
                .status == 200);
    const std::string path = openCasePath(server, police);
    REQUIRE(server.call(police, "POST", path + "/events", protectionRequest()).status == 201);
    REQUIRE(waitForNotifications(server, chair, 1)->getArray("items")->size() == 1);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (n.mail.connections() < 1 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    REQUIRE(n.mail.connections() >= 1);

    // Transferred to another commune: the notice leaves her bell, and the e-mail never goes.
    REQUIRE(server.call(admin, "POST", "/api/v1/communes", R"({"code":"TL","name":"Xã Tân Lập"})")
                .status == 201);
    REQUIRE(server
                .call(admin, "PATCH", "/api/v1/users/" + std::to_string(chair.userId),
                      R"({"commune":"TL"})")
                .status == 200);
    n.mail.setDown(false);
    n.hook.setDown(false);
    std::this_thread::sleep_for(std::chrono::seconds(4));  // past the next retries
    CHECK(n.mail.messages().empty());
    Login moved = server.login("chutich.xa", binhan::fixtures::kUserPassword);
    CHECK(notificationsOf(server, moved)->getArray("items")->size() == 0);
    CHECK(notificationsOf(server, moved)->getValue<int>("unread") == 0);
}
