#pragma once
// Handlers of API.md "Events" (the timeline): add, list, mark done, void and correct (issue 19).
// They read the body into plain inputs (400 naming the field for a malformed one); the rules are
// the service's.
#include "http/Route.h"
#include "service/EventService.h"

namespace binhan::http {

Handler addEventHandler(service::EventService& events);
Handler listEventsHandler(service::EventService& events);
Handler eventDoneHandler(service::EventService& events);
// POST …/events/{eid}/void {"reason"} and …/events/{eid}/correct {"details", "due"?, "reason"}.
Handler voidEventHandler(service::EventService& events);
Handler correctEventHandler(service::EventService& events);

}  // namespace binhan::http
