#include "crypto/LiveKeyRing.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <stdexcept>

#include "crypto/KeyRingFile.h"

namespace binhan::crypto {

LiveKeyRing::LiveKeyRing(KeyRing ring) : ring_(std::make_shared<const KeyRing>(std::move(ring))) {}

LiveKeyRing::LiveKeyRing(KeyRing ring, std::string path, FileStamp stamp)
    : path_(std::move(path)),
      ring_(std::make_shared<const KeyRing>(std::move(ring))),
      stamp_(stamp) {}

std::shared_ptr<LiveKeyRing> LiveKeyRing::fromFile(const std::string& path) {
    FileStamp stamp;
    stampOf(path, stamp);  // before reading: a change made meanwhile is then seen as one
    return std::shared_ptr<LiveKeyRing>(new LiveKeyRing(KeyRingFile::load(path), path, stamp));
}

bool LiveKeyRing::stampOf(const std::string& path, FileStamp& stamp) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return false;
    stamp.device = st.st_dev;
    stamp.inode = st.st_ino;
    stamp.size = st.st_size;
    stamp.mtimeNanos =
        static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    return true;
}

std::shared_ptr<const KeyRing> LiveKeyRing::snapshot() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return ring_;
}

std::shared_ptr<const KeyRing> LiveKeyRing::reloadIfChanged(bool strict) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (path_.empty()) return ring_;
    FileStamp now;
    if (!stampOf(path_, now) || now == stamp_) return ring_;
    try {
        auto merged =
            std::make_shared<const KeyRing>(mergeKeyRings(*ring_, KeyRingFile::load(path_)));
        if (merged->currentVersion() != ring_->currentVersion())
            spdlog::info("key file reloaded: new case keys are wrapped under master version {}",
                         merged->currentVersion());
        ring_ = std::move(merged);
        stamp_ = now;
    } catch (const std::exception& e) {
        // Unreadable or contradicting: keep the held ring, try again next time.
        spdlog::error("key file not reloaded: {}", e.what());
        if (strict)
            throw std::runtime_error(std::string("key file changed but unusable: ") + e.what());
    }
    return ring_;
}

std::shared_ptr<const KeyRing> LiveKeyRing::forWrapping() {
    return reloadIfChanged(true);
}

std::shared_ptr<const KeyRing> LiveKeyRing::forVersion(std::uint32_t version) {
    auto ring = snapshot();
    return ring->has(version) ? ring : reloadIfChanged(false);
}

}  // namespace binhan::crypto
