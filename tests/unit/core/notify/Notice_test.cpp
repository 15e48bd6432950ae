#include "core/notify/Notice.h"

#include <catch2/catch.hpp>

using namespace binhan::core;
using namespace binhan::core::notify;

TEST_CASE(
    "issue 22: every notice kind has words in both languages naming the code and the deadline",
    "[notify]") {
    for (const auto& kind : noticeKinds()) {
        INFO(kind.name);
        CHECK(findNoticeKind(kind.name) == &kind);
        CHECK((kind.toAuthor || !kind.audience.empty()));
        CHECK_FALSE(kind.why.empty());
        for (const char* language : {"vi", "en"}) {
            const std::string text =
                noticeText(kind.name, "HP-2026-0034", "2026-12-02T04:07:00Z", language);
            CHECK(text.find("HP-2026-0034") != std::string::npos);
            CHECK(text.find("{when}") == std::string::npos);
        }
    }
    // The law's 12 hours are shown on the commune's clock: 04:07 UTC is 11:07 in Vietnam.
    CHECK(noticeText("protection.request", "HP-2026-0034", "2026-12-02T04:07:00Z") ==
          "Có 1 yêu cầu cấm tiếp xúc cần quyết định trước 11:07 02/12 — HP-2026-0034");
    CHECK(noticeText("followup.overdue", "HP-2026-0001", "2026-11-30", "en") ==
          "A follow-up was due on 30/11/2026 and is overdue — HP-2026-0001");
    CHECK(findNoticeKind("case.content") == nullptr);
}

TEST_CASE("issue 22: a failed send is retried with doubling back-off, at most an hour apart",
          "[notify]") {
    CHECK(retryDelaySeconds(1) == 30);
    CHECK(retryDelaySeconds(2) == 60);
    CHECK(retryDelaySeconds(3) == 120);
    CHECK(retryDelaySeconds(20) == 3600);
    CHECK(retryDelaySeconds(1, 1) == 1);
    CHECK(retryDelaySeconds(3, 1) == 4);
    CHECK(kMaxAttempts == 8);
}

TEST_CASE("issue 22: an officer's e-mail and gateway phone are checked for form", "[notify]") {
    CHECK(plausibleEmail("can.bo@hoaphong.gov.vn"));
    CHECK_FALSE(plausibleEmail("can.bo"));
    CHECK_FALSE(plausibleEmail("@hoaphong.gov.vn"));
    CHECK_FALSE(plausibleEmail("a@b@c"));
    CHECK_FALSE(plausibleEmail("a b@c.vn"));
    CHECK_FALSE(plausibleEmail("a@c.vn\r\nBcc: x@y"));  // no header injection
    CHECK_FALSE(plausibleEmail(std::string(250, 'a') + "@c.vn"));
    CHECK(plausiblePhone("0912345678"));
    CHECK(plausiblePhone("+84912345678"));
    CHECK_FALSE(plausiblePhone("0912"));
    CHECK_FALSE(plausiblePhone("09123a5678"));
    CHECK_FALSE(plausiblePhone("+"));
}

TEST_CASE("issue 22: who is told is who may see, by the one access table", "[notify]") {
    CaseAccess referred;
    referred.ownStage = StageView::Referred;
    CaseAccess active;
    active.ownStage = StageView::Active;
    CaseAccess recused = active;
    recused.recused = true;
    CaseAccess beforeChair;
    beforeChair.protectionRequest = true;
    // A referral is told to the agency that may answer it, before it sees the case.
    CHECK(mayBeTold("referral.incoming", Role::Union, referred));
    CHECK_FALSE(mayBeTold("protection.ending", Role::Police, referred));
    CHECK(mayBeTold("protection.ending", Role::Police, active));
    CHECK_FALSE(mayBeTold("protection.ending", Role::Police, CaseAccess{}));
    CHECK_FALSE(mayBeTold("followup.overdue", Role::Union, recused));
    CHECK(mayBeTold("protection.request", Role::Leader, beforeChair));
    CHECK_FALSE(mayBeTold("protection.request", Role::Leader, CaseAccess{}));
    CHECK_FALSE(mayBeTold("protection.request", Role::Oversight, beforeChair));
    CHECK_FALSE(mayBeTold("no.such.kind", Role::Police, active));
}
