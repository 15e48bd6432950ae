#include "service/Notices.h"

#include <stdexcept>

#include "core/notify/Notice.h"

namespace binhan::service {

store::NoticeRow noticeOf(const std::string& kind, std::int64_t caseId,
                          const std::string& deadline) {
    const auto* found = core::notify::findNoticeKind(kind);
    if (!found) throw std::logic_error("no notice kind " + kind);
    store::NoticeRow notice;
    notice.kind = kind;
    notice.caseId = caseId;
    notice.deadline = deadline;
    for (const auto role : found->audience) notice.roles.push_back(core::roleName(role));
    return notice;
}

store::NoticeRow noticeToAgency(const std::string& kind, std::int64_t caseId,
                                const std::string& agency) {
    auto notice = noticeOf(kind, caseId);
    notice.roles = {agency};
    return notice;
}

store::NoticeRow noticeToUser(const std::string& kind, std::int64_t caseId, std::int64_t userId) {
    auto notice = noticeOf(kind, caseId);
    notice.roles.clear();
    notice.userId = userId;
    return notice;
}

void planEventNotices(store::EventWrite& write) {
    const auto caseId = write.event.caseId;
    if (write.request)
        write.notices.push_back(noticeOf("protection.request", caseId, write.request->deadline));
    if (write.decision) {
        auto told = noticeOf("protection.decision", caseId);
        told.authorOfEvent = write.decision->requestEvent;  // the officer who asked
        write.notices.push_back(told);
    }
    if (write.beforeChair) write.notices.push_back(noticeOf("closure.request", caseId));
}

}  // namespace binhan::service
