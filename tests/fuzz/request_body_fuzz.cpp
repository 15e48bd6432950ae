// Fuzz target: the JSON request bodies of API.md, read as the handlers read them (http/Json.h)
// and checked by the pure rules the services apply (core/CaseValidation.h,
// core/workflow/EventRules.h, Consent.h, Text.h, Username.h, PasswordPolicy.h).
//
// Input: byte 0 picks the body type (kinds below), byte 1 the caller's role (low 3 bits) and the
// case it acts on (next 2 bits); the rest is the request body. A body is refused with a
// core::Error (a 4xx answer) or accepted; any other exception would be a 500 for one bad client.
// Accepted case bodies must also survive the trip a client makes: the answer's JSON, sent back,
// is accepted again and means the same case.
#include <sstream>

#include <Poco/JSON/Parser.h>

#include "core/CaseJson.h"
#include "core/CaseValidation.h"
#include "core/Error.h"
#include "core/PasswordPolicy.h"
#include "core/Role.h"
#include "core/TimeFormat.h"
#include "core/Username.h"
#include "core/workflow/Consent.h"
#include "core/workflow/EventRules.h"
#include "core/workflow/Text.h"
#include "fuzz/FuzzSupport.h"
#include "http/Json.h"

namespace binhan::fuzz {
namespace {

namespace wf = core::workflow;
using core::Role;
using Poco::JSON::Object;

const std::string kToday = "2024-06-15";

// A valid made-up case (tests/fixtures/people.h style), the target of PATCH bodies.
const char* const kExistingCase = R"({
  "survivor": {"full_name": "Phạm Thị Lan", "sex": "female", "birth_year": 1992,
               "village": "Thôn Bắc", "phone": "0912 000 111", "id_number": "034192000111"},
  "perpetrators": [{"full_name": "Đỗ Văn Hùng", "sex": "male", "relationship": "spouse"}],
  "incident": {"date": "2024-05-02", "village": "Thôn Bắc", "place": "home",
               "types": ["physical"], "description": "Bị đánh.\nHàng xóm nghe thấy."},
  "risk": "medium",
  "consent": {"given": true, "given_by": "survivor", "agencies": ["police", "union"]},
  "flags": {"crime": false}, "safety_plan": "Ở nhà mẹ đẻ."
})";

core::TimePoint now() {
    static const core::TimePoint at = *core::parseRfc3339("2024-06-15T03:00:00Z");
    return at;
}

std::string text(const Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

std::string caseText(const core::CaseInput& input) {
    return text(*core::caseInputToJson(input, core::allCaseFields()));
}

// Runs `step`, which must not refuse (a refusal here is a bug in the code under test).
template <typename Step>
void mustAccept(const char* what, Step step) {
    try {
        step();
    } catch (const core::Error& e) {
        std::fprintf(stderr, "%s refused (%s): %s\n", what, e.field().c_str(), e.what());
        FUZZ_CHECK(!"an accepted case must be accepted again");
    }
}

// GET's answer sent back as a POST body is the same case (child is derived, never input).
void checkRoundTrip(const core::CaseInput& input) {
    auto json = core::caseInputToJson(input, core::allCaseFields());
    json->getObject("survivor")->remove("child");
    const auto reparsed = Poco::JSON::Parser().parse(text(*json)).extract<Object::Ptr>();
    mustAccept("the case's own JSON", [&] {
        FUZZ_CHECK(caseText(core::parseCaseInput(*reparsed, kToday)) == caseText(input));
    });
}

// The case the workflow rules look at, in four shapes.
wf::CaseFacts factsFor(unsigned variant) {
    wf::CaseFacts facts;
    const auto track = [](wf::StageStatus status) { return wf::StageTrack{status, now(), ""}; };
    switch (variant % 4) {
        case 0:  // an adult case, consent for police and union, police working on it
            facts.consentGiven = true;
            facts.consentAgencies = {Role::Police, Role::Union};
            facts.stages = {{Role::Police, track(wf::StageStatus::Active)},
                            {Role::Union, track(wf::StageStatus::Referred)}};
            break;
        case 1:  // a child case and a crime, no consent: mandatory reports only
            facts.child = facts.crime = true;
            facts.stages = {{Role::Union, track(wf::StageStatus::Active)}};
            break;
        case 2:  // closed
            facts.status = wf::CaseStatus::Closed;
            facts.consentGiven = true;
            facts.consentAgencies = {Role::Justice};
            facts.stages = {{Role::Justice, track(wf::StageStatus::Completed)}};
            break;
        default:  // every agency active, an administrative sanction
            facts.administrativeSanction = true;
            facts.consentGiven = true;
            for (Role r : {Role::Police, Role::Justice, Role::Union, Role::School}) {
                facts.consentAgencies.insert(r);
                facts.stages[r] = track(wf::StageStatus::Active);
            }
    }
    return facts;
}

void caseCreate(const Object& body) {
    checkRoundTrip(core::parseCaseInput(body, kToday));
}

void casePatch(const Object& body) {
    static const auto parsed = Poco::JSON::Parser().parse(kExistingCase).extract<Object::Ptr>();
    static const core::CaseInput existing = core::parseCaseInput(*parsed, kToday);
    core::CaseInput patched = existing;
    try {
        core::applyCasePatch(patched, body, kToday);
    } catch (const core::Error&) {
        FUZZ_CHECK(caseText(patched) == caseText(existing));  // "on any throw left unchanged"
        throw;
    }
    checkRoundTrip(patched);
}

// POST /cases/{id}/events (http/EventHandlers.cpp, service/EventService.cpp).
void event(const Object& body, Role role, const wf::CaseFacts& facts) {
    http::rejectUnknownKeys(body, {"type", "at", "details", "due"});
    const std::string type = http::optionalString(body, "type").value_or("");
    const auto at = http::optionalString(body, "at");
    const auto due = http::optionalString(body, "due");
    if (at && !core::parseRfc3339(*at)) throw core::Invalid("at", "not a time");
    Object::Ptr details = http::newObject();
    if (body.has("details") && !body.isNull("details")) {
        if (!body.isObject("details")) throw core::Invalid("details", "not an object");
        details = body.getObject("details");
    }
    core::CaseAccess known;
    known.protectionRequest = role == core::Role::Leader;
    wf::checkEvent(facts, role, wf::accessWithStage(facts, role, known), type, *details, due,
                   "2024-05-01");
    // Accepted: the service then reads the ids of other events as int64 (EventPlanner.cpp).
    for (const auto& field : wf::findEventType(type)->fields) {
        if (field.kind != wf::FieldKind::EventId || !details->has(field.name)) continue;
        const auto v = details->get(field.name);
        try {
            FUZZ_CHECK((v.isString() ? std::stoll(v.extract<std::string>())
                                     : v.convert<std::int64_t>()) > 0);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "details.%s accepted but not an int64: %s\n", field.name.c_str(),
                         e.what());
            FUZZ_CHECK(!"an accepted event id must fit an int64");
        }
    }
}

