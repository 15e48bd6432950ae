// Black-box tests of evidence files (issue 21), through the HTTP API as officers and a hostile
// client meet them: the upload streamed and refused by type (415) and by size as the bytes
// arrive (413), image metadata removed, the file sealed in chunks that cannot be swapped, cut
// or moved, access per role and kind, soft removal, and erasure shredding the files so that a
// restored older backup cannot open them. Made-up people and a made-up photo only.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/URI.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "api/TestServer.h"
#include "api/WorkflowClient.h"
#include "fixtures/people.h"

using binhan::testing::errorCode;
using binhan::testing::idText;
using binhan::testing::jsonOf;
using binhan::testing::Login;
using binhan::testing::openCasePath;
using binhan::testing::Reply;
using binhan::testing::TestServer;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void spill(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

// The made-up injury photo: EXIF with a GPS position and a phone's model and serial, XMP, an
// ICC profile, a Photoshop/IPTC block (tests/fixtures/evidence-photo.jpg).
std::string photo() {
    return slurp(std::string(BINHAN_SOURCE_DIR) + "/tests/fixtures/evidence-photo.jpg");
}

// A PDF of about `kib` KiB (passed through unchanged, so its chunks are easy to reason about).
std::string pdf(std::size_t kib) {
    std::string out = "%PDF-1.4\n%made-up medical certificate\n";
    while (out.size() < kib * 1024) out += "0123456789abcdef";
    return out + "\n%%EOF\n";
}

Reply upload(TestServer& server, const Login& who, const std::string& casePath,
             const std::string& bytes, const std::string& type = "image/jpeg",
             const std::string& kind = "injury_photo",
             const std::string& name = "ảnh vết thương.jpg") {
    std::string encoded;
    Poco::URI::encode(name, "", encoded);
    return server.request("POST", casePath + "/attachments", bytes,
                          {{"Authorization", "Bearer " + who.token},
                           {"Content-Type", type},
                           {"X-Filename", encoded},
                           {"X-Attachment-Kind", kind}});
}

std::string caseIdOf(const std::string& path) {
    return path.substr(path.rfind('/') + 1);
}

// The sealed file of an attachment on SQLite.
std::string sealedPath(const TestServer& server, const std::string& casePath,
                       const std::string& id) {
    return server.dataDir() + "/attachments/" + caseIdOf(casePath) + "/" + id + ".baf";
}

// The sealed chunks of a file: its 16-byte header and each length-prefixed box.
struct Sealed {
    std::string header;
    std::vector<std::string> chunks;
    std::string joined() const {
        std::string out = header;
        for (const auto& c : chunks) out += c;
        return out;
    }
};

Sealed chunksOf(const std::string& file) {
    Sealed out;
    out.header = file.substr(0, 16);
    for (std::size_t at = 16; at + 4 <= file.size();) {
        const auto* b = reinterpret_cast<const unsigned char*>(file.data() + at);
        const std::size_t size =
            (std::size_t{b[0]} << 24) | (std::size_t{b[1]} << 16) | (std::size_t{b[2]} << 8) | b[3];
        out.chunks.push_back(file.substr(at, 4 + size));
        at += 4 + size;
    }
    return out;
}

std::pair<int, std::string> runCommand(const std::vector<std::string>& head,
                                       const std::string& dataDir) {
    auto args = head;
    args.insert(args.end(), {"--set", "data.dir=" + dataDir});
    return binhan::testing::runBinhan(args);
}

}  // namespace

TEST_CASE("An injury photo is attached, listed and read back without its GPS position",
          "[api][attachments]") {
    TestServer server;
    const Login police = server.addUser("canbo.congan", "police");
    const std::string path = openCasePath(server, police);
    const std::string original = photo();
    REQUIRE(original.find("GPS 21.0285N") != std::string::npos);  // the fixture carries it

    const Reply added = upload(server, police, path, original);
    INFO(added.body);
    REQUIRE(added.status == 201);
    const auto item = jsonOf(added);
    CHECK(item->getValue<std::string>("kind") == "injury_photo");
    CHECK(item->getValue<std::string>("filename") == "ảnh vết thương.jpg");
    CHECK(item->getValue<std::string>("type") == "image/jpeg");
    CHECK(item->getValue<bool>("metadata_removed"));
    CHECK(item->getValue<bool>("removable"));

    const auto list = jsonOf(server.call(police, "GET", path + "/attachments"));
    REQUIRE(list->getArray("items")->size() == 1);
    CHECK(list->getArray("addable_kinds")->size() == 6);

    const Reply file = server.call(police, "GET", path + "/attachments/" + idText(added));
    REQUIRE(file.status == 200);
    CHECK(file.header("Content-Type") == "image/jpeg");
    CHECK(file.header("Content-Disposition").rfind("attachment;", 0) == 0);
    CHECK(file.header("Content-Disposition").find("filename*=UTF-8''%E1%BA%A3nh") !=
          std::string::npos);
    CHECK(file.header("X-Content-Type-Options") == "nosniff");
    CHECK(file.header("Content-Security-Policy").find("sandbox") != std::string::npos);
    CHECK(file.body.rfind("\xFF\xD8\xFF", 0) == 0);
    CHECK(file.body.size() == static_cast<std::size_t>(item->getValue<std::int64_t>("size")));
    for (const char* leak : {"GPS 21.0285N", "SM-A125F", "R58N123", "xmpmeta", "Photoshop"})
        CHECK(file.body.find(leak) == std::string::npos);
    CHECK(file.body.find("ICC_PROFILE") != std::string::npos);  // colour stays

    // On disk and in the database, nothing of the photo or its name is in clear.
    if (!server.onPostgreSQL()) {
        const std::string sealed = slurp(sealedPath(server, path, idText(added)));
        CHECK(sealed.find("JFIF") == std::string::npos);
        CHECK(sealed.find("\xFF\xD8\xFF") == std::string::npos);
    }
    for (const auto& row : server.query("SELECT filename, kind FROM attachments"))
        CHECK(row[0].find("vết") == std::string::npos);
}

