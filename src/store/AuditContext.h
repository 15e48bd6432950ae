#pragma once
// What the audit log records about the request (or command) running on this thread: who, from
// where, which action, on which case. The dispatcher opens one per audited route; services fill
// in what only they know (the id of a case just created). The first write transaction of the
// request appends the entry in that same transaction (Database::withWriter), so a change and its
// audit entry commit or vanish together; a request that wrote nothing gets its entry at the end
// (a read is answered only after its entry is durable). No case content is ever put here.
#include <cstdint>
#include <string>

namespace binhan::store {

struct AuditContext {
    std::int64_t actorId = 0;
    std::string role;
    std::string action;  // e.g. "case.read"
    std::int64_t caseId = 0;
    std::string sourceAddress;
    std::string outcome = "ok";
    std::string detail;    // short, never personal data
    bool written = false;  // an entry for this request is in the log

    // The context of this thread, or nullptr outside an audited request.
    static AuditContext* current();
};

// Makes `context` this thread's current audit context for its lifetime (restores the previous).
class AuditScope {
  public:
    explicit AuditScope(AuditContext* context);
    ~AuditScope();
    AuditScope(const AuditScope&) = delete;
    AuditScope& operator=(const AuditScope&) = delete;

  private:
    AuditContext* previous_;
};

}  // namespace binhan::store
