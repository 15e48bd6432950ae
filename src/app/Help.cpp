#include "app/Help.h"

#include <map>

namespace binhan::app {
namespace {

const char* kCommon =
    "\nOptions of every command:\n"
    "  --config FILE       read settings from FILE (properties; see config/binhan.properties)\n"
    "  --set key=value     override one setting, e.g. --set data.dir=/srv/binhan (repeatable)\n"
    "  --help              this text\n"
    "  --version           print the version and stop\n";

const std::map<std::string, std::string> kHelp = {
    {"",
     "Bình An — secure case management for the response to gender-based violence.\n\n"
     "Usage: binhan COMMAND [options]\n\n"
     "Commands:\n"
     "  init      prepare a data dir: database, master key, dev certificate, first admin\n"
     "  serve     serve the API and the browser UI over HTTPS\n"
     "  user      add, disable or reset a user (add|disable|reset USERNAME)\n"
     "  audit     check the audit log's hash chain and signed checkpoints (verify)\n"
     "  report    the statistical report for a period, as JSON or CSV (no identities)\n"
     "  backup    write an encrypted, consistent backup of the database to FILE (while serving)\n"
     "  restore   restore a backup FILE into an empty data dir, re-applying the erasure ledger\n"
     "  keys      rotate the master key: new version, case keys re-wrapped, old retired (rotate)\n"
     "  retention erase closed cases past retention.years_after_closure, once (run)\n"
     "  migrate-to-postgresql  copy this SQLite deployment into the PostgreSQL database of\n"
     "            store.postgresql.*, then check row counts and the audit chain\n\n"
     "Run `binhan COMMAND --help` for the options of one command.\n"},
    {"init",
     "Usage: binhan init [--admin-user NAME] [--admin-password PASSWORD] [--admin-name TEXT] "
     "[--demo]\n\n"
     "Prepares data.dir: creates it (mode 0700), the master key file (0600), a self-signed\n"
     "localhost certificate when tls.certificate does not exist, the database with every\n"
     "migration, and the first administrator (asked for when the options are absent; the\n"
     "password is not echoed). Running it again changes nothing and says so.\n"
     "--demo also seeds a made-up demo commune: one user per role (passwords printed once) and\n"
     "about 30 made-up cases; refused when the data dir already holds cases.\n"},
    {"user",
     "Usage: binhan user add USERNAME --role ROLE [--display-name TEXT] [--password PASSWORD]\n"
     "       binhan user disable USERNAME\n"
     "       binhan user reset USERNAME [--password PASSWORD]\n\n"
     "Roles: police, justice, union, school, social, leader, oversight, admin. Without\n"
     "--password the password is asked for and not echoed. Disabling a user or setting their\n"
     "password ends their sessions at once; reset also re-enables a disabled user.\n"},
    {"audit",
     "Usage: binhan audit verify [--checkpoints FILE]\n\n"
     "Checks every entry of the audit log against the hash chain, and the log against every\n"
     "signed checkpoint in FILE (default: audit.checkpoints_file). Exit 0 when intact; 1 with\n"
     "the first bad sequence when an entry was edited, deleted, reordered or the log cut short.\n"},
    {"report",
     "Usage: binhan report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv]\n"
     "                     [--purpose statutory|export] [--commune CODE]\n\n"
     "Prints the commune's statistical report for the period to standard output: JSON, or CSV\n"
     "(UTF-8 with BOM, Vietnamese column headers) with --csv. The period defaults to the\n"
     "current year. The statutory report counts every case; --purpose export counts only cases\n"
     "whose consent allows statistics. Counts from 1 to 4 are printed as \"<5\" and \"x\" hides\n"
     "what would let them be worked out. The header names commune.name, commune.code and\n"
     "report.recipient. --commune reports on another commune of the database (its code), or\n"
     "with province.code on every commune together. The read is recorded in the audit log.\n"},
    {"migrate-to-postgresql",
     "Usage: binhan migrate-to-postgresql [--set store.postgresql.KEY=VALUE ...]\n\n"
     "Copies the SQLite database of store.path into the PostgreSQL database named by\n"
     "store.postgresql.* (host, port, database, user, password_file, sslmode), which must exist\n"
     "and be empty. Stop `binhan serve` first. Every table is copied in one PostgreSQL\n"
     "transaction, then counted on both sides, and the audit chain is verified on PostgreSQL with\n"
     "the data dir's signed checkpoints. Nothing is deleted from SQLite. Afterwards set\n"
     "store.backend = postgresql (docs/deploy.md, \"Province\").\n"},
    {"backup",
     "Usage: binhan backup FILE\n\n"
     "Writes a consistent copy of the database, encrypted and authenticated under a key derived\n"
     "from the master key, to FILE (safe while the server runs). The master key file is NOT in\n"
     "the backup: keep a copy of it, and of data.dir/erasures and audit-checkpoints, elsewhere.\n"
     "On PostgreSQL (store.backend) the copy is pg_dump's snapshot of the whole database; the\n"
     "PostgreSQL client must be installed.\n"},
    {"restore",
     "Usage: binhan restore FILE\n\n"
     "Restores FILE into a data dir that has the master key file but no database. Refuses a\n"
     "tampered file or one made with another key. Re-applies the erasure ledger (erased cases\n"
     "stay erased) and verifies the audit chain. Then run `binhan init` to make a certificate if\n"
     "the data dir has none, and `binhan serve`. On PostgreSQL the configured database must be\n"
     "new and empty (createdb); the backup must be of a PostgreSQL deployment.\n"},
    {"keys",
     "Usage: binhan keys rotate [--batch N] [--pause MS]\n\n"
     "Adds a new master key version to keys.master_key_file, re-wraps every case key under it\n"
     "(N per transaction, default 500, resting MS milliseconds between batches; the case data\n"
     "itself is not re-encrypted), then retires the older versions no case key uses: removed\n"
     "from the file, except the oldest, which stays marked derive-only because the search\n"
     "index, audit chain and TOTP keys come from it. Safe while the server runs (it picks up\n"
     "the new version by itself) and after a crash: run it again and it continues. Backups\n"
     "taken before need the key file of their time; take a new backup afterwards. Audited.\n"
     "Exit 0 when done; 75 when an old version is still in use (run again); 69 when another\n"
     "rotation is running.\n"},
    {"retention",
     "Usage: binhan retention run\n\n"
     "Erases now every case closed more than retention.years_after_closure calendar years ago\n"
     "(default 5) by destroying its key; open and reopened cases are kept, statistics stay.\n"
     "Each erasure goes to the erasure ledger and the audit log (reason: retention).\n"
     "`binhan serve` does the same at start and then daily; this is for cron and checks.\n"},
    {"serve",
     "Usage: binhan serve\n\n"
     "Serves HTTPS on server.address:server.port (TLS 1.2 and 1.3 only). Stops on SIGTERM or\n"
     "SIGINT after finishing the requests in flight. The data dir must have been prepared by\n"
     "`binhan init`.\n"},
};

}  // namespace

std::string helpText(const std::string& command) {
    auto it = kHelp.find(command);
    return it == kHelp.end() ? std::string() : it->second + kCommon;
}

}  // namespace binhan::app
