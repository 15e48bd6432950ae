// Black-box tests of a possible earlier case (issue 21): a second agency learns only that an
// earlier case of the same survivor may exist, which agency holds it and since when — never its
// code, content or status; it asks that agency to refer it; the holder refers it under the
// consent rules, or declines; the two cases are linked and each shows the other's code only to
// those who may see both. Made-up people only.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <catch2/catch.hpp>
#include <string>

#include "api/TestServer.h"
#include "api/WorkflowClient.h"
#include "fixtures/people.h"

using binhan::testing::idText;
using binhan::testing::jsonOf;
using binhan::testing::Login;
using binhan::testing::openCasePath;
using binhan::testing::Reply;
using binhan::testing::TestServer;
namespace fixtures = binhan::fixtures;

namespace {

std::string codeOf(TestServer& server, const Login& who, const std::string& path) {
    return jsonOf(server.call(who, "GET", path))->getValue<std::string>("code");
}

// A made-up case with no identifier in common with the fixtures' survivor.
std::string strangerCase() {
    std::string body = fixtures::adultCaseJson("Đỗ Thị Ngọc Bích", "0355 111 222");
    const std::string id = "034190001234";
    body.replace(body.find(id), id.size(), "001199009999");
    return body;
}

}  // namespace

TEST_CASE("The intake check tells which agency may hold an earlier case, never which case",
          "[api][earlier]") {
    TestServer server;
    const Login police = server.addUser("canbo.congan", "police");
    const Login union_ = server.addUser("canbo.hoi", "union");
    const Login chair = server.addUser("chu.tich", "leader");
    const std::string earlier = openCasePath(server, police);
    const std::string code = codeOf(server, police, earlier);

    const Reply byPhone = server.call(union_, "POST", "/api/v1/cases/earlier-check",
                                      R"({"survivor":{"phone":"0912.345.678"}})");
    REQUIRE(byPhone.status == 200);
    const auto answer = jsonOf(byPhone);
    CHECK(answer->getValue<bool>("possible"));
    const auto held = answer->getArray("held_by");
    REQUIRE(held->size() == 1);
    CHECK(held->getObject(0)->getValue<std::string>("agency") == "police");
    CHECK(held->getObject(0)->getValue<std::string>("since").size() == 7);  // YYYY-MM
    CHECK(byPhone.body.find(code) == std::string::npos);
    CHECK(byPhone.body.find("\"id\"") == std::string::npos);

    // The name without diacritics matches too; another survivor does not.
    CHECK(jsonOf(server.call(union_, "POST", "/api/v1/cases/earlier-check",
                             R"({"survivor":{"full_name":"nguyen thi hoa"}})"))
              ->getValue<bool>("possible"));
    CHECK_FALSE(jsonOf(server.call(union_, "POST", "/api/v1/cases/earlier-check",
                                   R"({"survivor":{"full_name":"Đỗ Thị Ngọc Bích",)"
                                   R"("phone":"0355111222","id_number":"001199009999"}})"))
                    ->getValue<bool>("possible"));
    CHECK(server.call(union_, "POST", "/api/v1/cases/earlier-check", R"({"survivor":{}})").status ==
          400);
    CHECK(server
              .call(chair, "POST", "/api/v1/cases/earlier-check",
                    R"({"survivor":{"phone":"0912345678"}})")
              .status == 403);
    // Each check is on the record with how many agencies matched, never what was typed.
    bool audited = false;
    for (const auto& row :
         server.query("SELECT detail FROM audit_log WHERE action = 'earlier.check'")) {
        if (row.empty()) continue;  // psql gives no column for an empty text
        audited = audited || row[0] == "matches 1";
        CHECK(row[0].find("0912") == std::string::npos);
    }
    CHECK(audited);
}

