#include "service/AuditService.h"

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <filesystem>

namespace binhan::service {

Poco::JSON::Array::Ptr AuditService::list(const core::Actor& actor,
                                          const store::AuditFilter& filter,
                                          std::optional<std::int64_t>& next) {
    auto query = filter;
    const bool province = !provinceCode_.empty() && actor.commune == provinceCode_;
    query.commune = province ? "" : actor.commune;
    query.limit = filter.limit + 1;
    auto rows = log_.list(query);
    next.reset();
    if (static_cast<int>(rows.size()) > filter.limit) {
        rows.resize(static_cast<std::size_t>(filter.limit));
        next = rows.back().entry.sequence;
    }
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& row : rows) {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        item->set("sequence", row.entry.sequence);
        item->set("time", row.entry.time);
        item->set("actor_id", row.entry.actorId);
        item->set("actor", row.actorName);
        item->set("role", row.entry.role);
        item->set("action", row.entry.action);
        item->set("case", row.caseCode);
        item->set("source_address", row.entry.sourceAddress);
        item->set("outcome", row.entry.outcome);
        if (!row.entry.detail.empty()) item->set("detail", row.entry.detail);
        item->set("commune", row.commune);  // the case's, else the actor's (issue 16)
        items->add(item);
    }
    return items;
}

crypto::VerifyResult AuditService::verify(const std::string& checkpointsFile, bool onlyCovered) {
    const std::string file = checkpointsFile.empty() ? paths_.checkpointsFile : checkpointsFile;
    std::vector<crypto::Checkpoint> checkpoints;
    if (std::filesystem::exists(file)) checkpoints = crypto::readCheckpoints(file);
    if (onlyCovered) {
        const auto last = log_.lastSequence();
        checkpoints.erase(
            std::remove_if(checkpoints.begin(), checkpoints.end(),
                           [last](const crypto::Checkpoint& c) { return c.size > last; }),
            checkpoints.end());
    }
    // Without checkpoints (a new or restored data dir) there is nothing to check a key against.
    const std::string publicKeyFile = paths_.signingKey + ".pub";
    const auto publicKey = checkpoints.empty() && !std::filesystem::exists(publicKeyFile)
                               ? crypto::CheckpointPublicKey(std::array<std::uint8_t, 32>{})
                               : crypto::CheckpointPublicKey::load(publicKeyFile);

    // Feed the verifier from a scan, one batch at a time.
    std::vector<std::pair<crypto::AuditEntry, crypto::Hash256>> batch;
    std::int64_t nextSequence = 1;
    std::size_t position = 0;
    bool exhausted = false;
    auto source = [&](crypto::AuditEntry& entry, crypto::Hash256& stored) {
        if (position == batch.size() && !exhausted) {
            batch.clear();
            position = 0;
            log_.scan(nextSequence, [&](const crypto::AuditEntry& e, const crypto::Hash256& h) {
                batch.emplace_back(e, h);
                return batch.size() < 5000;
            });
            exhausted = batch.size() < 5000;
            if (!batch.empty()) nextSequence = batch.back().first.sequence + 1;
        }
        if (position == batch.size()) return false;
        entry = batch[position].first;
        stored = batch[position].second;
        ++position;
        return true;
    };
    return crypto::verifyAuditLog(source, chainKey_, checkpoints, publicKey);
}

}  // namespace binhan::service
