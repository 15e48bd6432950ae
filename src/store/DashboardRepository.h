#pragma once
// The reads behind GET /api/v1/dashboard (API.md "Dashboard"): open due items, protection
// requests awaiting a decision and granted orders, each with its case code only. Never a case
// that is closed, erased, or that the user is recused from; which cases, the CaseScope the
// service builds from core/Policy (store/CaseVisibility.h).
// SQL only. Thread-safe.
#include <string>
#include <vector>

#include "store/CaseVisibility.h"
#include "store/Database.h"
#include "store/WorkflowRecords.h"

namespace binhan::store {

class DashboardRepository {
  public:
    explicit DashboardRepository(Database& db) : db_(db) {}

    // The agency's (scope.agency's) events with a due date not yet done, on the open cases of
    // `scope`, earliest due first.
    std::vector<DueItemRow> openDueItems(const CaseScope& scope);
    // Protection requests with no decision yet on the open cases of `scope`, oldest first.
    std::vector<PendingRequestRow> pendingRequests(const CaseScope& scope);
    // Granted, unrevoked orders ending at or after `endsFrom` (RFC 3339) on the open cases of
    // `scope`, soonest end first.
    std::vector<OrderRow> orders(const CaseScope& scope, const std::string& endsFrom);
    // Issue 20: courts' no-contact orders (Law 13/2022 art. 26) ending on or after `today`
    // (YYYY-MM-DD) on the open cases of `scope`, soonest end first.
    std::vector<CourtOrderRow> courtOrders(const CaseScope& scope, const std::string& today);
    // Issue 20: requests to close a high-risk case that wait for the chair, oldest first.
    std::vector<PendingRequestRow> closureRequests(const CaseScope& scope);

  private:
    Database& db_;
};

}  // namespace binhan::store
