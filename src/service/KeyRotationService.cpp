#include "service/KeyRotationService.h"

#include <spdlog/spdlog.h>

#include <thread>

#include "crypto/CaseKeys.h"
#include "crypto/FieldCipher.h"
#include "crypto/KeyRingFile.h"
#include "store/AuditContext.h"

namespace binhan::service {
namespace {

std::int64_t olderThan(const std::map<std::uint32_t, std::int64_t>& counts, std::uint32_t current) {
    std::int64_t n = 0;
    for (const auto& [version, count] : counts)
        if (version != current) n += count;
    return n;
}

}  // namespace

void KeyRotationService::audited(const std::string& action, const std::string& detail) {
    store::AuditContext audit;
    audit.role = "console";
    audit.action = action;
    audit.detail = detail;
    store::AuditScope scope(&audit);
    db_.flushAudit();
}

RotationResult KeyRotationService::rotate(
    const std::function<void(const RotationProgress&)>& progress) {
    crypto::KeyRingLock lock(settings_.keyFile);
    crypto::KeyRing ring = crypto::KeyRingFile::load(settings_.keyFile);
    RotationResult result;
    result.resumed = ring.keys().size() > 1;  // older wrapping versions: a run stopped half-way
    if (!result.resumed) {
        const std::uint32_t added = ring.addNewVersion();
        crypto::KeyRingFile::save(settings_.keyFile, ring);  // before any key is wrapped under it
        audited("key.rotate", "master key version " + std::to_string(added) + " added");
    } else {
        audited("key.rotate", "resumed: case keys move to master key version " +
                                  std::to_string(ring.currentVersion()));
    }
    result.version = ring.currentVersion();
    RotationProgress step{result.version, 0, olderThan(keys_.countByVersion(), result.version)};
    std::map<std::uint32_t, std::int64_t> counts;
    // A second pass only finds keys a writer stored under an older version while the first ran.
    for (int pass = 0; pass < 3; ++pass) {
        std::int64_t after = 0;
        for (;;) {
            const auto batch = keys_.keysNotUnder(result.version, after, settings_.batchSize);
            if (batch.empty()) break;
            std::vector<std::pair<store::WrappedCaseKey, store::WrappedCaseKey>> changes;
            for (const auto& old : batch) {
                if (!ring.has(old.masterVersion))
                    throw std::runtime_error("case " + std::to_string(old.caseId) +
                                             " is wrapped under master key version " +
                                             std::to_string(old.masterVersion) +
                                             ", which the key file does not hold");
                try {
                    const auto fresh = crypto::rewrapCaseKey(
                        ring, old.caseId, crypto::WrappedKey{old.masterVersion, old.wrapped});
                    changes.push_back({old, {old.caseId, fresh.masterVersion, fresh.blob}});
                } catch (const crypto::DecryptionError&) {
                    spdlog::error("case {}: its wrapped key does not unwrap; left as it is",
                                  old.caseId);
                    result.unreadable.push_back(old.caseId);
                }
            }
            const int replaced = changes.empty() ? 0 : keys_.replace(changes);
            result.rewrapped += replaced;
            step.rewrapped = result.rewrapped;
            after = batch.back().caseId;
            if (progress) progress(step);
            if (settings_.pause.count() > 0) std::this_thread::sleep_for(settings_.pause);
        }
        counts = keys_.countByVersion();
        if (olderThan(counts, result.version) <=
            static_cast<std::int64_t>(result.unreadable.size()))
            break;
    }
    std::string retired;
    std::vector<std::uint32_t> versions;
    for (const auto& entry : ring.keys()) versions.push_back(entry.first);
    for (const std::uint32_t version : versions) {
        if (version == result.version) continue;
        if (counts.count(version) && counts.at(version) > 0) {
            result.stillUsed[version] = counts.at(version);
            continue;
        }
        ring.retire(version);
        result.retired.push_back(version);
        retired += (retired.empty() ? "" : ", ") + std::to_string(version);
    }
    if (!result.retired.empty()) {
        crypto::KeyRingFile::save(settings_.keyFile, ring);
        audited("key.retire", "master key version(s) " + retired + " retired; " +
                                  std::to_string(result.rewrapped) + " case keys re-wrapped");
    }
    return result;
}

}  // namespace binhan::service
