#pragma once
// The key ring of a running process, kept in step with the key file while `binhan keys rotate`
// changes it from another process (docs/decisions.md, "Master key rotation while serving").
//
// Wrapping a new case key asks forWrapping(), which looks at the key file (one stat) and reloads
// it when it changed, so a key wrapped inside a write transaction that began after the rotation
// added a version uses that version. Unwrapping a key of a version the ring lacks asks
// forVersion(), which reloads a changed file once. A reload merges the file into the ring held
// (mergeKeyRings): versions the file retired stay usable until the process ends, so reads
// already under way never fail; a file whose keys contradict the held ones is refused (logged,
// the held ring kept). The derivation root never changes while a process runs.
//
// Thread-safe: snapshots are immutable rings shared by pointer; ring_ and stamp_ are guarded
// by mutex_.
#include <sys/types.h>

#include <memory>
#include <mutex>
#include <string>

#include "crypto/KeyRing.h"

namespace binhan::crypto {

class LiveKeyRing {
  public:
    // A fixed ring (tests, tools): never reloads.
    explicit LiveKeyRing(KeyRing ring);
    // The ring in the key file at `path` (KeyRingFile::load; throws as it does).
    static std::shared_ptr<LiveKeyRing> fromFile(const std::string& path);

    std::shared_ptr<const KeyRing> snapshot() const;
    // The ring to wrap a new key with: reloaded first when the key file changed. Throws
    // std::runtime_error when the file changed but cannot be used: a key wrapped under a
    // version the file may already have retired would be lost.
    std::shared_ptr<const KeyRing> forWrapping();
    // A ring holding `version` when the key file (reloaded if it changed) has it; otherwise the
    // held ring (unwrapping then fails with std::out_of_range, as before).
    std::shared_ptr<const KeyRing> forVersion(std::uint32_t version);

  private:
    struct FileStamp {
        dev_t device = 0;
        ino_t inode = 0;
        off_t size = 0;
        long long mtimeNanos = 0;
        bool operator==(const FileStamp& o) const {
            return device == o.device && inode == o.inode && size == o.size &&
                   mtimeNanos == o.mtimeNanos;
        }
    };
    LiveKeyRing(KeyRing ring, std::string path, FileStamp stamp);
    static bool stampOf(const std::string& path, FileStamp& stamp);
    // The held ring, after merging the key file into it when the file changed. `strict`: throw
    // when it changed and cannot be read or merged (else log and keep the held ring).
    std::shared_ptr<const KeyRing> reloadIfChanged(bool strict);

    const std::string path_;  // empty: a fixed ring
    mutable std::mutex mutex_;
    std::shared_ptr<const KeyRing> ring_;  // GUARDED_BY(mutex_)
    FileStamp stamp_;                      // GUARDED_BY(mutex_): the file as last read
};

}  // namespace binhan::crypto
