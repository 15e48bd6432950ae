#pragma once
// The encrypted backup file (docs/formats.md "Backup file"): a header in clear (magic, format
// version, schema version, time, master key version), then the database in 1 MiB chunks, each
// sealed with AES-256-GCM under the backup key (derived from the master key) with associated
// data binding it to the header, its index and whether it is the last. A flipped byte, a
// reordered, dropped or appended chunk, a changed header, or another deployment's key: all are
// refused. Streams: memory stays at one chunk whatever the database size.
#include <cstdint>
#include <iosfwd>
#include <stdexcept>
#include <string>

#include "crypto/SecretBytes.h"

namespace binhan::crypto {

struct BackupHeader {
    std::uint32_t formatVersion = 1;
    std::int64_t schemaVersion = 0;
    std::string createdAt;         // RFC 3339
    std::uint32_t keyVersion = 0;  // master key version the backup key was derived from
};

class BackupFormatError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Encrypts all of `plain` into `out`. Throws std::runtime_error on I/O failure.
void writeEncryptedBackup(std::istream& plain, std::ostream& out, const SecretBytes& backupKey,
                          const BackupHeader& header);
// Reads just the header (to pick the key); throws BackupFormatError when it is not a backup.
BackupHeader readBackupHeader(std::istream& in);
// Decrypts into `plain` after readBackupHeader; throws BackupFormatError for any tampering,
// truncation or a wrong key (nothing partial should then be used).
void readEncryptedBackup(std::istream& in, const BackupHeader& header, const SecretBytes& backupKey,
                         std::ostream& plain);

}  // namespace binhan::crypto