// POST /cases/{id}/referrals (http/WorkflowHandlers.cpp, service/ReferralService.cpp).
void referral(const Object& body, Role role, const wf::CaseFacts& facts) {
    http::rejectUnknownKeys(body, {"to", "reason", "mandatory", "survivor_informed"});
    const auto to = core::parseRole(http::optionalString(body, "to").value_or(""));
    const std::string reason = http::optionalString(body, "reason").value_or("");
    const bool mandatory = http::optionalBool(body, "mandatory").value_or(false);
    http::optionalBool(body, "survivor_informed");
    if (!to) throw core::Invalid("to", "not an agency");
    wf::checkReferral(facts, role, *to, mandatory);
    wf::checkText("reason", reason, "reason for the referral");
}

// POST /cases/{id}/consent (http/WorkflowHandlers.cpp, service/WorkflowService.cpp).
void consent(const Object& body, const wf::CaseFacts& facts) {
    http::rejectUnknownKeys(body, {"given", "given_by", "agencies", "statistics", "reason"});
    http::optionalBool(body, "given");
    http::optionalString(body, "given_by");
    http::optionalBool(body, "statistics");
    const std::string reason = http::optionalString(body, "reason").value_or("");
    std::set<Role> agencies;
    if (body.has("agencies") && !body.isNull("agencies")) {
        if (!body.isArray("agencies")) throw core::Invalid("agencies", "not a list");
        const auto items = body.getArray("agencies");
        for (std::size_t i = 0; i < items->size(); ++i) {
            const auto item = items->get(static_cast<unsigned>(i));
            if (!item.isString()) throw core::Invalid("agencies", "not a string");
            const auto role = core::parseRole(item.extract<std::string>());
            if (!role || !core::isCaseAgency(*role)) throw core::Invalid("agencies", "no agency");
            agencies.insert(*role);
        }
    }
    wf::applyConsentChange(facts, agencies, now());
    wf::checkText("reason", reason, "reason for the change");
}

// break-glass, erase, decline, close, reopen: {"reason": "…"}.
void reasonOnly(const Object& body) {
    http::rejectUnknownKeys(body, {"reason"});
    wf::checkText("reason", http::optionalString(body, "reason").value_or(""), "reason");
}

// POST /cases/{id}/recusals (http/CaseHandlers.cpp).
void recusal(const Object& body) {
    http::rejectUnknownKeys(body, {"user_id", "reason"});
    http::optionalInt64(body, "user_id");
    http::optionalString(body, "reason");
}

// POST /users (http/UserHandlers.cpp, service/UserService.cpp).
void userCreate(const Object& body) {
    http::rejectUnknownKeys(body, {"username", "password", "role", "display_name"});
    const std::string username = http::requireString(body, "username");
    const std::string password = http::requireString(body, "password");
    const std::string role = http::requireString(body, "role");
    http::optionalString(body, "display_name");
    core::checkUsername(username);
    core::PasswordPolicy().check(username, password);
    if (!core::parseRole(role)) throw core::Invalid("role", "no such role");
}

// POST /session (http/IdentityHandlers.cpp).
void login(const Object& body) {
    http::rejectUnknownKeys(body, {"username", "password", "totp"});
    http::requireString(body, "username");
    http::requireString(body, "password");
    http::optionalString(body, "totp");
}

}  // namespace

int requestBody(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const unsigned kind = data[0] % 9;
    const Role role = core::allRoles()[data[1] % 8];
    const wf::CaseFacts facts = factsFor(data[1] / 8u);
    http::Request request;
    request.body.assign(reinterpret_cast<const char*>(data + 2), size - 2);
    request.headers["content-type"] = "application/json";  // as every JSON client sends
    try {
        const Object::Ptr body = http::parseBody(request);
        switch (kind) {
            case 0:
                caseCreate(*body);
                break;
            case 1:
                casePatch(*body);
                break;
            case 2:
                event(*body, role, facts);
                break;
            case 3:
                referral(*body, role, facts);
                break;
            case 4:
                consent(*body, facts);
                break;
            case 5:
                reasonOnly(*body);
                break;
            case 6:
                recusal(*body);
                break;
            case 7:
                userCreate(*body);
                break;
            default:
                login(*body);
                break;
        }
    } catch (const core::Error&) {
        // refused as the API says: 400, 403 or 409
    }
    return 0;
}

}  // namespace binhan::fuzz

BINHAN_FUZZ_ENTRY(binhan::fuzz::requestBody)
