#pragma once
// `binhan audit verify`: checks the stored audit log against its hash chain and against every
// signed checkpoint it is given (DESIGN.md §3 "Audit"; formats in docs/formats.md).
//
// What is detected, and what firstBad then is:
//   - an edited row (any field) or a row whose stored hash was changed: that row's sequence;
//   - a deleted row (a gap): the missing sequence;
//   - two rows swapped, a row repeated, rows out of order: the first position that is wrong;
//   - a checkpoint whose signature does not verify: not ok, firstBad empty (the checkpoint,
//     not the table, is bad; the reason says which one);
//   - a table shorter than a checkpoint (truncation): the first missing sequence;
//   - a table whose first `size` entries do not give a checkpoint's head hash and Merkle root (a
//     rewrite with a valid chain, e.g. by someone holding the chain key): the first sequence after
//     the largest checkpoint that did match (1 when none did) — the rewrite began at or after it.
// Not detectable here: entries removed from the end after the last checkpoint was written, or
// rewritten after it by someone holding the chain key (the next checkpoint narrows that window).
//
// Memory is O(log n) in the number of entries: entries are streamed once, and the Merkle roots
// come from a MerkleAccumulator. Thread-safety: a pure function of its arguments; the source is
// called from the calling thread only. Failure: the result reports every data problem; only the
// source's own exceptions (e.g. a database error) and std::invalid_argument for a chain key
// shorter than 32 bytes propagate.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "crypto/AuditEntry.h"
#include "crypto/Checkpoint.h"
#include "crypto/MerkleTree.h"
#include "crypto/SecretBytes.h"

namespace binhan::crypto {

struct VerifyResult {
    bool ok = false;
    std::int64_t entries = 0;              // entries read whose chain links were good
    std::optional<std::int64_t> firstBad;  // first bad or missing sequence; see above
    std::string reason;                    // for people; empty when ok
};

// Fills in the next stored entry and its stored chain hash, in ascending sequence order (the
// order the store reads them: ORDER BY sequence), and returns true; returns false at the end.
using AuditEntrySource = std::function<bool(AuditEntry& entry, Hash256& storedHash)>;

// Verifies the chain from sequence 1 and every checkpoint (in any order) against it.
VerifyResult verifyAuditLog(const AuditEntrySource& next, const SecretBytes& chainKey,
                            const std::vector<Checkpoint>& checkpoints,
                            const CheckpointPublicKey& publicKey);

}  // namespace binhan::crypto
