#include "service/ExportService.h"

#include "core/TimeFormat.h"

namespace binhan::service {

Poco::JSON::Object::Ptr ExportService::exportCase(const core::Actor& actor, std::int64_t caseId) {
    cases_.guard().require(actor, caseId, core::Action::Export);
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("exported_at", core::formatRfc3339(clock_.now()));
    out->set("exported_by_role", core::roleName(actor.role));
    out->set("case", cases_.get(actor, caseId));
    Poco::JSON::Array::Ptr events = new Poco::JSON::Array;
    std::int64_t after = 0;
    for (;;) {
        const auto page = events_.list(actor, caseId, after, 500);
        for (std::size_t i = 0; i < page.items->size(); ++i) events->add(page.items->get(i));
        if (!page.nextCursor) break;
        after = *page.nextCursor;
    }
    out->set("events", events);
    return out;
}

}  // namespace binhan::service