TEST_CASE("Files of another type, or not what they declare, are refused with 415",
          "[api][attachments]") {
    TestServer server;
    const Login police = server.addUser("canbo.congan", "police");
    const std::string path = openCasePath(server, police);
    const Reply text = upload(server, police, path, "<html><script>alert(1)</script></html>");
    CHECK(text.status == 415);
    CHECK(errorCode(text) == "unsupported_media_type");
    CHECK(upload(server, police, path, "GIF89a......", "image/gif").status == 415);
    CHECK(upload(server, police, path, pdf(2), "image/png").status == 415);  // a PDF named PNG
    const Reply cut = upload(server, police, path, photo().substr(0, 600));
    CHECK(cut.status == 415);
    CHECK(errorCode(cut) == "malformed_file");
    CHECK(upload(server, police, path, photo(), "image/jpeg", "selfie").status == 400);
    CHECK(upload(server, police, path, pdf(2), "application/pdf", "medical", "giay.pdf").status ==
          201);
    // Nothing of the refused files stays: one file, no pending row.
    CHECK(jsonOf(server.call(police, "GET", path + "/attachments"))->getArray("items")->size() ==
          1);
    CHECK(server.query("SELECT id FROM attachments WHERE state = 'pending'").empty());
}

TEST_CASE("A file over attachments.max_mb is refused with 413, declared or as its bytes arrive",
          "[api][attachments]") {
    TestServer server({"attachments.max_mb=1"});
    const Login police = server.addUser("canbo.congan", "police");
    const std::string path = openCasePath(server, police);
    const Reply declared = upload(server, police, path, pdf(1100), "application/pdf", "medical");
    CHECK(declared.status == 413);

    // Chunked: no length declared; the server stops it once 1 MiB has passed.
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                             Poco::Net::Context::VERIFY_NONE);
    Poco::Net::SecureStreamSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(server.port())), context);
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    const std::string head = "POST " + path +
                             "/attachments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
                             police.token +
                             "\r\nContent-Type: application/pdf\r\nX-Attachment-Kind: medical\r\n"
                             "X-Filename: big.pdf\r\nTransfer-Encoding: chunked\r\n\r\n";
    socket.sendBytes(head.data(), static_cast<int>(head.size()));
    const std::string body = pdf(64);
    std::size_t sent = 0;
    try {
        for (int i = 0; i < 40; ++i) {  // 40 × 64 KiB: well past 1 MiB
            std::ostringstream chunk;
            chunk << std::hex << body.size() << "\r\n" << body << "\r\n";
            const std::string bytes = chunk.str();
            socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
            sent += body.size();
        }
    } catch (const Poco::Exception&) {  // the server closed while we still sent: expected
    }
    std::string answer;
    char buffer[4096];
    try {
        for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;)
            answer.append(buffer, static_cast<std::size_t>(n));
    } catch (const Poco::Exception&) {
    }
    INFO(server.logText());
    CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(answer.find(R"("code":"too_large")") != std::string::npos);
    CHECK(server.query("SELECT id FROM attachments").empty());
    if (!server.onPostgreSQL()) {
        const fs::path dir = server.dataDir() + "/attachments/" + caseIdOf(path);
        CHECK((!fs::exists(dir) || fs::is_empty(dir)));
    }
    // The server still serves.
    CHECK(upload(server, police, path, pdf(100), "application/pdf", "medical").status == 201);
}

