#include "http/CaseHandlers.h"

#include "core/Error.h"
#include "http/Json.h"

namespace binhan::http {

std::int64_t caseIdParam(const Request& request, const char* name) {
    try {
        const std::string& text = request.pathParams.at(name);
        std::size_t used = 0;
        const long long id = std::stoll(text, &used);
        if (used == text.size() && id > 0) return id;
    } catch (const std::exception&) {
    }
    throw core::NotFound("No such case.");
}

Handler createCaseHandler(service::CaseService& cases) {
    return [&cases](Request& request) {
        return Response::json(201, *cases.create(request.signedIn(), *parseBody(request)));
    };
}

Handler listCasesHandler(service::CaseService& cases) {
    return [&cases](Request& request) {
        const Page page = pageOf(request);
        service::CaseListQuery query;
        query.status = request.queryOr("status", "");
        query.stage = request.queryOr("stage", "");
        query.risk = request.queryOr("risk", "");
        query.q = request.queryOr("q", "");
        query.beforeId = page.after;
        query.limit = page.limit;
        const auto result = cases.list(request.signedIn(), query);
        return Response::json(200, *pageAnswer(result.items, result.nextCursor));
    };
}

Handler getCaseHandler(service::CaseService& cases) {
    return [&cases](Request& request) {
        return Response::json(200, *cases.get(request.signedIn(), caseIdParam(request)));
    };
}

Handler updateCaseHandler(service::CaseService& cases) {
    return [&cases](Request& request) {
        return Response::json(
            200, *cases.update(request.signedIn(), caseIdParam(request), *parseBody(request)));
    };
}

Handler breakGlassHandler(service::CaseService& cases) {
    return [&cases](Request& request) {
        auto body = parseBody(request);
        rejectUnknownKeys(*body, {"reason"});
        const auto reason = optionalString(*body, "reason").value_or("");
        return Response::json(200,
                              *cases.breakGlass(request.signedIn(), caseIdParam(request), reason));
    };
}

Handler recusalHandler(service::CaseService& cases) {
    return [&cases](Request& request) {
        auto body = parseBody(request);
        rejectUnknownKeys(*body, {"user_id", "reason"});
        const auto userId = optionalInt64(*body, "user_id");
        const auto reason = optionalString(*body, "reason").value_or("");
        return Response::json(
            201, *cases.recuse(request.signedIn(), caseIdParam(request), userId, reason));
    };
}

Handler eraseHandler(service::ErasureService& erasure) {
    return [&erasure](Request& request) {
        auto body = parseBody(request);
        rejectUnknownKeys(*body, {"reason"});
        const auto reason = optionalString(*body, "reason").value_or("");
        return Response::json(200,
                              *erasure.erase(request.signedIn(), caseIdParam(request), reason));
    };
}

}  // namespace binhan::http
