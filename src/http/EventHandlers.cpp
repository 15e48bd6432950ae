#include "http/EventHandlers.h"

#include "core/Error.h"
#include "http/CaseHandlers.h"
#include "http/Json.h"

namespace binhan::http {

namespace {

Poco::JSON::Object::Ptr detailsOf(const Poco::JSON::Object& body) {
    if (!body.has("details") || body.isNull("details")) return newObject();
    if (body.isObject("details")) return body.getObject("details");
    throw core::Invalid("details", "'details' must be an object.");
}

std::int64_t eventIdParam(const Request& request) {
    return pathId(request, "eid", "No such event on this case.");
}

}  // namespace

Handler addEventHandler(service::EventService& events) {
    return [&events](Request& request) {
        const auto body = parseBody(request);
        rejectUnknownKeys(*body, {"type", "at", "details", "due"});
        service::EventInput input;
        input.type = optionalString(*body, "type").value_or("");  // checked after the policy
        input.at = optionalString(*body, "at");
        input.due = optionalString(*body, "due");
        input.details = detailsOf(*body);
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
        return Response::json(200,
                              *events.markDone(request.signedIn(), caseId, eventIdParam(request)));
    };
}

Handler voidEventHandler(service::EventService& events) {
    return [&events](Request& request) {
        const auto body = parseBody(request);
        rejectUnknownKeys(*body, {"reason"});
        const auto caseId = caseIdParam(request);
        return Response::json(200,
                              *events.voidEvent(request.signedIn(), caseId, eventIdParam(request),
                                                optionalString(*body, "reason").value_or("")));
    };
}

Handler correctEventHandler(service::EventService& events) {
    return [&events](Request& request) {
        const auto body = parseBody(request);
        rejectUnknownKeys(*body, {"details", "due", "reason"});
        service::EventInput correction;
        correction.due = optionalString(*body, "due");
        correction.details = detailsOf(*body);
        const auto caseId = caseIdParam(request);
        return Response::json(
            201, *events.correct(request.signedIn(), caseId, eventIdParam(request), correction,
                                 optionalString(*body, "reason").value_or("")));
    };
}

}  // namespace binhan::http
