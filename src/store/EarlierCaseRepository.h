#pragma once
// A possible earlier case of the same survivor (issue 21), found without disclosing it: the
// survivor's blind-index terms (phone, ID number, whole folded name; store/CaseRows' terms with
// their field) compared across every case of the commune — including those the caller may not
// see — and answered only as which agency holds a match, and since when. Also the requests to
// that agency to refer its case, and the links between two cases of one survivor.
// Thread-safe: every call takes its own session from store::Database.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Database.h"
#include "store/NotificationRepository.h"
#include "store/Query.h"

namespace binhan::store {

// One agency working (or having worked) a matching case.
struct EarlierMatch {
    std::int64_t caseId = 0;
    std::string agency;
    std::string since;    // when its stage began (RFC 3339)
    bool active = false;  // it works the case now (else it completed its stage)
};

// The survivor's terms to look for ("" for a value not given).
struct SurvivorTerms {
    std::string fullName, phone, idNumber;
};

struct EarlierRequestRow {
    std::int64_t id = 0;
    std::int64_t fromCaseId = 0;
    std::string fromCaseCode;
    std::int64_t caseId = 0;
    std::string caseCode;
    std::string fromAgency;
    std::string agency;
    std::int64_t requestedBy = 0;
    std::string requestedAt;
    std::string status;
    std::string decidedAt;
};

class EarlierCaseRepository {
  public:
    explicit EarlierCaseRepository(Database& db) : db_(db) {}

    // Cases of `commune` (not erased, not `exceptCaseId`) holding one of `terms` for the
    // survivor, with each agency whose stage is active or completed.
    std::vector<EarlierMatch> matching(const std::string& commune, const SurvivorTerms& terms,
                                       std::int64_t exceptCaseId) const;
    // The same for the survivor of case `caseId`, leaving out cases linked to it already.
    std::vector<EarlierMatch> matchingCase(std::int64_t caseId) const;

    // One request per earlier case; false when it was asked already. `notice` tells the holding
    // agency in the same transaction (issue 22).
    bool addRequest(const EarlierRequestRow& row, const NoticeRow& notice);
    std::vector<EarlierRequestRow> requestsFrom(std::int64_t fromCaseId) const;
    // Waiting requests to `agency` on cases where it still works.
    std::vector<EarlierRequestRow> waitingFor(const std::string& agency,
                                              const std::string& commune) const;
    std::optional<EarlierRequestRow> request(std::int64_t id) const;
    // Marks a waiting request answered, telling the asker (`notice`) in the same transaction;
    // false when it was answered already.
    bool decide(std::int64_t id, const std::string& status, std::int64_t by, const std::string& at,
                const Blob& reason, const NoticeRow& notice);

    // Links two cases (order does not matter); false when already linked.
    bool link(std::int64_t a, std::int64_t b, std::int64_t by, const std::string& at);
    // The cases linked to `caseId`: (id, code), not erased.
    std::vector<std::pair<std::int64_t, std::string>> linked(std::int64_t caseId) const;
    // The case of `commune` with `code` (not erased).
    std::optional<std::int64_t> caseByCode(const std::string& commune,
                                           const std::string& code) const;

  private:
    Database& db_;
};

}  // namespace binhan::store
