#include "http/WorkflowHandlers.h"

#include <map>

#include "core/Error.h"
#include "core/workflow/SurvivorFeedback.h"

#include "http/CaseHandlers.h"
#include "http/EventHandlers.h"
#include "http/Json.h"

namespace binhan::http {
namespace {

// {"reason": "…"} (or another single text key): the text, "" when absent (the rules say why).
std::string onlyText(const Request& request, const std::string& key) {
    const auto body = parseBody(request);
    rejectUnknownKeys(*body, {key});
    return optionalString(*body, key).value_or("");
}

std::int64_t referralIdParam(const Request& request) {
    return pathId(request, "rid", "No such referral.");
}

std::vector<std::string> stringList(const Poco::JSON::Object& body, const std::string& key) {
    std::vector<std::string> out;
    if (!body.has(key) || body.isNull(key)) return out;
    if (!body.isArray(key)) throw core::Invalid(key, "'" + key + "' must be a list.");
    const auto items = body.getArray(key);
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto item = items->get(static_cast<unsigned>(i));
        const std::string field = key + "[" + std::to_string(i) + "]";
        if (!item.isString()) throw core::Invalid(field, "'" + field + "' must be a string.");
        out.push_back(item.extract<std::string>());
    }
    return out;
}

}  // namespace

Handler referCaseHandler(service::ReferralService& referrals) {
    return [&referrals](Request& request) {
        const auto body = parseBody(request);
        rejectUnknownKeys(*body, {"to", "reason", "mandatory", "survivor_informed"});
        service::ReferralInput input;
        input.to = optionalString(*body, "to").value_or("");  // checked after the policy
        input.reason = optionalString(*body, "reason").value_or("");
        input.mandatory = optionalBool(*body, "mandatory").value_or(false);
        input.survivorInformed = optionalBool(*body, "survivor_informed");
        return Response::json(201,
                              *referrals.refer(request.signedIn(), caseIdParam(request), input));
    };
}

Handler incomingReferralsHandler(service::ReferralService& referrals) {
    return [&referrals](Request& request) {
        if (request.queryOr("direction", "incoming") != "incoming")
            throw core::Invalid("direction", "Only direction=incoming is available.");
        const Page page = pageOf(request);
        const auto result = referrals.incoming(request.signedIn(), page.after, page.limit);
        return Response::json(200, *pageAnswer(result.items, result.nextCursor));
    };
}

Handler acceptReferralHandler(service::ReferralService& referrals) {
    return [&referrals](Request& request) {
        rejectUnknownKeys(*parseBody(request), {});
        return Response::json(200, *referrals.accept(request.signedIn(), referralIdParam(request)));
    };
}

Handler declineReferralHandler(service::ReferralService& referrals) {
    return [&referrals](Request& request) {
        const std::string reason = onlyText(request, "reason");
        return Response::json(
            200, *referrals.decline(request.signedIn(), referralIdParam(request), reason));
    };
}

Handler consentHandler(service::WorkflowService& workflow) {
    return [&workflow](Request& request) {
        const auto body = parseBody(request);
        rejectUnknownKeys(*body, {"given", "given_by", "agencies", "statistics", "reason"});
        service::ConsentInput input;
        input.given = optionalBool(*body, "given");  // required; checked after the policy
        input.givenBy = optionalString(*body, "given_by").value_or("");
        input.agencies = stringList(*body, "agencies");
        input.statistics = optionalBool(*body, "statistics");
        input.reason = optionalString(*body, "reason").value_or("");
        return Response::json(
            200, *workflow.recordConsent(request.signedIn(), caseIdParam(request), input));
    };
}

Handler completeStageHandler(service::WorkflowService& workflow) {
    return [&workflow](Request& request) {
        const std::string summary = onlyText(request, "summary");
        const std::string& agency = request.pathParams.at("agency");
        return Response::json(200, *workflow.completeStage(request.signedIn(), caseIdParam(request),
                                                           agency, summary));
    };
}

Handler closeCaseHandler(service::WorkflowService& workflow) {
    return [&workflow](Request& request) {
        const auto body = parseBody(request);
        rejectUnknownKeys(*body, {"reason", "reason_code", "survivor_feedback"});
        std::map<std::string, std::string> feedback;  // issue 20: anonymous, counted only
        if (!body->isNull("survivor_feedback")) {
            if (!body->isObject("survivor_feedback"))
                throw core::Invalid("survivor_feedback",
                                    "Give the survivor's answers as an object.");
            feedback = core::workflow::parseFeedback(*body->getObject("survivor_feedback"));
        }
        return Response::json(
            200, *workflow.close(request.signedIn(), caseIdParam(request),
                                 optionalString(*body, "reason").value_or(""),
                                 optionalString(*body, "reason_code").value_or(""), feedback));
    };
}

Handler reopenCaseHandler(service::WorkflowService& workflow) {
    return [&workflow](Request& request) {
        const std::string reason = onlyText(request, "reason");
        return Response::json(200,
                              *workflow.reopen(request.signedIn(), caseIdParam(request), reason));
    };
}

Handler dashboardHandler(service::DashboardService& dashboard) {
    return [&dashboard](Request& request) {
        return Response::json(200, *dashboard.forActor(request.signedIn()));
    };
}

}  // namespace binhan::http
