#include "http/EarlierCaseHandlers.h"

#include "core/Error.h"
#include "http/CaseHandlers.h"
#include "http/Json.h"

namespace binhan::http {
namespace {

std::int64_t requestIdParam(const Request& request) {
    return pathId(request, "rid", "No such request.");
}

std::string reasonOf(const Request& request) {
    const auto body = parseBody(request);
    rejectUnknownKeys(*body, {"reason"});
    return optionalString(*body, "reason").value_or("");
}

}  // namespace

Handler earlierCheckHandler(service::EarlierCaseService& earlier) {
    return [&earlier](Request& request) {
        const auto body = parseBody(request);
        rejectUnknownKeys(*body, {"survivor"});
        const auto survivor = body->getObject("survivor");
        if (!survivor) throw core::Invalid("survivor", "'survivor' must be an object.");
        rejectUnknownKeys(*survivor, {"full_name", "phone", "id_number"}, "survivor.");
        service::SurvivorIdentifiers who;
        who.fullName = optionalString(*survivor, "full_name").value_or("");
        who.phone = optionalString(*survivor, "phone").value_or("");
        who.idNumber = optionalString(*survivor, "id_number").value_or("");
        return Response::json(200, *earlier.check(request.signedIn(), who));
    };
}

Handler caseEarlierHandler(service::EarlierCaseService& earlier) {
    return [&earlier](Request& request) {
        return Response::json(200, *earlier.forCase(request.signedIn(), caseIdParam(request)));
    };
}

Handler earlierRequestHandler(service::EarlierCaseService& earlier) {
    return [&earlier](Request& request) {
        const auto body = parseBody(request);
        rejectUnknownKeys(*body, {"agency"});
        return Response::json(201, *earlier.request(request.signedIn(), caseIdParam(request),
                                                    optionalString(*body, "agency").value_or("")));
    };
}

Handler incomingEarlierHandler(service::EarlierCaseService& earlier) {
    return [&earlier](Request& request) {
        return Response::json(200, *earlier.incoming(request.signedIn()));
    };
}

Handler acceptEarlierHandler(service::EarlierCaseService& earlier) {
    return [&earlier](Request& request) {
        return Response::json(
            200, *earlier.accept(request.signedIn(), requestIdParam(request), reasonOf(request)));
    };
}

Handler declineEarlierHandler(service::EarlierCaseService& earlier) {
    return [&earlier](Request& request) {
        return Response::json(
            200, *earlier.decline(request.signedIn(), requestIdParam(request), reasonOf(request)));
    };
}

Handler linkCaseHandler(service::EarlierCaseService& earlier) {
    return [&earlier](Request& request) {
        const auto body = parseBody(request);
        rejectUnknownKeys(*body, {"case"});
        return Response::json(201, *earlier.link(request.signedIn(), caseIdParam(request),
                                                 optionalString(*body, "case").value_or("")));
    };
}

}  // namespace binhan::http
