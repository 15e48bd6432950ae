// DESIGN.md §2: withdrawing consent for an agency ends that agency's access — also when its
// stage was already completed (a completed stage otherwise keeps read access to the case).
#include <catch2/catch.hpp>

#include "api/TestServer.h"
#include "fixtures/people.h"

using binhan::testing::Login;
using binhan::testing::Reply;
using binhan::testing::TestServer;

namespace {
std::string idOf(const Reply& r) {
    const auto at = r.body.find(R"("id":)");
    return r.body.substr(at + 5, r.body.find_first_of(",}", at) - at - 5);
}
}  // namespace

TEST_CASE("Law 91/2025: consent withdrawn from a finished agency ends its access",
          "[api][workflow][consent]") {
    TestServer server;
    Login hoa = server.addUser("canbo.hoa", "union");
    Login police = server.addUser("canbo.congan", "police");
    const std::string id =
        idOf(server.call(hoa, "POST", "/api/v1/cases", binhan::fixtures::adultCaseJson()));
    const std::string path = "/api/v1/cases/" + id;
    Reply referral =
        server.call(hoa, "POST", path + "/referrals",
                    R"({"to":"police","reason":"Đề nghị xác minh","mandatory":false})");
    REQUIRE(referral.status == 201);
    REQUIRE(server.call(police, "POST", "/api/v1/referrals/" + idOf(referral) + "/accept", "{}")
                .status == 200);
    REQUIRE(server
                .call(police, "POST", path + "/stages/police/complete",
                      R"({"summary":"Đã xử lý xong"})")
                .status == 200);
    CHECK(server.call(police, "GET", path).status == 200);  // finished work stays readable
    Reply consent = server.call(
        hoa, "POST", path + "/consent",
        R"({"given":true,"given_by":"survivor","agencies":["union","justice"],"reason":"Nạn nhân rút lại sự đồng ý"})");
    REQUIRE(consent.status == 200);
    CHECK(server.call(police, "GET", path).status == 404);
    Reply read = server.call(hoa, "GET", path);
    CHECK(read.body.find(R"("police":{"status":"declined")") != std::string::npos);
}
