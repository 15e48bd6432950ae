#include "service/ErasureService.h"

#include <spdlog/spdlog.h>

#include "core/Error.h"
#include "core/TimeFormat.h"

namespace binhan::service {

bool ErasureService::eraseNow(std::int64_t caseId, const std::string& why) {
    const auto row = cases_.find(caseId);
    if (!row) return false;
    const std::string at = core::formatRfc3339(clock_.now());
    if (!row->dataKey.empty()) ledger_.append({caseId, row->code, at});  // first, and durable
    cases_.erase(caseId, at);
    if (attachments_) attachments_->shredCase(caseId);  // sealed under the key just destroyed
    db_.checkpoint();
    spdlog::warn("case {} erased ({}): its key is destroyed", caseId, why);
    return true;
}

Poco::JSON::Object::Ptr ErasureService::erase(const core::Actor& actor, std::int64_t caseId,
                                              const std::string& reason) {
    guard_.require(actor, caseId, core::Action::Erase);
    if (reason.size() < 10)
        throw core::Invalid("reason", "Give the reason for erasure (at least 10 characters).");
    const auto row = cases_.find(caseId);
    eraseNow(caseId, "on request, by user " + std::to_string(actor.userId));
    Poco::JSON::Object::Ptr answer = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    answer->set("case_id", caseId);
    answer->set("code", row ? row->code : "");
    answer->set("erased_at", core::formatRfc3339(clock_.now()));
    return answer;
}

int ErasureService::applyLedger() {
    int applied = 0;
    for (const auto& erasure : ledger_.read()) {
        const auto row = cases_.find(erasure.caseId);
        // Files go whenever any are left (a crash between the key and the files, a restore).
        if (attachments_) attachments_->shredCase(erasure.caseId);
        if (!row || row->dataKey.empty()) continue;
        cases_.erase(erasure.caseId, erasure.at);
        ++applied;
    }
    if (applied > 0) {
        db_.checkpoint();
        spdlog::warn("erasure ledger re-applied: {} case(s) erased again", applied);
    }
    return applied;
}

}  // namespace binhan::service
