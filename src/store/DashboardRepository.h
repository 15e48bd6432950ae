#pragma once
// The reads behind GET /api/v1/dashboard (API.md "Dashboard"): open due items, protection
// requests awaiting a decision and granted orders, each with its case code only. Never a case
// that is closed, erased, or that the user is recused from. `agency` is the caller's agency, or
// "" for the leader (who sees every case with a protection request, DESIGN.md §2); an agency
// sees only cases where its stage is active; both only cases of their `commune` (issue 11).
// SQL only. Thread-safe.
#include <string>
#include <vector>

#include "store/Database.h"
#include "store/WorkflowRecords.h"

namespace binhan::store {

class DashboardRepository {
  public:
    explicit DashboardRepository(Database& db) : db_(db) {}

    // The agency's events with a due date not yet done, earliest due first.
    std::vector<DueItemRow> openDueItems(const std::string& agency, const std::string& commune,
                                         std::int64_t userId);
    // Protection requests with no decision yet, oldest first.
    std::vector<PendingRequestRow> pendingRequests(const std::string& agency,
                                                   const std::string& commune, std::int64_t userId);
    // Granted, unrevoked orders ending at or after `endsFrom` (RFC 3339), soonest end first.
    std::vector<OrderRow> orders(const std::string& agency, const std::string& commune,
                                 std::int64_t userId, const std::string& endsFrom);

  private:
    Database& db_;
};

}  // namespace binhan::store
