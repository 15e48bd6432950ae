#include "core/workflow/Text.h"

#include <catch2/catch.hpp>

#include "unit/core/workflow/WorkflowTestSupport.h"

using namespace binhan::core;
using namespace binhan::core::workflow;
using binhan::core::workflow::test::outcome;

TEST_CASE("workflow: free text is counted in characters, not bytes", "[workflow][text]") {
    CHECK(codePoints("") == 0);
    CHECK(codePoints("Hoa") == 3);
    CHECK(codePoints("Nguyễn Thị Hoa") == 14);
    std::string longest;
    for (std::size_t i = 0; i < kMaxTextChars; ++i) longest += "ệ";
    CHECK(outcome([&] { checkText("details.summary", longest, "summary"); }) == "ok");
    CHECK(outcome([&] { checkText("details.summary", longest + "!", "summary"); }) ==
          "invalid/invalid@details.summary");
}

TEST_CASE("workflow: free text must not be blank", "[workflow][text]") {
    CHECK(isBlank(""));
    CHECK(isBlank(" \t\r\n"));
    CHECK_FALSE(isBlank(" a "));
    CHECK(outcome([] { checkText("reason", "\n\n", "reason"); }) == "invalid/invalid@reason");
    CHECK(outcome([] { checkText("reason", "Chuyển nơi ở", "reason"); }) == "ok");
}

TEST_CASE("workflow: agencies are named the way a clerk says them", "[workflow][text]") {
    CHECK(agencyLabel(Role::Union) == "the Women's Union");
    CHECK(joinLabels({Role::School}) == "the school");
    CHECK(joinLabels({Role::Union, Role::Police}) == "the commune police and the Women's Union");
    CHECK(joinLabels({Role::School, Role::Justice, Role::Police}) ==
          "the commune police, the justice officer and the school");
    CHECK(joinLabels({}).empty());
    for (Role role : allRoles()) CHECK_FALSE(agencyLabel(role).empty());
}
