#pragma once
// The notices a use case queues with its own write (issue 22), built from core/notify's kinds:
// the kind, the case and a deadline, and who is told. Who among them may see the case is
// decided later, when the dispatcher routes the notice (service/NotificationDispatcher).
#include <cstdint>
#include <string>

#include "store/EventRepository.h"
#include "store/NotificationRepository.h"

namespace binhan::service {

// `kind`'s notice about case `caseId`, for the kind's audience (core::notify::noticeKinds).
store::NoticeRow noticeOf(const std::string& kind, std::int64_t caseId,
                          const std::string& deadline = "");
// The same for one agency, or one officer.
store::NoticeRow noticeToAgency(const std::string& kind, std::int64_t caseId,
                                const std::string& agency);
store::NoticeRow noticeToUser(const std::string& kind, std::int64_t caseId, std::int64_t userId);

// What a new timeline entry tells: a contact-prohibition request the chair (Law 13/2022 art.
// 25(2): 12 hours from its receipt), its decision the requester, a closure to approve the chair.
void planEventNotices(store::EventWrite& write);

}  // namespace binhan::service