TEST_CASE("Asked to refer, the holder refers its case and the two cases show each other",
          "[api][earlier]") {
    TestServer server;
    const Login police = server.addUser("canbo.congan", "police");
    const Login union_ = server.addUser("canbo.hoi", "union");
    const std::string earlier = openCasePath(server, police);
    const std::string earlierCode = codeOf(server, police, earlier);
    const std::string later =
        openCasePath(server, union_, fixtures::adultCaseJson("Nguyễn Thị Hoà"));
    const std::string laterCode = codeOf(server, union_, later);
    const std::string other = openCasePath(server, union_, strangerCase());

    const auto found = jsonOf(server.call(union_, "GET", later + "/earlier"));
    REQUIRE(found->getValue<bool>("possible"));
    CHECK(found->getArray("held_by")->getObject(0)->getValue<std::string>("agency") == "police");
    CHECK_FALSE(found->getArray("held_by")->getObject(0)->getValue<bool>("requested"));
    CHECK_FALSE(jsonOf(server.call(union_, "GET", other + "/earlier"))->getValue<bool>("possible"));

    CHECK(
        server.call(union_, "POST", other + "/earlier-requests", R"({"agency":"police"})").status ==
        404);
    const Reply asked =
        server.call(union_, "POST", later + "/earlier-requests", R"({"agency":"police"})");
    REQUIRE(asked.status == 201);
    CHECK(asked.body.find(earlierCode) == std::string::npos);
    CHECK(
        server.call(union_, "POST", later + "/earlier-requests", R"({"agency":"police"})").status ==
        409);
    CHECK(jsonOf(server.call(union_, "GET", later + "/earlier"))
              ->getArray("held_by")
              ->getObject(0)
              ->getValue<bool>("requested"));

    // The holder sees its own case's code, not the asker's (not its to see); the asker's list
    // of requests to answer is empty.
    const auto waiting = jsonOf(server.call(police, "GET", "/api/v1/earlier-requests"));
    REQUIRE(waiting->getArray("items")->size() == 1);
    const auto request = waiting->getArray("items")->getObject(0);
    CHECK(request->getValue<std::string>("case_code") == earlierCode);
    CHECK_FALSE(request->has("from_case_code"));
    CHECK(server.call(police, "GET", "/api/v1/earlier-requests").body.find(laterCode) ==
          std::string::npos);
    CHECK(request->getValue<std::string>("from_agency") == "union");
    CHECK(
        jsonOf(server.call(union_, "GET", "/api/v1/earlier-requests"))->getArray("items")->size() ==
        0);
    const std::string rid = std::to_string(request->getValue<std::int64_t>("id"));
    CHECK(server
              .call(union_, "POST", "/api/v1/earlier-requests/" + rid + "/accept",
                    R"({"reason":"Cùng một nạn nhân"})")
              .status == 404);  // not the union's to answer

    const Reply accepted =
        server.call(police, "POST", "/api/v1/earlier-requests/" + rid + "/accept",
                    R"({"reason":"Cùng một nạn nhân, chuyển để phối hợp"})");
    REQUIRE(accepted.status == 200);
    CHECK(accepted.body.find(laterCode) == std::string::npos);
    const auto referral = jsonOf(accepted)->getObject("referral");
    REQUIRE(referral);
    CHECK(referral->getValue<std::string>("to") == "union");
    CHECK(server
              .call(police, "POST", "/api/v1/earlier-requests/" + rid + "/accept",
                    R"({"reason":"Cùng một nạn nhân"})")
              .status == 409);

    // Until the union accepts the referral, the earlier case stays out of its sight.
    const auto links = [&](const Login& who, const std::string& path) {
        return jsonOf(server.call(who, "GET", path))->getArray("linked_cases");
    };
    CHECK(links(union_, later)->size() == 0);
    const std::string referralId = std::to_string(referral->getValue<std::int64_t>("id"));
    REQUIRE(
        server.call(union_, "POST", "/api/v1/referrals/" + referralId + "/accept", "{}").status ==
        200);
    REQUIRE(links(union_, later)->size() == 1);
    CHECK(links(union_, later)->getObject(0)->getValue<std::string>("code") == earlierCode);
    CHECK(links(union_, earlier)->getObject(0)->getValue<std::string>("code") == laterCode);
    CHECK(links(police, earlier)->size() == 0);  // the police do not work the union's case
    // Linked already: no longer offered as a possible earlier case.
    CHECK_FALSE(jsonOf(server.call(union_, "GET", later + "/earlier"))->getValue<bool>("possible"));
}

