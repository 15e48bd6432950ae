#pragma once
// Master key rotation (DESIGN.md §3, issue 9; docs/decisions.md "Master key rotation"):
//  1. under an exclusive lock on the key file, a new master key version is added to the file
//     (atomically, fsync'd) — unless a previous run stopped half-way, which is then resumed;
//  2. every live case key wrapped under an older version is re-wrapped under the new one, in
//     batches, each batch one transaction that replaces a key only if it is still the one read
//     (field ciphertexts are never touched);
//  3. counted again under the write lock, a version that wraps no case key any more is retired:
//     removed from the file, or kept derivation-only when it is the derivation root (the
//     blind-index, audit-chain and TOTP keys come from it).
// Every step is safe to interrupt (kill -9 included): each case key is always wrapped under a
// version the file holds, and running again continues. A server running meanwhile reloads the
// key file when it meets a new version (crypto/LiveKeyRing). The start and the retirement are
// audited (actions key.rotate and key.retire, role "console").
// Not thread-safe; one rotation per key file at a time (the lock refuses a second).
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "store/Database.h"
#include "store/KeyRotationRepository.h"

namespace binhan::service {

struct RotationSettings {
    std::string keyFile;
    int batchSize = 500;                 // case keys per transaction
    std::chrono::milliseconds pause{0};  // rest between batches, to spare a busy server
};

struct RotationProgress {
    std::uint32_t version = 0;   // the version case keys move to
    std::int64_t rewrapped = 0;  // so far in this run
    std::int64_t total = 0;      // keys under older versions when this run began
};

struct RotationResult {
    std::uint32_t version = 0;
    bool resumed = false;  // an interrupted rotation was continued
    std::int64_t rewrapped = 0;
    std::vector<std::uint32_t> retired;
    std::map<std::uint32_t, std::int64_t> stillUsed;  // older versions that could not be retired
    std::vector<std::int64_t> unreadable;             // cases whose key did not unwrap
};

class KeyRotationService {
  public:
    KeyRotationService(store::Database& db, store::KeyRotationRepository& keys,
                       RotationSettings settings)
        : db_(db), keys_(keys), settings_(std::move(settings)) {}

    // Runs (or resumes) a rotation; `progress` is called after each batch. Throws
    // std::runtime_error when the key file is locked, unreadable or unwritable, or a case key
    // names a master version the file does not hold; core::Error(Unavailable) when the database
    // is. What was done before a throw stays done and the next run continues from it.
    RotationResult rotate(const std::function<void(const RotationProgress&)>& progress);

  private:
    void audited(const std::string& action, const std::string& detail);

    store::Database& db_;
    store::KeyRotationRepository& keys_;
    RotationSettings settings_;
};

}  // namespace binhan::service
