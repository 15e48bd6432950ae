#pragma once
// What the system tells officers, and in which words (issue 22). A notice is its kind, the
// case's code, a deadline and a link, never a name, a phone or a narrative: the words below are
// built from those alone, so no value sealed under a case key can reach an e-mail, an SMS
// gateway or the bell. Pure: no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Clock.h"
#include "core/Policy.h"
#include "core/Role.h"

namespace binhan::core::notify {

struct NoticeKind {
    std::string name;            // API spelling: "protection.request", …
    std::vector<Role> audience;  // the roles told (each only where it may see the case)
    bool toAuthor = false;       // or the one officer who asked (a decision, an answer)
    std::string why;             // the duty or law line it comes from
};

// The kinds, in the order an account's choices list them.
const std::vector<NoticeKind>& noticeKinds();
const NoticeKind* findNoticeKind(const std::string& name);

// Whether an officer of `role` with `access` to the case may be told a notice of `kind`: who
// is told is who may see, by the one access table (core/Policy). A referral or an earlier-case
// request is told to those who may answer it; every other kind to those who may read the case.
bool mayBeTold(const std::string& kind, Role role, const CaseAccess& access);

// The in-app, e-mail and SMS text of a notice, in Vietnamese ("vi") or English ("en"):
// "Có 1 yêu cầu cấm tiếp xúc cần quyết định trước 11:07 02/12 — HP-2026-0034". `deadline` is an
// RFC 3339 instant (shown in Vietnam time) or a date YYYY-MM-DD, or empty.
std::string noticeText(const std::string& kind, const std::string& caseCode,
                       const std::string& deadline, const std::string& language = "vi");

// The link a notice carries: the case page under `baseUrl` (what it shows is the session's).
std::string caseLink(const std::string& baseUrl, std::int64_t caseId);

// The channels besides the bell, which an officer turns on per kind.
const std::vector<std::string>& externalChannels();  // "email", "webhook"

// Retries of a failed send: 30 s, 1, 2, 4 … minutes, at most an hour apart, `base` seconds first;
// after kMaxAttempts the delivery is failed for good and stays on the admin's list.
constexpr int kMaxAttempts = 8;
std::int64_t retryDelaySeconds(int attemptsSoFar, std::int64_t base = 30);

// An officer's address for e-mail: one '@', no spaces or control characters, at most 254 bytes
// (RFC 5321 §4.5.3.1.3). A phone for the gateway: digits with an optional leading '+', 8–15.
bool plausibleEmail(const std::string& address);
bool plausiblePhone(const std::string& phone);

}  // namespace binhan::core::notify
