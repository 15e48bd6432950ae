#include "core/notify/Notice.h"

#include <algorithm>

#include "core/TimeFormat.h"

namespace binhan::core::notify {
namespace {

// "11:07 02/12" for an instant (Vietnam time, the commune's clock); "02/12/2026" for a date.
std::string whenText(const std::string& deadline) {
    if (deadline.empty()) return "";
    if (const auto t = vietnamPaperTime(deadline)) return t->clock + " " + t->date.substr(0, 5);
    return paperDate(deadline);
}

struct Words {
    const char* kind;
    const char* vi;  // "{when}" is the deadline, if any
    const char* en;
};

// The words of each kind; a kind with a deadline names it, none names a person.
const Words kWords[] = {
    {"protection.request", "Có 1 yêu cầu cấm tiếp xúc cần quyết định trước {when}",
     "A contact-prohibition request needs a decision before {when}"},
    {"protection.decision", "Đã có quyết định về yêu cầu cấm tiếp xúc của bạn",
     "Your contact-prohibition request has been decided"},
    {"protection.ending", "Quyết định cấm tiếp xúc hết hiệu lực lúc {when}",
     "A contact prohibition ends at {when}"},
    {"protection.lapsed", "Quyết định cấm tiếp xúc đã hết hiệu lực lúc {when}",
     "A contact prohibition ended at {when}"},
    {"referral.incoming", "Có 1 hồ sơ được chuyển đến cơ quan bạn, chờ tiếp nhận",
     "A case was referred to your agency and waits for your answer"},
    {"followup.overdue", "Có 1 việc theo dõi đã quá hạn ngày {when}",
     "A follow-up was due on {when} and is overdue"},
    {"closure.request", "Có 1 đề nghị đóng hồ sơ cần phê duyệt",
     "A closure of a high-risk case waits for your approval"},
    {"earlier.request", "Có 1 đề nghị chuyển hồ sơ trước đây của cơ quan bạn",
     "Another agency asks your agency to refer an earlier case"},
    {"earlier.answer", "Đã có trả lời đề nghị chuyển hồ sơ trước đây",
     "Your request about an earlier case has been answered"},
};

std::string replaced(std::string text, const std::string& when) {
    const auto at = text.find("{when}");
    if (at != std::string::npos) text.replace(at, 6, when.empty() ? "?" : when);
    return text;
}

}  // namespace

const std::vector<NoticeKind>& noticeKinds() {
    static const std::vector<NoticeKind> kinds = {
        {"protection.request",
         {Role::Leader},
         false,
         "Law 13/2022 art. 25(2): the chair decides within 12 hours of the request"},
        {"protection.decision",
         {},
         true,
         "Law 13/2022 art. 25(2)-(3): the decision, or the refusal with reasons, goes to the "
         "requester"},
        {"protection.ending",
         {Role::Police, Role::Leader},
         false,
         "Law 13/2022 art. 25(1): an order of at most 3 days; police enforce it (art. 25(3))"},
        {"protection.lapsed",
         {Role::Police, Role::Leader},
         false,
         "Law 13/2022 art. 25-26: once it lapses, a new measure or the court's order"},
        {"referral.incoming",
         {Role::Police, Role::Justice, Role::Union, Role::School},
         false,
         "DESIGN.md §2: the receiving agency accepts or declines a referral"},
        {"followup.overdue",
         {Role::Police, Role::Justice, Role::Union, Role::School},
         false,
         "the plan's section III: each body follows up what it scheduled"},
        {"closure.request",
         {Role::Leader},
         false,
         "issue 20: a high or critical case closes only with the chair's approval"},
        {"earlier.request",
         {Role::Police, Role::Justice, Role::Union, Role::School},
         false,
         "issue 21: the agency holding an earlier case answers a request to refer it"},
        {"earlier.answer", {}, true, "issue 21: the asking officer learns the answer"},
    };
    return kinds;
}

const NoticeKind* findNoticeKind(const std::string& name) {
    for (const auto& kind : noticeKinds())
        if (kind.name == name) return &kind;
    return nullptr;
}

std::string noticeText(const std::string& kind, const std::string& caseCode,
                       const std::string& deadline, const std::string& language) {
    for (const auto& words : kWords)
        if (kind == words.kind)
            return replaced(language == "en" ? words.en : words.vi, whenText(deadline)) + " — " +
                   caseCode;
    return (language == "en" ? "A notice about case " : "Có thông báo về hồ sơ ") + caseCode;
}

bool mayBeTold(const std::string& kind, Role role, const CaseAccess& access) {
    if (!findNoticeKind(kind)) return false;
    const Action action = kind == "referral.incoming" ? Action::ReferralDecide
                          : kind == "earlier.request" ? Action::EarlierAnswer
                                                      : Action::CaseRead;
    return decide(role, action, access) == Decision::Allow;
}

std::string caseLink(const std::string& baseUrl, std::int64_t caseId) {
    return baseUrl + "/#/cases/" + std::to_string(caseId);
}

const std::vector<std::string>& externalChannels() {
    static const std::vector<std::string> channels = {"email", "webhook"};
    return channels;
}

std::int64_t retryDelaySeconds(int attemptsSoFar, std::int64_t base) {
    constexpr std::int64_t kMaxDelay = 3600;
    std::int64_t delay = std::max<std::int64_t>(base, 1);
    for (int i = 1; i < attemptsSoFar && delay < kMaxDelay; ++i) delay *= 2;
    return std::min(delay, kMaxDelay);
}

bool plausibleEmail(const std::string& address) {
    if (address.empty() || address.size() > 254) return false;
    const auto at = address.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= address.size() ||
        address.find('@', at + 1) != std::string::npos)
        return false;
    return std::none_of(address.begin(), address.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == ';';
    });
}

bool plausiblePhone(const std::string& phone) {
    const std::size_t start = !phone.empty() && phone[0] == '+' ? 1 : 0;
    const std::size_t digits = phone.size() - start;
    if (digits < 8 || digits > 15) return false;
    return std::all_of(phone.begin() + static_cast<std::ptrdiff_t>(start), phone.end(),
                       [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace binhan::core::notify
