#include "app/BinhanApp.h"

#include <Poco/ErrorHandler.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <iostream>

#include "app/AuditCommand.h"
#include "app/BackupCommand.h"
#include "app/Help.h"
#include "app/Logging.h"
#include "app/MigrateCommand.h"
#include "app/RetentionCommand.h"
#include "app/ServeCommand.h"
#include "core/Error.h"

namespace binhan::app {
namespace {

using Poco::Util::Option;
using Poco::Util::OptionCallback;

// Last resort for exceptions escaping a Poco thread (STYLE.md pitfalls): log the kind only.
class LoggingErrorHandler : public Poco::ErrorHandler {
  public:
    void exception(const Poco::Exception& e) override {
        // Failed TLS handshakes (plain HTTP, old protocol versions, weak suites) land here.
        if (dynamic_cast<const Poco::Net::SSLException*>(&e))
            spdlog::warn("TLS connection refused: {}", e.message());
        else
            spdlog::error("unhandled exception in a server thread: {}", e.className());
    }
    void exception(const std::exception& e) override {
        spdlog::error("unhandled exception in a server thread: {}", typeid(e).name());
    }
    void exception() override { spdlog::error("unhandled unknown exception in a server thread"); }
};

#ifndef BINHAN_VERSION
#define BINHAN_VERSION "dev"
#endif

enum ExitCode { kOk = 0, kUsage = 64, kData = 65, kUnavailable = 69, kSoftware = 70, kConfig = 78 };

}  // namespace

void BinhanApp::defineOptions(Poco::Util::OptionSet& options) {
    ServerApplication::defineOptions(options);
    options.addOption(Option("help", "h", "show help")
                          .callback(OptionCallback<BinhanApp>(this, &BinhanApp::handleHelp)));
    options.addOption(Option("version", "", "print the version")
                          .callback(OptionCallback<BinhanApp>(this, &BinhanApp::handleHelp)));
    options.addOption(Option("config", "", "configuration file")
                          .argument("FILE")
                          .callback(OptionCallback<BinhanApp>(this, &BinhanApp::handleConfig)));
    options.addOption(Option("set", "", "override a setting")
                          .argument("key=value")
                          .repeatable(true)
                          .callback(OptionCallback<BinhanApp>(this, &BinhanApp::handleSet)));
    options.addOption(Option("demo", "", "init: seed a made-up demo commune")
                          .callback(OptionCallback<BinhanApp>(this, &BinhanApp::handleInitOption)));
    for (const char* name : {"admin-user", "admin-password", "admin-name"})
        options.addOption(
            Option(name, "", "init: first administrator")
                .argument("VALUE")
                .callback(OptionCallback<BinhanApp>(this, &BinhanApp::handleInitOption)));
    options.addOption(Option("checkpoints", "", "audit verify: checkpoints file")
                          .argument("FILE")
                          .callback(OptionCallback<BinhanApp>(this, &BinhanApp::handleUserOption)));
    for (const char* name : {"role", "display-name", "password"})
        options.addOption(
            Option(name, "", "user: details")
                .argument("VALUE")
                .callback(OptionCallback<BinhanApp>(this, &BinhanApp::handleUserOption)));
    for (const char* name : {"from", "to", "purpose", "commune"})
        options.addOption(
            Option(name, "",
                   "report: period (YYYY-MM-DD), purpose (statutory|export), commune (a code)")
                .argument("VALUE")
                .callback(OptionCallback<BinhanApp>(this, &BinhanApp::handleReportOption)));
    options.addOption(
        Option("csv", "", "report: print CSV instead of JSON")
            .callback(OptionCallback<BinhanApp>(this, &BinhanApp::handleReportOption)));
    for (const char* name : {"batch", "pause"})
        options.addOption(
            Option(name, "", "keys rotate: case keys per transaction; milliseconds between")
                .argument("N")
                .callback(OptionCallback<BinhanApp>(this, &BinhanApp::handleKeysOption)));
}

void BinhanApp::handleKeysOption(const std::string& name, const std::string& value) {
    int number = -1;
    try {
        number = std::stoi(value);
    } catch (const std::exception&) {  // left at -1: the command refuses it as a usage error
    }
    (name == "batch" ? keysOptions_.batch : keysOptions_.pauseMs) = number;
}

void BinhanApp::handleReportOption(const std::string& name, const std::string& value) {
    if (name == "from") reportOptions_.from = value;
    if (name == "to") reportOptions_.to = value;
    if (name == "purpose") reportOptions_.purpose = value;
    if (name == "commune") reportOptions_.commune = value;
    if (name == "csv") reportOptions_.csv = true;
}

void BinhanApp::handleUserOption(const std::string& name, const std::string& value) {
    if (name == "role") userOptions_.role = value;
    if (name == "display-name") userOptions_.displayName = value;
    if (name == "password") userOptions_.password = value;
    if (name == "checkpoints") checkpointsFile_ = value;
}

void BinhanApp::handleHelp(const std::string& name, const std::string&) {
    (name == "version" ? versionRequested_ : helpRequested_) = true;
    stopOptionsProcessing();
}

void BinhanApp::handleConfig(const std::string&, const std::string& value) {
    sources_.file = value;
}

void BinhanApp::handleSet(const std::string&, const std::string& value) {
    sources_.sets.push_back(splitSetting(value));
}

void BinhanApp::handleInitOption(const std::string& name, const std::string& value) {
    if (name == "admin-user") initOptions_.adminUser = value;
    if (name == "admin-password") initOptions_.adminPassword = value;
    if (name == "admin-name") initOptions_.adminName = value;
    if (name == "demo") initOptions_.demo = true;
}

int BinhanApp::main(const std::vector<std::string>& args) {
    if (versionRequested_) {
        std::cout << "binhan " << BINHAN_VERSION << "\n";
        return kOk;
    }
    const std::string command = args.empty() ? "" : args[0];
    if (helpRequested_ || command.empty() || command == "help") {
        const std::string text = helpText(command == "help" && args.size() > 1 ? args[1]
                                          : command == "help"                  ? ""
                                                                               : command);
        std::cout << (text.empty() ? helpText("") : text);
        return text.empty() ? kUsage : kOk;
    }
    if (helpText(command).empty()) {
        std::cerr << "binhan: unknown command '" << command << "'\n\n" << helpText("");
        return kUsage;
    }
    ::umask(077);  // database, logs and keys are for the service user only
    static LoggingErrorHandler errorHandler;
    Poco::ErrorHandler::set(&errorHandler);
    try {
        Config config(sources_);
        if (command == "init") {
            setUpLogging({config.string("log.level"), "", 0, 0});
            return runInit(config, initOptions_, std::cout);
        }
        if (command == "serve") return serve(config);
        if (command == "backup" || command == "restore") {
            setUpLogging({"warn", "", 0, 0});
            const std::string file = args.size() > 1 ? args[1] : "";
            return command == "backup" ? runBackup(config, file, std::cout)
                                       : runRestore(config, file, std::cout);
        }
        if (command == "audit") {
            setUpLogging({"warn", "", 0, 0});
            return runAuditCommand(config, {args.begin() + 1, args.end()}, checkpointsFile_,
                                   std::cout);
        }
        if (command == "report") {
            setUpLogging({"warn", "", 0, 0});
            return runReportCommand(config, {args.begin() + 1, args.end()}, reportOptions_,
                                    std::cout);
        }
        if (command == "keys" || command == "retention") {
            setUpLogging({"warn", "", 0, 0});
            const std::vector<std::string> rest(args.begin() + 1, args.end());
            return command == "keys" ? runKeysCommand(config, rest, keysOptions_, std::cout)
                                     : runRetentionCommand(config, rest, std::cout);
        }
        if (command == "migrate-to-postgresql") {
            setUpLogging({"warn", "", 0, 0});
            return runMigrateToPostgreSQL(sources_, std::cout);
        }
        if (command == "user") {
            setUpLogging({"warn", "", 0, 0});
            return runUserCommand(config, {args.begin() + 1, args.end()}, userOptions_, std::cout);
        }
    } catch (const core::Error& e) {
        std::cerr << "binhan " << command << ": " << e.what() << "\n";
        return e.kind() == core::ErrorKind::Unavailable ? kUnavailable : kData;
    } catch (const Poco::Exception& e) {
        std::cerr << "binhan " << command << ": " << e.displayText() << "\n";
        return kSoftware;
    } catch (const std::exception& e) {
        std::cerr << "binhan " << command << ": " << e.what() << "\n";
        return kConfig;
    }
    return kUsage;
}

int BinhanApp::serve(const Config& config) {
    // Block the stop signals in every thread (threads inherit the mask of the thread that makes
    // them), so only waitForTerminationRequest() sees them: a second SIGTERM while draining must
    // not kill the process half-way.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    for (int signal : {SIGINT, SIGTERM, SIGQUIT}) sigaddset(&stopSignals, signal);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    setUpLogging({config.string("log.level"), config.dataDir() + "/logs",
                  config.integer("log.file_max_mb"), config.integer("log.files")});
    Poco::Net::initializeSSL();
    int code = kOk;
    {
        ServeCommand server(config);
        server.start();
        std::cout << "Bình An is serving " << server.url() << std::endl;
        waitForTerminationRequest();
        server.stop();
    }
    Poco::Net::uninitializeSSL();
    return code;
}

}  // namespace binhan::app
