#include "http/AuditHandlers.h"

#include "core/Error.h"
#include "core/TimeFormat.h"
#include "http/Json.h"

namespace binhan::http {
namespace {

// A bound on time: an RFC 3339 time as it is, a date as the start (from) or end (to) of that day.
std::string timeBound(const Request& request, const std::string& name, bool endOfDay) {
    const std::string text = request.queryOr(name, "");
    if (text.empty()) return "";
    if (core::parseDate(text)) return text + (endOfDay ? "T23:59:59Z" : "T00:00:00Z");
    if (auto t = core::parseRfc3339(text)) return core::formatRfc3339(*t);
    throw core::Invalid(name, "'" + name + "' must be a date (YYYY-MM-DD) or an RFC 3339 time.");
}

}  // namespace

Handler listAuditHandler(service::AuditService& audit) {
    return [&audit](Request& request) {
        const Page page = pageOf(request);
        store::AuditFilter filter;
        filter.caseCode = request.queryOr("case", "");
        const std::string actor = request.queryOr("actor", "");
        if (!actor.empty()) {
            try {
                filter.actorId = std::stoll(actor);
            } catch (const std::exception&) {
                throw core::Invalid("actor", "'actor' must be a user id.");
            }
        }
        filter.from = timeBound(request, "from", false);
        filter.to = timeBound(request, "to", true);
        filter.beforeSequence = page.after;
        filter.limit = page.limit;
        std::optional<std::int64_t> next;
        auto items = audit.list(request.signedIn(), filter, next);
        return Response::json(200, *pageAnswer(items, next));
    };
}

Handler verifyAuditHandler(service::AuditService& audit) {
    return [&audit](Request&) {
        const auto result = audit.verify();
        auto answer = newObject();
        answer->set("ok", result.ok);
        answer->set("entries", result.entries);
        if (result.firstBad) answer->set("first_bad", *result.firstBad);
        if (!result.ok) answer->set("reason", result.reason);
        return Response::json(200, *answer);
    };
}

}  // namespace binhan::http
