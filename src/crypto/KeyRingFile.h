#pragma once
// Reads and writes the master key file (format in docs/formats.md, "Key file"). The file is
// created 0600 and replaced atomically (write to a temporary file, fsync, rename), so a crash
// never leaves a half-written key ring.
#include <string>

#include "crypto/KeyRing.h"

namespace binhan::crypto {

class KeyRingFile {
  public:
    // Throws std::runtime_error with a readable message when the file is missing, unreadable,
    // readable by others than its owner, or malformed.
    static KeyRing load(const std::string& path);
    // Writes atomically with mode 0600 (temporary file, fsync, rename, fsync of the folder);
    // throws std::runtime_error on I/O failure, leaving the old file in place.
    static void save(const std::string& path, const KeyRing& ring);
};

// An exclusive advisory lock (flock) on `<key file>.lock`, held while one process changes the
// key ring (key rotation), so two rotations never run at once. Released when destroyed or when
// the process dies (kill -9 included).
class KeyRingLock {
  public:
    // Throws core::Error(Unavailable) when another process holds the lock, std::runtime_error
    // when the lock file cannot be made.
    explicit KeyRingLock(const std::string& keyFile);
    ~KeyRingLock();
    KeyRingLock(const KeyRingLock&) = delete;
    KeyRingLock& operator=(const KeyRingLock&) = delete;

  private:
    int fd_ = -1;
};

}  // namespace binhan::crypto
