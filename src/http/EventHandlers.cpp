#include "http/EventHandlers.h"

#include "core/Error.h"
#include "http/CaseHandlers.h"
#include "http/Json.h"

namespace binhan::http {

Handler addEventHandler(service::EventService& events) {
    return [&events](Request& request) {
        const auto body = parseBody(request);
        rejectUnknownKeys(*body, {"type", "at", "details", "due"});
        service::EventInput input;
        input.type = optionalString(*body, "type").value_or("");  // checked after the policy
        input.at = optionalString(*body, "at");
        input.due = optionalString(*body, "due");
        if (!body->has("details") || body->isNull("details"))
            input.details = newObject();
        else if (body->isObject("details"))
            input.details = body->getObject("details");
        else
            throw core::Invalid("details", "'details' must be an object.");
        return Response::json(201, *events.add(request.signedIn(), caseIdParam(request), input));
    };
}

Handler listEventsHandler(service::EventService& events) {
    return [&events](Request& request) {
        const Page page = pageOf(request);
        const auto result =
            events.list(request.signedIn(), caseIdParam(request), page.after, page.limit);
        return Response::json(200, *pageAnswer(result.items, result.nextCursor));
    };
}

Handler eventDoneHandler(service::EventService& events) {
    return [&events](Request& request) {
        rejectUnknownKeys(*parseBody(request), {});
        const auto caseId = caseIdParam(request);
        const auto eventId = pathId(request, "eid", "No such event on this case.");
        return Response::json(200, *events.markDone(request.signedIn(), caseId, eventId));
    };
}

}  // namespace binhan::http
