#pragma once
// The erasure ledger (data.dir/erasures, DESIGN.md §3): one line per erased case, appended and
// fsync'd BEFORE the case's key is destroyed, kept beside the database but outside backups
// (copy it off-site with the audit checkpoints). Restoring an older backup re-applies it, so an
// erased case stays erased. Lines: "v1 <case id> <case code> <time>" — no personal data.
#include <cstdint>
#include <string>
#include <vector>

namespace binhan::store {

struct Erasure {
    std::int64_t caseId = 0;
    std::string code;
    std::string at;
};

class ErasureLedger {
  public:
    explicit ErasureLedger(std::string path) : path_(std::move(path)) {}
    // Appends and fsyncs; throws std::runtime_error when it cannot (the erasure must then stop).
    void append(const Erasure& erasure) const;
    // Every erasure recorded; empty when the file does not exist. Throws on a malformed line.
    std::vector<Erasure> read() const;

  private:
    std::string path_;
};

}  // namespace binhan::store
