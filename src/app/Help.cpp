#include "app/Help.h"

#include <map>

namespace binhan::app {
namespace {

const char* kCommon =
    "\nOptions of every command:\n"
    "  --config FILE       read settings from FILE (properties; see config/binhan.properties)\n"
    "  --set key=value     override one setting, e.g. --set data.dir=/srv/binhan (repeatable)\n"
    "  --help              this text\n";

const std::map<std::string, std::string> kHelp = {
    {"",
     "Bình An — secure case management for the response to gender-based violence.\n\n"
     "Usage: binhan COMMAND [options]\n\n"
     "Commands:\n"
     "  init      prepare a data dir: database, master key, dev certificate, first admin\n"
     "  serve     serve the API and the browser UI over HTTPS\n"
     "  user      add, disable or reset a user (add|disable|reset USERNAME)\n"
     "  audit     check the audit log's hash chain and signed checkpoints (verify)\n\n"
     "Run `binhan COMMAND --help` for the options of one command.\n"},
    {"init",
     "Usage: binhan init [--admin-user NAME] [--admin-password PASSWORD] [--admin-name TEXT]\n\n"
     "Prepares data.dir: creates it (mode 0700), the master key file (0600), a self-signed\n"
     "localhost certificate when tls.certificate does not exist, the database with every\n"
     "migration, and the first administrator (asked for when the options are absent; the\n"
     "password is not echoed). Running it again changes nothing and says so.\n"},
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
