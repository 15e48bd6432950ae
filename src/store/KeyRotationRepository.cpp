#include "store/KeyRotationRepository.h"
#include "store/Sql.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/Session.h>

using namespace Poco::Data::Keywords;

namespace binhan::store {

std::vector<WrappedCaseKey> KeyRotationRepository::keysNotUnder(std::uint32_t current,
                                                                std::int64_t afterId, int limit) {
    std::vector<Poco::Int64> ids;
    std::vector<Poco::UInt32> versions;
    std::vector<Poco::Data::BLOB> blobs;
    db_.withReader([&](Poco::Data::Session& s) {
        Poco::UInt32 version = current;
        Poco::Int64 after = afterId;
        int n = limit;
        s << sql(
            s,
            "SELECT id, data_key_version, data_key FROM cases WHERE id > ? AND data_key IS NOT "
            "NULL AND data_key_version <> ? ORDER BY id LIMIT ?"),
            use(after), use(version), use(n), into(ids), into(versions), into(blobs), now;
    });
    std::vector<WrappedCaseKey> out;
    for (std::size_t i = 0; i < ids.size(); ++i)
        out.push_back({ids[i], versions[i],
                       Blob(blobs[i].rawContent(), blobs[i].rawContent() + blobs[i].size())});
    return out;
}

int KeyRotationRepository::replace(
    const std::vector<std::pair<WrappedCaseKey, WrappedCaseKey>>& beforeAfter) {
    int replaced = 0;
    db_.withWriter([&](Poco::Data::Session& s) {
        for (const auto& [before, after] : beforeAfter) {
            Poco::Int64 id = before.caseId;
            Poco::UInt32 oldVersion = before.masterVersion, newVersion = after.masterVersion;
            Poco::Data::BLOB oldKey(before.wrapped.data(), before.wrapped.size());
            Poco::Data::BLOB newKey(after.wrapped.data(), after.wrapped.size());
            Poco::Data::Statement st(s);
            st << sql(s,
                      "UPDATE cases SET data_key = ?, data_key_version = ? WHERE id = ? AND "
                      "data_key = ? AND data_key_version = ?"),
                use(newKey), use(newVersion), use(id), use(oldKey), use(oldVersion);
            replaced += static_cast<int>(st.execute());
        }
    });
    return replaced;
}

std::map<std::uint32_t, std::int64_t> KeyRotationRepository::countByVersion() {
    std::vector<Poco::UInt32> versions;
    std::vector<Poco::Int64> counts;
    // Under the write lock: a case key being stored right now is counted too.
    db_.withWriter([&](Poco::Data::Session& s) {
        s << sql(s,
                 "SELECT data_key_version, COUNT(*) FROM cases WHERE data_key IS NOT NULL GROUP BY "
                 "data_key_version"),
            into(versions), into(counts), now;
    });
    std::map<std::uint32_t, std::int64_t> out;
    for (std::size_t i = 0; i < versions.size(); ++i) out[versions[i]] = counts[i];
    return out;
}

}  // namespace binhan::store
