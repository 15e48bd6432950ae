#include "http/CaseHandlers.h"

#include <functional>

#include "core/CaseModel.h"
#include "core/Error.h"
#include "core/workflow/CaseActions.h"
#include "core/workflow/CaseStatus.h"
#include "core/workflow/Stage.h"
#include "http/Json.h"

namespace binhan::http {

std::int64_t caseIdParam(const Request& request, const char* name) {
    return pathId(request, name, "No such case.");
}

namespace {

// The query parameter `name` when `known` accepts it; "" when absent; Invalid naming it else.
std::string enumerated(const Request& request, const char* name,
                       const std::function<bool(const std::string&)>& known) {
    const std::string value = request.queryOr(name, "");
    if (!value.empty() && !known(value))
        throw core::Invalid(name, std::string("Unknown value for '") + name + "'.");
    return value;
}

// The request's language for words meant for a person: Vietnamese unless English is asked
// first (Accept-Language), as the browser UI does.
std::string languageOf(const Request& request) {
    const auto accept = request.header("accept-language").value_or("vi");
    return accept.rfind("en", 0) == 0 ? "en" : "vi";
}

// The case answer with its refusals worded in the request's language and its ETag (the version
// a correction is based on, API.md PATCH).
Response caseAnswer(const Request& request, Poco::JSON::Object::Ptr json) {
    if (json->has("refusal_codes")) {
        Poco::JSON::Object::Ptr refusals = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        const auto lang = languageOf(request);
        for (const auto& [action, code] : *json->getObject("refusal_codes"))
            refusals->set(action, core::workflow::refusalText(code.toString(), lang));
        json->set("refusals", refusals);
    }
    Response response = Response::json(200, *json);
    if (json->has("updated_at"))
        response.headers.emplace_back("ETag",
                                      "\"" + json->getValue<std::string>("updated_at") + "\"");
    return response;
}

// The version the correction was based on: body "based_on", else If-Match ("…", W/"…").
std::optional<std::string> basedOn(const Request& request, Poco::JSON::Object& body) {
    if (body.has("based_on")) {
        const auto value = optionalString(body, "based_on");
        body.remove("based_on");
        if (!value || value->empty())
            throw core::Invalid("based_on", "Give the updated_at of the case you read.");
        return value;
    }
    auto match = request.header("if-match");
    if (!match || *match == "*") return std::nullopt;
    std::string tag = *match;
    if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"')
        tag = tag.substr(1, tag.size() - 2);
    return tag;
}

}  // namespace

Handler createCaseHandler(service::CaseService& cases) {
    return [&cases](Request& request) {
        Response response =
            caseAnswer(request, cases.create(request.signedIn(), *parseBody(request)));
        response.status = 201;
        return response;
    };
}

Handler listCasesHandler(service::CaseService& cases) {
    return [&cases](Request& request) {
        const Page page = pageOf(request);
        service::CaseListQuery query;
        // Filters take only the values of their enumerations (issue 17): 400 naming the
        // parameter, never an empty list that looks like "no such cases".
        query.status = enumerated(request, "status", [](const std::string& v) {
            return core::workflow::parseCaseStatus(v).has_value();
        });
        query.stage = enumerated(request, "stage", [](const std::string& v) {
            return core::workflow::parseStageStatus(v).has_value();
        });
        query.risk = enumerated(
            request, "risk", [](const std::string& v) { return core::parseRisk(v).has_value(); });
        query.q = request.queryOr("q", "");
        const std::string mine = request.queryOr("mine", "");
        if (!mine.empty() && mine != "true" && mine != "false")
            throw core::Invalid("mine", "mine takes true or false.");
        query.mine = mine == "true";
        query.beforeId = page.after;
        query.limit = page.limit;
        const auto result = cases.list(request.signedIn(), query);
        return Response::json(200, *pageAnswer(result.items, result.nextCursor));
    };
}

Handler getCaseHandler(service::CaseService& cases, service::EarlierCaseService& earlier) {
    return [&cases, &earlier](Request& request) {
        const auto id = caseIdParam(request);
        auto found = cases.get(request.signedIn(), id);
        found->set("linked_cases", earlier.linkedVisible(request.signedIn(), id));
        return caseAnswer(request, found);
    };
}

Handler updateCaseHandler(service::CaseService& cases) {
    return [&cases](Request& request) {
        auto body = parseBody(request);
        const auto version = basedOn(request, *body);
        return caseAnswer(request,
                          cases.update(request.signedIn(), caseIdParam(request), *body, version));
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
