#include "service/AuditCheckpointer.h"

#include <spdlog/spdlog.h>

#include <typeinfo>

#include <filesystem>

#include "core/TimeFormat.h"
#include "crypto/AuditChain.h"
#include "crypto/SecureRandom.h"

namespace binhan::service {

AuditCheckpointer::AuditCheckpointer(store::AuditRepository& log, const core::Clock& clock,
                                     CheckpointSettings settings)
    : log_(log),
      clock_(clock),
      settings_(std::move(settings)),
      signer_(crypto::CheckpointSigner::loadOrCreate(settings_.signingKey)) {
    if (std::filesystem::exists(settings_.file)) {
        const auto existing = crypto::readCheckpoints(settings_.file);
        if (!existing.empty()) signedSize_ = existing.back().size;
    }
}

AuditCheckpointer::~AuditCheckpointer() {
    stop();
}

void AuditCheckpointer::start() {
    thread_ = std::thread([this] { run(); });
}

void AuditCheckpointer::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    try {
        checkpointNow();
    } catch (const std::exception& e) {
        spdlog::error("final audit checkpoint failed: {}", e.what());
    }
}

// Extends the tree to every entry now in the log. Caller holds mutex_.
void AuditCheckpointer::catchUp() {
    log_.scan(tree_.size() + 1, [&](const crypto::AuditEntry& entry, const crypto::Hash256& hash) {
        tree_.add(crypto::leafHash(entry));
        head_ = hash;
        return true;
    });
}

std::int64_t AuditCheckpointer::checkpointNow() {
    std::lock_guard<std::mutex> lock(mutex_);
    catchUp();
    if (tree_.size() <= signedSize_) return 0;
    const auto checkpoint =
        signer_.sign(tree_.size(), head_, tree_.root(), core::formatRfc3339(clock_.now()));
    crypto::appendCheckpoint(settings_.file, checkpoint);
    signedSize_ = checkpoint.size;
    spdlog::info("audit checkpoint: {}", crypto::formatCheckpointLine(checkpoint));
    return checkpoint.size;
}

void AuditCheckpointer::run() {
    auto lastSigned = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, std::chrono::seconds(1));
        if (stopping_) break;
        lock.unlock();
        // Nothing may escape this thread (issue 17): a database restarting under it (the read
        // of lastSequence meets a dead connection) is logged and tried again next round, and
        // the process goes on serving.
        try {
            const auto pending = log_.lastSequence() - signedSize_;
            const bool timeUp = std::chrono::steady_clock::now() - lastSigned >=
                                std::chrono::minutes(settings_.everyMinutes);
            if (pending >= settings_.everyEntries || (pending > 0 && timeUp)) {
                checkpointNow();
                lastSigned = std::chrono::steady_clock::now();
            }
        } catch (const std::exception& e) {
            spdlog::error("audit checkpoint failed ({}); trying again", typeid(e).name());
        } catch (...) {
            spdlog::error("audit checkpoint failed; trying again");
        }
        lock.lock();
    }
}

}  // namespace binhan::service
