#include "store/RetentionRepository.h"
#include "store/Sql.h"

#include <Poco/Data/Session.h>

using namespace Poco::Data::Keywords;

namespace binhan::store {

std::vector<ClosedCase> RetentionRepository::closedNoLaterThan(const std::string& cutoff) {
    std::vector<Poco::Int64> ids;
    std::vector<std::string> closed;
    db_.withReader([&](Poco::Data::Session& s) {
        std::string limit = cutoff.substr(0, 19);  // "YYYY-MM-DDTHH:MM:SS": sorts as time
        s << sql(s,
                 "SELECT id, closed_at FROM cases WHERE status = 'closed' AND data_key IS NOT NULL "
                 "AND closed_at IS NOT NULL AND substr(closed_at, 1, 19) <= ? ORDER BY id"),
            use(limit), into(ids), into(closed), now;
    });
    std::vector<ClosedCase> out;
    for (std::size_t i = 0; i < ids.size(); ++i) out.push_back({ids[i], closed[i]});
    return out;
}

}  // namespace binhan::store
