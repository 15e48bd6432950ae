#include "app/MigrateCommand.h"

#include <chrono>
#include <iomanip>
#include <ostream>

#include "app/Runtime.h"
#include "store/DatabaseCopy.h"
#include "store/Migrator.h"

namespace binhan::app {
namespace {

Config withBackend(ConfigSources sources, const std::string& backend) {
    sources.sets.emplace_back("store.backend", backend);
    return Config(sources);
}

}  // namespace

int runMigrateToPostgreSQL(const ConfigSources& sources, std::ostream& out) {
    const auto started = std::chrono::steady_clock::now();
    const Config sqliteConfig = withBackend(sources, "sqlite");
    const Config postgresConfig = withBackend(sources, "postgresql");
    const auto from = sqliteConfig.databaseSettings();
    const auto to = postgresConfig.databaseSettings();
    out << "from SQLite     " << from.path << "\nto PostgreSQL   " << to.description << "\n";

    std::int64_t sourceEntries = 0;
    {
        store::Database target(to);
        const int applied =
            store::Migrator(store::embeddedSchemaFiles(store::Backend::PostgreSQL)).migrate(target);
        out << "PostgreSQL schema: " << applied << " migration(s) applied\n";
        store::requireEmptyTarget(target);  // before anything else: a second run stops here
        {
            Runtime source(sqliteConfig);  // refuses a data dir that is not initialised
            const auto chain = source.audit().verify();
            if (!chain.ok) {
                out << "The SQLite audit log does not verify (" << chain.reason
                    << "); nothing was copied. Run `binhan audit verify` and look into it first.\n";
                return 1;
            }
            sourceEntries = static_cast<std::int64_t>(chain.entries);
            out << "SQLite audit log intact: " << sourceEntries << " entries\n";
        }
        bool allEqual = true;
        store::copySQLiteToPostgreSQL(from.path, target, [&](const store::TableCopy& t) {
            const bool equal = t.sourceRows == t.targetRows;
            allEqual = allEqual && equal;
            out << "  " << std::left << std::setw(28) << t.table << std::right << std::setw(9)
                << t.sourceRows << " → " << std::setw(9) << t.targetRows
                << (equal ? "" : "   DIFFERENT") << "\n";
        });
        if (!allEqual) {
            out << "Row counts differ: do not switch to PostgreSQL; keep serving from SQLite.\n";
            return 1;
        }
    }
    Runtime target(postgresConfig);
    const auto chain = target.audit().verify();
    if (!chain.ok || static_cast<std::int64_t>(chain.entries) != sourceEntries) {
        out << "The audit log on PostgreSQL does not verify (" << chain.reason
            << "); do not switch to PostgreSQL.\n";
        return 1;
    }
    target.recordConsoleAction("store.migrate",
                               "from sqlite, " + std::to_string(chain.entries) + " entries");
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
    out << "PostgreSQL audit log intact: " << chain.entries
        << " entries, with the signed checkpoints\n"
        << "Done in " << std::fixed << std::setprecision(1) << seconds.count()
        << " s. Every row was copied and counted on both sides.\nNext: set store.backend = "
           "postgresql in the configuration of every instance (each with this master key file),\n"
           "start them, and keep "
        << from.path << " (stopped, untouched) until the first PostgreSQL backup is made.\n";
    return 0;
}

}  // namespace binhan::app