TEST_CASE("The holder may decline a request with a reason, and the chair links cases he sees",
          "[api][earlier]") {
    TestServer server;
    const Login police = server.addUser("canbo.congan", "police");
    const Login union_ = server.addUser("canbo.hoi", "union");
    const Login chair = server.addUser("chu.tich", "leader");
    const std::string earlier = openCasePath(server, police);
    const std::string later = openCasePath(server, union_);
    REQUIRE(
        server.call(union_, "POST", later + "/earlier-requests", R"({"agency":"police"})").status ==
        201);
    const auto items =
        jsonOf(server.call(police, "GET", "/api/v1/earlier-requests"))->getArray("items");
    REQUIRE(items->size() == 1);
    const std::string rid = std::to_string(items->getObject(0)->getValue<std::int64_t>("id"));
    CHECK(server
              .call(police, "POST", "/api/v1/earlier-requests/" + rid + "/decline",
                    R"({"reason":""})")
              .status == 400);
    const Reply declined =
        server.call(police, "POST", "/api/v1/earlier-requests/" + rid + "/decline",
                    R"({"reason":"Không cùng một người"})");
    REQUIRE(declined.status == 200);
    CHECK(jsonOf(declined)->getValue<std::string>("status") == "declined");
    CHECK(
        jsonOf(server.call(police, "GET", "/api/v1/earlier-requests"))->getArray("items")->size() ==
        0);

    // A police officer recused from the earlier case is not shown requests about it.
    const Login otherPolice = server.addUser("canbo.congan2", "police");
    const std::string third =
        openCasePath(server, union_, binhan::fixtures::adultCaseJson("Nguyễn Thị Hoà"));
    REQUIRE(
        server.call(union_, "POST", third + "/earlier-requests", R"({"agency":"police"})").status ==
        201);
    CHECK(jsonOf(server.call(otherPolice, "GET", "/api/v1/earlier-requests"))
              ->getArray("items")
              ->size() == 1);
    REQUIRE(server
                .call(chair, "POST", earlier + "/recusals",
                      R"({"user_id":)" + std::to_string(otherPolice.userId) +
                          R"(,"reason":"Người thân của nạn nhân"})")
                .status == 201);
    CHECK(jsonOf(server.call(otherPolice, "GET", "/api/v1/earlier-requests"))
              ->getArray("items")
              ->size() == 0);
    CHECK(
        jsonOf(server.call(police, "GET", "/api/v1/earlier-requests"))->getArray("items")->size() ==
        1);

    const std::string earlierCode = codeOf(server, police, earlier);
    CHECK(server.call(union_, "POST", later + "/links", R"({"case":")" + earlierCode + "\"}")
              .status == 403);
    CHECK(
        server.call(chair, "POST", later + "/links", R"({"case":")" + earlierCode + "\"}").status ==
        404);  // he sees neither yet
    for (const auto& path : {earlier, later})
        REQUIRE(server
                    .call(chair, "POST", path + "/break-glass",
                          R"({"reason":"Kiểm tra hồ sơ trùng của cùng nạn nhân"})")
                    .status == 200);
    const Reply linked =
        server.call(chair, "POST", later + "/links", R"({"case":")" + earlierCode + "\"}");
    REQUIRE(linked.status == 201);
    CHECK(jsonOf(linked)->getArray("linked_cases")->getObject(0)->getValue<std::string>("code") ==
          earlierCode);
    const auto offered = jsonOf(server.call(chair, "GET", later))->getArray("allowed_actions");
    bool link = false;
    for (std::size_t i = 0; i < offered->size(); ++i)
        link = link || offered->getElement<std::string>(i) == "link";
    CHECK(link);
}
