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
    // Writes atomically with mode 0600; throws std::runtime_error on I/O failure.
    static void save(const std::string& path, const KeyRing& ring);
};

}  // namespace binhan::crypto
