#pragma once
// `binhan backup FILE` and `binhan restore FILE` (DESIGN.md §3; issue 9).
// backup: an online, consistent snapshot (SQLite backup API) while the server runs, encrypted
// and authenticated as a whole (crypto/BackupCipher) under a key derived from the master key;
// written to FILE.tmp and renamed, so a crash never leaves a half file under FILE.
// restore: into a data dir with no database (the master key file must be there already):
// refuses a tampered or foreign file, re-applies the erasure ledger, and checks the audit chain.
#include <iosfwd>
#include <string>

#include "app/Config.h"

namespace binhan::app {

int runBackup(const Config& config, const std::string& file, std::ostream& out);
// Removes the unencrypted snapshots (data.dir/backup-PID.db) that a backup killed mid-way left
// behind, those whose process is gone: they would keep the key of a case erased since.
void removeStaleSnapshots(const std::string& dataDir);
int runRestore(const Config& config, const std::string& file, std::ostream& out);

}  // namespace binhan::app
