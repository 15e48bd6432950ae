#include "store/ErasureLedger.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace binhan::store {

void ErasureLedger::append(const Erasure& e) const {
    const std::string line = "v1 " + std::to_string(e.caseId) + " " + e.code + " " + e.at + "\n";
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot open the erasure ledger " + path_);
    const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                    ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) throw std::runtime_error("cannot write the erasure ledger " + path_);
}

std::vector<Erasure> ErasureLedger::read() const {
    std::vector<Erasure> out;
    std::ifstream in(path_);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        std::istringstream fields(line);
        std::string version;
        Erasure e;
        if (!(fields >> version >> e.caseId >> e.code >> e.at) || version != "v1")
            throw std::runtime_error("erasure ledger " + path_ + ": malformed line " +
                                     std::to_string(number));
        out.push_back(e);
    }
    return out;
}

}  // namespace binhan::store
