#pragma once
// Shared by the workflow services (Event, Referral, Workflow, Dashboard): the bridge between
// the store's plain records and the pure rules of core/workflow, and small JSON helpers for
// their answers. Pure except caseKey, which reads the case row. Thread-safe.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/Clock.h"
#include "core/Role.h"
#include "core/workflow/CaseFacts.h"
#include "crypto/SecretBytes.h"
#include "service/CaseSealer.h"
#include "store/CaseRecords.h"
#include "store/CaseRepository.h"
#include "store/WorkflowRecords.h"

namespace binhan::service {

// The facts the workflow rules decide on, from the state read in the write transaction.
core::workflow::CaseFacts factsOf(const store::CaseState& state);
// Issue 20: the state of the case's latest closure request (its id, 0 for none, and the answer
// "" / "true" / "false").
core::workflow::ClosureApproval closureApprovalOf(std::int64_t request, const std::string& answer);
// The same facts from a case row as the case read loads it.
core::workflow::CaseFacts factsOf(const store::CaseRow& row);
// A stage track as the store keeps it.
store::StageRow stageRow(core::Role agency, const core::workflow::StageTrack& track);
// The role of an API name the store wrote itself (a stored name is always valid).
core::Role storedRole(const std::string& name);
// Stage tracks of `state` with `changed` applied, as API.md's "stages" object.
Poco::JSON::Object::Ptr stagesAfter(const store::CaseState& state,
                                    const std::vector<store::StageRow>& changed);

// The case's data key. NotFound for an absent or erased case.
crypto::SecretBytes caseKey(store::CaseRepository& cases, const CaseSealer& sealer,
                            std::int64_t caseId);

Poco::JSON::Object::Ptr jsonObject();
Poco::JSON::Array::Ptr jsonArray(const std::vector<std::string>& items);
// {"id": …, "role": …}; the id only when `showId`.
Poco::JSON::Object::Ptr personJson(std::int64_t id, const std::string& role, bool showId = true);
std::string timeText(core::TimePoint t);
// Parses a stored RFC 3339 time (always well formed); the epoch when it is not.
core::TimePoint storedTime(const std::string& text);

}  // namespace binhan::service