TEST_CASE("A sealed file whose chunks were swapped, cut or moved to another case does not open",
          "[api][attachments][sqlite]") {
    TestServer server;
    const Login police = server.addUser("canbo.congan", "police");
    const std::string first = openCasePath(server, police);
    const std::string second =
        openCasePath(server, police, binhan::fixtures::adultCaseJson("Lê Thị Thu"));
    const Reply a = upload(server, police, first, pdf(300), "application/pdf", "medical");
    const Reply b = upload(server, police, second, pdf(300), "application/pdf", "medical");
    REQUIRE(a.status == 201);
    REQUIRE(b.status == 201);
    const std::string fileA = sealedPath(server, first, idText(a));
    const std::string fileB = sealedPath(server, second, idText(b));
    const std::string goodA = slurp(fileA), goodB = slurp(fileB);
    const Sealed sealed = chunksOf(goodA);
    REQUIRE(sealed.chunks.size() >= 4);
    const std::string readA = first + "/attachments/" + idText(a);
    REQUIRE(server.call(police, "GET", readA).status == 200);

    Sealed swapped = sealed;
    std::swap(swapped.chunks[1], swapped.chunks[2]);
    spill(fileA, swapped.joined());
    const Reply damaged = server.call(police, "GET", readA);
    CHECK(damaged.status == 500);
    CHECK(errorCode(damaged) == "attachment_damaged");

    Sealed cut = sealed;
    cut.chunks.resize(2);  // ends at a chunk boundary, before the last chunk
    spill(fileA, cut.joined());
    CHECK(server.call(police, "GET", readA).status == 500);

    Sealed extended = sealed;
    extended.chunks.push_back(sealed.chunks[1]);
    spill(fileA, extended.joined());
    CHECK(server.call(police, "GET", readA).status == 500);

    spill(fileA, goodB);  // another case's file (same size, other key and context)
    CHECK(server.call(police, "GET", readA).status == 500);

    spill(fileA, goodA);
    const Reply back = server.call(police, "GET", readA);
    CHECK(back.status == 200);
    CHECK(back.body == pdf(300));
}

TEST_CASE("Who sees which paper: the access table by kind, removal by the role that filed it",
          "[api][attachments]") {
    TestServer server;
    const Login police = server.addUser("canbo.congan", "police");
    const Login union_ = server.addUser("canbo.hoi", "union");
    const Login chair = server.addUser("chu.tich", "leader");
    const std::string path = openCasePath(server, police);
    const Reply minutes =
        upload(server, police, path, pdf(4), "application/pdf", "police_record", "bien-ban.pdf");
    const Reply injury = upload(server, police, path, photo());
    REQUIRE(minutes.status == 201);
    REQUIRE(injury.status == 201);
    // Before the union works the case, its files are as unknown as the case.
    CHECK(server.call(union_, "GET", path + "/attachments").status == 404);
    const Reply referral = server.call(police, "POST", path + "/referrals",
                                       R"({"to":"union","reason":"Hỗ trợ tâm lý cho nạn nhân"})");
    REQUIRE(referral.status == 201);
    REQUIRE(server.call(union_, "POST", "/api/v1/referrals/" + idText(referral) + "/accept", "{}")
                .status == 200);

    const auto seen = jsonOf(server.call(union_, "GET", path + "/attachments"));
    REQUIRE(seen->getArray("items")->size() == 1);  // the photo, not the police minutes
    CHECK(seen->getArray("items")->getObject(0)->getValue<std::string>("kind") == "injury_photo");
    CHECK_FALSE(seen->getArray("items")->getObject(0)->getValue<bool>("removable"));
    for (std::size_t i = 0; i < seen->getArray("addable_kinds")->size(); ++i)
        CHECK(seen->getArray("addable_kinds")->getElement<std::string>(i) != "police_record");
    CHECK(server.call(union_, "GET", path + "/attachments/" + idText(minutes)).status == 404);
    CHECK(server.call(union_, "GET", path + "/attachments/" + idText(injury)).status == 200);
    CHECK(upload(server, union_, path, pdf(4), "application/pdf", "police_record").status == 403);
    CHECK(server
              .call(union_, "POST", path + "/attachments/" + idText(injury) + "/remove",
                    R"({"reason":"Ảnh bị trùng lặp"})")
              .status == 403);
    // The chair sees the case only with a relation to it.
    CHECK(server.call(chair, "GET", path + "/attachments").status == 404);

    // Removal: a reason, then the file is listed as removed and no longer served.
    CHECK(server
              .call(police, "POST", path + "/attachments/" + idText(injury) + "/remove",
                    R"({"reason":""})")
              .status == 400);
    const Reply removed =
        server.call(police, "POST", path + "/attachments/" + idText(injury) + "/remove",
                    R"({"reason":"Ảnh chụp nhầm hồ sơ"})");
    REQUIRE(removed.status == 200);
    CHECK(jsonOf(removed)->getObject("removed")->getValue<std::string>("reason") ==
          "Ảnh chụp nhầm hồ sơ");
    const Reply gone = server.call(police, "GET", path + "/attachments/" + idText(injury));
    CHECK(gone.status == 410);
    CHECK(errorCode(gone) == "removed");

    // Every upload, read and removal is on the audit record, with the file, never its name.
    const auto actions = server.query(
        "SELECT action, detail FROM audit_log WHERE action LIKE 'attachment.%' ORDER BY sequence");
    std::set<std::string> seenActions;
    for (const auto& row : actions) {
        if (row.empty()) continue;
        seenActions.insert(row[0]);
        CHECK((row.size() < 2 || row[1].find("bien-ban") == std::string::npos));
    }
    CHECK(seenActions == std::set<std::string>{"attachment.add", "attachment.list",
                                               "attachment.read", "attachment.remove"});
}

