#pragma once
// The `binhan` process (Poco::Util::ServerApplication): parses the options common to every
// sub-command (--config, --set, --help, --version) and those of each, then runs the sub-command
// named by the first argument: init, serve, … (`binhan --help` lists them).
#include <Poco/Util/ServerApplication.h>

#include <string>
#include <vector>

#include "app/Config.h"
#include "app/InitCommand.h"
#include "app/KeysCommand.h"
#include "app/ReportCommand.h"
#include "app/UserCommand.h"

namespace binhan::app {

class BinhanApp : public Poco::Util::ServerApplication {
  protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    int main(const std::vector<std::string>& args) override;

  private:
    void handleHelp(const std::string& name, const std::string& value);
    void handleConfig(const std::string& name, const std::string& value);
    void handleSet(const std::string& name, const std::string& value);
    void handleInitOption(const std::string& name, const std::string& value);
    void handleUserOption(const std::string& name, const std::string& value);
    void handleReportOption(const std::string& name, const std::string& value);
    void handleKeysOption(const std::string& name, const std::string& value);
    int serve(const Config& config);

    bool helpRequested_ = false;
    bool versionRequested_ = false;
    ConfigSources sources_;
    InitOptions initOptions_;
    UserCommandOptions userOptions_;
    std::string checkpointsFile_;
    ReportCommandOptions reportOptions_;
    KeysCommandOptions keysOptions_;
};

}  // namespace binhan::app
