#pragma once
// Cases (API.md "Cases"): open, read as the caller may see it, list and search without names,
// correct (PATCH), emergency access, recusal. Every call asks the policy first (CaseAccessGuard);
// every identifying value is sealed (CaseSealer) before it reaches the store. Answers are JSON
// objects in API.md's shape, holding only the fields the caller's role may read.
// Thread-safe.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>

#include "core/Actor.h"
#include "core/CaseModel.h"
#include "core/Clock.h"
#include "service/CaseAccessGuard.h"
#include "service/CaseSealer.h"
#include "store/CaseRepository.h"
#include "store/UserRepository.h"

namespace binhan::service {

struct CaseListQuery {
    std::string status, stage, risk, q;  // q: a case code, or a name, phone or ID number
    bool mine = false;                   // opened by the caller, or with an entry of theirs
    std::int64_t beforeId = 0;
    int limit = 50;
};

struct CaseListPage {
    Poco::JSON::Array::Ptr items;
    std::optional<std::int64_t> nextCursor;
};

class CaseService {
  public:
    CaseService(store::CaseRepository& cases, store::UserRepository& users,
                const CaseSealer& sealer, const core::Clock& clock, std::string commune,
                int breakGlassMinutes);

    Poco::JSON::Object::Ptr create(const core::Actor& actor, const Poco::JSON::Object& body);
    Poco::JSON::Object::Ptr get(const core::Actor& actor, std::int64_t caseId);
    CaseListPage list(const core::Actor& actor, const CaseListQuery& query);
    // A correction, decided inside its write transaction. `basedOn` is the updated_at the caller
    // read (PATCH's based_on or If-Match): Conflict "stale" when the case changed since;
    // Conflict "closed" on a closed case.
    Poco::JSON::Object::Ptr update(const core::Actor& actor, std::int64_t caseId,
                                   const Poco::JSON::Object& patch,
                                   const std::optional<std::string>& basedOn = std::nullopt);
    // Leader only; reason ≥ 10 characters (sealed with the case). Returns {case_id, ends_at}.
    Poco::JSON::Object::Ptr breakGlass(const core::Actor& actor, std::int64_t caseId,
                                       const std::string& reason);
    // `userId` absent: the actor recuses themself. Only the leader recuses someone else.
    Poco::JSON::Object::Ptr recuse(const core::Actor& actor, std::int64_t caseId,
                                   std::optional<std::int64_t> userId, const std::string& reason);

    // Re-computes the blind-index terms of cases indexed before terms knew their field
    // (migration 009), in batches, so the search finds them again; such terms match nobody
    // meanwhile. Returns how many cases were re-indexed. Safe on several instances at once.
    int reindexSearchTerms();

    const CaseAccessGuard& guard() const { return guard_; }

  private:
    store::SealedCase sealCase(std::int64_t caseId, const core::CaseInput& input,
                               const crypto::SecretBytes& key,
                               const crypto::WrappedKey& wrapped) const;
    core::CaseInput openCase(const store::CaseRow& row, const crypto::SecretBytes& key);
    core::CaseInput openSealed(const store::CaseRow& row, const crypto::SecretBytes& key,
                               std::map<std::string, store::Blob> sealed) const;
    store::SealedCase sealAll(std::int64_t caseId, const core::CaseInput& input,
                              const crypto::SecretBytes& key) const;
    Poco::JSON::Object::Ptr view(const store::CaseRow& row, const core::CaseInput& input,
                                 core::Role role, const core::CaseAccess& access,
                                 const std::optional<store::ConsentRecordRow>& consent) const;
    store::CaseRow load(std::int64_t caseId);

    store::CaseRepository& cases_;
    // Issue 19: where the commune lists its villages, the survivor's and the incident's village
    // is one of them (Invalid naming the field); `before`: the case before a correction.
    static void checkVillages(const std::vector<std::string>& villages,
                              const core::CaseInput& input, const core::CaseInput* before);

    store::UserRepository& users_;
    const CaseSealer& sealer_;
    const core::Clock& clock_;
    CaseAccessGuard guard_;
    std::string commune_;
    int breakGlassMinutes_;
};

// {"police": {"status": "active", "since": "…"}, …}
Poco::JSON::Object::Ptr stagesJson(const std::vector<store::StageRow>& stages);

}  // namespace binhan::service
