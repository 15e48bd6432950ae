#pragma once
// Reading the audit log (table audit_log). Entries are only ever appended, by AuditAppender
// inside write transactions; nothing here changes them. Thread-safe.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "crypto/AuditEntry.h"
#include "crypto/MerkleTree.h"
#include "store/Database.h"

namespace binhan::store {

struct AuditRow {
    crypto::AuditEntry entry;
    std::string caseCode;   // the case's code, "" when none (never an id of another table)
    std::string actorName;  // the actor's username, "" when none
    std::string commune;    // the case's commune, else the actor's; "" when neither is known
};

struct AuditFilter {
    std::string caseCode;  // a case code, or a case id in digits
    // Need to know (issue 16): only entries of this commune (the case's, else the actor's),
    // plus those that belong to none (a sign-in attempt by an unknown name); "" = every commune.
    std::string commune;
    std::int64_t actorId = 0;
    std::string from, to;             // RFC 3339 or YYYY-MM-DD bounds on time, "" = open
    std::int64_t beforeSequence = 0;  // cursor: newest first, below this
    int limit = 50;
};

class AuditRepository {
  public:
    explicit AuditRepository(Database& db) : db_(db) {}

    // Visits entries with sequence ≥ `from` in order, with their stored hash, until `visit`
    // returns false. Reads in batches, so memory stays small for any log size.
    void scan(std::int64_t from,
              const std::function<bool(const crypto::AuditEntry&, const crypto::Hash256&)>& visit);
    std::vector<AuditRow> list(const AuditFilter& filter);
    std::int64_t lastSequence();
    std::int64_t count(const std::string& action, std::int64_t caseId);

  private:
    Database& db_;
};

}  // namespace binhan::store