TEST_CASE("Erasing a case shreds its files, and a restored older backup cannot open them",
          "[api][attachments][backup][sqlite]") {
    TestServer server;
    const Login police = server.addUser("canbo.congan", "police");
    const Login chair = server.addUser("chu.tich", "leader");
    const std::string keep =
        openCasePath(server, police, binhan::fixtures::adultCaseJson("Phạm Thị Lan"));
    const std::string gone = openCasePath(server, police);
    const Reply kept = upload(server, police, keep, pdf(200), "application/pdf", "medical");
    REQUIRE(kept.status == 201);
    REQUIRE(upload(server, police, gone, photo()).status == 201);
    const std::string backup = server.dataDir() + ".bak";
    const auto [code, text] = runCommand({"backup", backup}, server.dataDir());
    INFO(text);
    REQUIRE(code == 0);
    CHECK(text.find("2 case file(s)") != std::string::npos);

    REQUIRE(server.call(chair, "POST", gone + "/break-glass", R"({"reason":"Yêu cầu xóa dữ liệu"})")
                .status == 200);
    INFO(server.logText());
    REQUIRE(server.call(chair, "POST", gone + "/erase", R"({"reason":"Nạn nhân yêu cầu xóa"})")
                .status == 200);
    CHECK_FALSE(fs::exists(server.dataDir() + "/attachments/" + caseIdOf(gone)));
    CHECK(server.query("SELECT id FROM attachments WHERE case_id = " + caseIdOf(gone)).empty());
    server.terminate(true);

    // The older backup, restored beside the off-site ledger: the erased case's file stays gone.
    const std::string restored = server.dataDir() + "-restored";
    fs::create_directories(restored);
    for (const char* name : {"master.key", "erasures", "audit-signing.key", "audit-signing.key.pub",
                             "audit-checkpoints"})
        if (fs::exists(server.dataDir() + "/" + name))
            fs::copy_file(server.dataDir() + "/" + name, restored + "/" + name);
    const auto [restoreCode, restoreText] = runCommand({"restore", backup}, restored);
    INFO(restoreText);
    REQUIRE(restoreCode == 0);
    CHECK(restoreText.find("with 1 case file(s)") != std::string::npos);
    CHECK_FALSE(fs::exists(restored + "/attachments/" + caseIdOf(gone)));
    REQUIRE(runCommand({"init"}, restored).first == 0);
    TestServer serve(TestServer::existing(restored), 0);
    const Login again = serve.login("canbo.congan", binhan::fixtures::kUserPassword);
    CHECK(serve.call(again, "GET", gone + "/attachments").status == 404);
    const Reply file = serve.call(again, "GET", keep + "/attachments/" + idText(kept));
    CHECK(file.status == 200);
    CHECK(file.body == pdf(200));
    fs::remove(backup);
}

TEST_CASE("The per-case limit counts only the papers the uploader sees, so a refusal hides nothing",
          "[api][attachments]") {
    TestServer server({"attachments.max_per_case=1"});
    const Login police = server.addUser("canbo.congan", "police");
    const Login school = server.addUser("canbo.truong", "school");
    const std::string path = openCasePath(server, police, binhan::fixtures::childCaseJson());
    REQUIRE(upload(server, police, path, photo()).status == 201);  // an injury photo
    const Reply referral = server.call(police, "POST", path + "/referrals",
                                       R"({"to":"school","reason":"Nhà trường hỗ trợ học sinh"})");
    REQUIRE(referral.status == 201);
    REQUIRE(server.call(school, "POST", "/api/v1/referrals/" + idText(referral) + "/accept", "{}")
                .status == 200);
    // The school does not see the photo: its own paper goes in, and it learns of no other.
    CHECK(upload(server, school, path, pdf(4), "application/pdf", "other", "ke-hoach.pdf").status ==
          201);
    const Reply full = upload(server, police, path, pdf(4), "application/pdf", "other", "them.pdf");
    CHECK(full.status == 409);
    CHECK(errorCode(full) == "too_many_attachments");
}
