#pragma once
// Signs audit checkpoints (DESIGN.md §3): every `everyEntries` new entries, or every
// `everyMinutes` when there are new entries, it signs (size, head hash, RFC 6962 Merkle root)
// with the Ed25519 key kept outside the database, appends the line to the checkpoints file and
// logs it. A rewrite of the whole table, even by someone holding the database and the chain
// key, then disagrees with a signed root. Runs on its own thread; stop() signs a last one.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/Clock.h"
#include "crypto/Checkpoint.h"
#include "crypto/MerkleTree.h"
#include "store/AuditRepository.h"

namespace binhan::service {

struct CheckpointSettings {
    std::string file;
    std::string signingKey;
    int everyEntries = 1000;
    int everyMinutes = 10;
};

class AuditCheckpointer {
  public:
    // Loads (or creates) the signing key and catches up with the entries already in the log.
    AuditCheckpointer(store::AuditRepository& log, const core::Clock& clock,
                      CheckpointSettings settings);
    ~AuditCheckpointer();

    void start();
    // Signs a final checkpoint if there are unsigned entries, and stops the thread.
    void stop();
    // Signs a checkpoint now if there are new entries; returns its size (0 when none was due).
    std::int64_t checkpointNow();

  private:
    void run();
    void catchUp();

    store::AuditRepository& log_;
    const core::Clock& clock_;
    CheckpointSettings settings_;
    crypto::CheckpointSigner signer_;
    std::mutex mutex_;                // one checkpoint at a time
    crypto::MerkleAccumulator tree_;  // GUARDED_BY(mutex_): leaves of entries 1..tree_.size()
    crypto::Hash256 head_{};          // GUARDED_BY(mutex_): chain hash of entry tree_.size()
    std::atomic<std::int64_t> signedSize_{0};  // written under mutex_, read by run()
    std::condition_variable wake_;
    bool stopping_ = false;  // GUARDED_BY(mutex_)
    std::thread thread_;
};

}  // namespace binhan::service
