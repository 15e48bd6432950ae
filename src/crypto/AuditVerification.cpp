#include "crypto/AuditVerification.h"

#include <algorithm>

#include "crypto/AuditChain.h"

namespace binhan::crypto {
namespace {

VerifyResult bad(std::int64_t entries, std::optional<std::int64_t> firstBad, std::string reason) {
    return VerifyResult{false, entries, firstBad, std::move(reason)};
}

std::string describe(const Checkpoint& cp) {
    return "the checkpoint of size " + std::to_string(cp.size) + " signed at " + cp.time;
}

// Walks the checkpoints in size order as the chain grows and checks each one when the chain
// reaches its size.
class CheckpointCursor {
  public:
    explicit CheckpointCursor(const std::vector<Checkpoint>& checkpoints) {
        for (const Checkpoint& cp : checkpoints) pending_.push_back(&cp);
        std::stable_sort(
            pending_.begin(), pending_.end(),
            [](const Checkpoint* a, const Checkpoint* b) { return a->size < b->size; });
    }

    // Checks every checkpoint of size chain.count(); a failure result when one does not match.
    std::optional<VerifyResult> check(const ChainVerifier& chain, const MerkleAccumulator& tree) {
        for (; next_ < pending_.size() && pending_[next_]->size == chain.count(); ++next_) {
            const Checkpoint& cp = *pending_[next_];
            const char* what = cp.headHash != chain.headHash() ? "head hash"
                               : cp.merkleRoot != tree.root()  ? "Merkle root"
                                                               : nullptr;
            if (what != nullptr)
                return bad(chain.count(), proven_ + 1,
                           "entries 1.." + std::to_string(cp.size) + " do not give the " + what +
                               " of " + describe(cp) +
                               ": the log was rewritten at or after "
                               "sequence " +
                               std::to_string(proven_ + 1));
            proven_ = cp.size;
        }
        return std::nullopt;
    }

    // After the last entry: a checkpoint beyond the end means entries were removed.
    std::optional<VerifyResult> checkEnd(const ChainVerifier& chain) const {
        if (next_ == pending_.size()) return std::nullopt;
        const Checkpoint& cp = *pending_[next_];
        return bad(chain.count(), chain.count() + 1,
                   "the log ends at sequence " + std::to_string(chain.count()) + " but " +
                       describe(cp) + " covers more: entries were removed (truncation)");
    }

  private:
    std::vector<const Checkpoint*> pending_;
    std::size_t next_ = 0;
    std::int64_t proven_ = 0;  // the largest checkpoint size that matched
};

}  // namespace

VerifyResult verifyAuditLog(const AuditEntrySource& next, const SecretBytes& chainKey,
                            const std::vector<Checkpoint>& checkpoints,
                            const CheckpointPublicKey& publicKey) {
    ChainVerifier chain(chainKey);
    for (std::size_t i = 0; i < checkpoints.size(); ++i)
        if (!CheckpointSigner::verify(checkpoints[i], publicKey))
            return bad(0, std::nullopt,
                       "checkpoint " + std::to_string(i + 1) + " (size " +
                           std::to_string(checkpoints[i].size) +
                           ") has no valid signature under the checkpoint public key");
    CheckpointCursor cursor(checkpoints);
    MerkleAccumulator tree;
    if (auto failure = cursor.check(chain, tree)) return *failure;  // size-0 checkpoints
    for (;;) {
        AuditEntry entry;
        Hash256 storedHash{};
        if (!next(entry, storedHash)) break;
        if (!chain.add(entry, storedHash))
            return bad(chain.count(), chain.firstBad(), chain.reason());
        tree.add(leafHash(entry));
        if (auto failure = cursor.check(chain, tree)) return *failure;
    }
    if (auto failure = cursor.checkEnd(chain)) return *failure;
    return VerifyResult{true, chain.count(), std::nullopt, {}};
}

}  // namespace binhan::crypto
