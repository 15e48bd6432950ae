#include "crypto/KeyRingFile.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/Error.h"
#include "crypto/SecureRandom.h"

namespace binhan::crypto {
namespace {

const char* kMagic = "binhan-key-ring 1";
const char* kDerivationOnly = "derive-only";

// Makes a rename inside `path`'s folder durable.
void syncParentDirectory(const std::string& path) {
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "."
                            : slash == 0               ? "/"
                                                       : path.substr(0, slash);
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open the key file's folder " + dir);
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) throw std::runtime_error("cannot sync the key file's folder " + dir);
}

void writeAll(int fd, const std::string& text, const std::string& path) {
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) throw std::runtime_error("cannot write key file " + path);
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace

KeyRing KeyRingFile::load(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw std::runtime_error("key file not found: " + path);
    if (st.st_mode & (S_IRWXG | S_IRWXO))
        throw std::runtime_error("key file " + path + " is readable by others; run: chmod 600 " +
                                 path);
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read key file " + path);
    std::string line;
    if (!std::getline(in, line) || line != kMagic)
        throw std::runtime_error("not a Bình An key file: " + path);
    KeyRing ring;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string word, encoded, use, extra;
        std::uint32_t version = 0;
        if (!(fields >> word >> version >> encoded) || word != "key")
            throw std::runtime_error("malformed line in key file " + path);
        fields >> use;
        if ((!use.empty() && use != kDerivationOnly) || (fields >> extra))
            throw std::runtime_error("malformed line in key file " + path);
        auto bytes = base64Decode(encoded);
        try {
            if (use.empty())
                ring.add(version, SecretBytes(bytes.data(), bytes.size()));
            else
                ring.addDerivationOnly(version, SecretBytes(bytes.data(), bytes.size()));
        } catch (const std::invalid_argument& e) {
            std::fill(bytes.begin(), bytes.end(), 0);
            throw std::runtime_error("key file " + path + ": version " + std::to_string(version) +
                                     ": " + e.what());
        }
        std::fill(bytes.begin(), bytes.end(), 0);
    }
    if (ring.empty()) throw std::runtime_error("key file holds no key: " + path);
    return ring;
}

void KeyRingFile::save(const std::string& path, const KeyRing& ring) {
    std::string text = std::string(kMagic) +
                       "\n# Bình An master keys. Keep secret, mode 0600; back up apart from the "
                       "database.\n";
    if (ring.rootIsDerivationOnly()) {
        const auto& root = ring.derivationRoot();
        text +=
            "# derive-only: kept for the blind-index, audit-chain and TOTP keys; wraps nothing.\n";
        text += "key " + std::to_string(ring.derivationRootVersion()) + " " +
                base64Encode(root.data(), root.size()) + " " + kDerivationOnly + "\n";
    }
    for (const auto& [version, key] : ring.keys())
        text +=
            "key " + std::to_string(version) + " " + base64Encode(key.data(), key.size()) + "\n";
    const std::string temp = path + ".tmp";
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create key file " + temp);
    try {
        writeAll(fd, text, temp);
        if (::fsync(fd) != 0) throw std::runtime_error("cannot sync key file " + temp);
    } catch (...) {
        ::close(fd);
        ::unlink(temp.c_str());
        throw;
    }
    ::close(fd);
    if (::rename(temp.c_str(), path.c_str()) != 0)
        throw std::runtime_error("cannot move key file into place: " + path);
    syncParentDirectory(path);
    std::fill(text.begin(), text.end(), '\0');
}

KeyRingLock::KeyRingLock(const std::string& keyFile) {
    const std::string path = keyFile + ".lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw std::runtime_error("cannot open " + path);
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd_);
        throw core::Unavailable("another process is changing the key file (" + path +
                                " is locked); wait for it to finish");
    }
}

KeyRingLock::~KeyRingLock() {
    ::close(fd_);  // releases the lock
}

}  // namespace binhan::crypto
