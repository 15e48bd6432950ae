#include "http/OpenApiSchemas.h"

#include "core/CaseModel.h"
#include "core/CaseValidation.h"
#include "core/Policy.h"
#include "core/report/ReportModel.h"
#include "core/workflow/CaseActions.h"
#include "core/workflow/CaseStatus.h"
#include "core/workflow/EventCatalogue.h"
#include "core/workflow/Stage.h"
#include "core/workflow/Text.h"
#include "http/JsonSchema.h"

namespace binhan::http {
namespace {

using namespace schema;
namespace wf = core::workflow;

Schema eventType() {
    std::vector<std::string> types;
    for (const auto& type : wf::eventCatalogue()) types.push_back(type.name);
    return oneOf(types);
}

// ---- common ------------------------------------------------------------------------------

void addCommon(Poco::JSON::Object& s) {
    s.set("Error",
          described(object({req("error", object({req("code", string()), req("message", string()),
                                                 opt("field", string())}))}),
                    "Every refusal: a machine code, a text for people, and for 400 the field "
                    "at fault (\"survivor.birth_year\")."));
    s.set("Role", names(core::allRoles(), core::roleName));
    s.set("Agency", names(core::allAgencies(), core::agencyName));
    s.set("EventType", eventType());
    s.set("Risk", names(core::allRisks(), core::riskName));
    s.set("Label", described(object({req("vi", nullable(string())), req("en", nullable(string()))}),
                             "A word in Vietnamese and English (null where a dictionary lacks "
                             "it)."));
    s.set("Person", described(object({opt("id", id()), req("role", named("Role"))}),
                              "Who did something: the role, and the user's id where the caller "
                              "may know it."));
    s.set("Stages",
          described(
              with(mapOf(object({req("status", names(wf::allStageStatuses(), wf::stageStatusName)),
                                 req("since", time()), opt("reason", string())})),
                   "propertyNames", named("Agency")),
              "Each agency's stage track on the case, by agency."));
    s.set("EmptyBody",
          described(closed({}), "No body, or an empty object: the route takes no input."));
    s.set("ReasonRequest", closed({req("reason", text(wf::kMaxTextChars))}));
    s.set("LongReasonRequest",
          closed({req("reason", with(text(), "minLength", 10))}));  // break-glass, erasure
    s.set("Health", object({req("status", constant("ok"))}));
    s.set("OpenApiDocument", described(object({req("openapi", string()), req("info", object({})),
                                               req("paths", object({}))}),
                                       "This document."));
}

// ---- identity, users, communes -----------------------------------------------------------

void addIdentity(Poco::JSON::Object& s) {
    s.set("LoginRequest", closed({req("username", string()), req("password", string()),
                                  opt("totp", nullable(string()))}));
    s.set("SignedInUser",
          object({req("id", id()), req("username", string()), req("role", named("Role")),
                  req("display_name", string()), req("commune", string()),
                  req("allowed_actions",
                      described(arrayOf(names(core::allActions(), core::actionName)),
                                "The actions core/Policy gives the role somewhere: what the "
                                "browser offers."))}));
    s.set("Me", allOf({named("SignedInUser"), object({req("totp_enrolment_required", boolean()),
                                                      req("commune_name", string())})}));
    s.set("Session", object({req("token", string()), req("csrf_token", string()),
                             req("user", named("SignedInUser")), req("expires_at", time()),
                             req("totp_enrolment_required", boolean())}));
    s.set("TotpRequest", closed({opt("code", nullable(string()))}));
    s.set("TotpEnrolment", object({req("otpauth_uri", with(string(), "pattern", "^otpauth://"))}));
    s.set("TotpConfirmed", object({req("confirmed", constant(true))}));

    s.set("NewUser",
          closed({req("username", string()), req("password", string()), req("role", named("Role")),
                  opt("display_name", nullable(string())), opt("commune", nullable(string()))}));
    s.set(
        "UserChanges",
        with(closed({opt("role", nullable(named("Role"))), opt("display_name", nullable(string())),
                     opt("disabled", nullable(boolean())), opt("commune", nullable(string()))}),
             "minProperties", 1));
    s.set("PasswordChange", closed({req("password", string())}));
    s.set("OwnPasswordChange",
          closed({req("current_password", string()), req("password", string())}));
    s.set("User", object({req("id", id()), req("username", string()), req("role", named("Role")),
                          req("display_name", string()), req("commune", string()),
                          req("disabled", boolean()), req("totp", boolean()),
                          req("created_at", time()), req("updated_at", time())}));
    s.set("UserPage", page("User"));
    s.set("VillageList", object({req("items", arrayOf(object({req("name", string())})))}));
    s.set("VillagesChange", closed({req("villages", arrayOf(string()))}));
    s.set("AuditActorList",
          object({req("items", arrayOf(object({req("id", id()), req("username", string()),
                                               req("display_name", string()),
                                               req("role", named("Role"))})))}));
    s.set("Commune", object({req("code", string()), req("name", string())}));
    s.set("NewCommune", closed({req("code", with(string(), "pattern", "^[A-Za-z0-9]{1,16}$")),
                                req("name", text())}));
    s.set("CommuneList", object({req("items", arrayOf(named("Commune"))),
                                 req("province", nullable(named("Commune")))}));
}

// ---- cases -------------------------------------------------------------------------------

Schema sex() {
    return names(core::allSexes(), core::sexName);
}
Schema relationship() {
    return names(core::allRelationships(), core::relationshipName);
}
Schema violenceTypes() {
    return with(arrayOf(names(core::allViolenceTypes(), core::violenceTypeName)), "uniqueItems",
                true);
}
Schema optionalText() {
    return nullable(string());  // trimmed; blank counts as absent
}

// The request's parts (core/CaseValidation.h); `partial` for a PATCH, where nothing is required.
Schema survivorInput(bool partial) {
    const auto need = partial ? opt : req;
    return closed({need("full_name", text(core::kMaxNameChars)), need("sex", sex()),
                   opt("birth_year", nullable(with(integer(), "minimum", core::kMinBirthYear))),
                   need("village", text(core::kMaxVillageChars)), opt("phone", optionalText()),
                   opt("id_number", optionalText()), opt("disability", nullable(boolean()))});
}
Schema incidentInput(bool partial) {
    const auto need = partial ? opt : req;
    return closed({need("date", date()), need("village", text(core::kMaxVillageChars)),
                   need("place", names(core::allPlaces(), core::placeName)),
                   need("types", with(violenceTypes(), "minItems", 1)),
                   need("description", text(core::kMaxDescriptionChars)),
                   opt("injuries", optionalText())});
}
Schema flagsInput() {
    return closed(
        {opt("crime", nullable(boolean())), opt("administrative_sanction", nullable(boolean()))});
}

void addCaseInput(Poco::JSON::Object& s) {
    s.set("PerpetratorInput",
          closed({req("full_name", text(core::kMaxNameChars)), req("sex", sex()),
                  opt("birth_year", nullable(with(integer(), "minimum", core::kMinBirthYear))),
                  req("relationship", relationship()), opt("phone", optionalText()),
                  opt("id_number", optionalText())}));
    const auto perpetrators =
        with(arrayOf(named("PerpetratorInput")), "maxItems", core::kMaxPerpetrators);
    s.set("IntakeInput",
          described(
              closed({req("channel", oneOf(core::intakeChannels())), req("received_at", time())}),
              "How and when the report arrived (Law 13/2022 art. 19); received_at not "
              "in the future."));
    s.set("CaseInput",
          described(
              closed({req("survivor", survivorInput(false)), opt("perpetrators", perpetrators),
                      req("incident", incidentInput(false)), req("risk", named("Risk")),
                      req("consent", closed({req("given", boolean()),
                                             req("given_by", oneOf({core::kGivenBySurvivor,
                                                                    core::kGivenByGuardian})),
                                             opt("agencies", nullable(arrayOf(named("Agency")))),
                                             opt("statistics", nullable(boolean()))})),
                      opt("flags", flagsInput()), opt("safety_plan", nullable(string())),
                      opt("intake", nullable(named("IntakeInput")))}),
              "A new case (API.md \"Cases\"); JSON null counts as absent."));
    s.set("CasePatch",
          described(closed({opt("survivor", survivorInput(true)), opt("perpetrators", perpetrators),
                            opt("incident", incidentInput(true)), opt("risk", named("Risk")),
                            opt("flags", flagsInput()), opt("safety_plan", nullable(string())),
                            opt("intake", nullable(named("IntakeInput"))),
                            opt("based_on", described(string(),
                                                      "The updated_at of the case as read "
                                                      "(or send If-Match)."))}),
                    "A correction: the keys given replace the case's (survivor, incident and "
                    "flags field by field; null clears an optional field)."));
}

void addCaseAnswers(Poco::JSON::Object& s) {
    // Every part is as the caller may see it (core/Policy's field table): a key the caller may
    // not read is absent; null means not known.
    s.set("CaseStatus", names(wf::allCaseStatuses(), wf::caseStatusName));
    s.set("Survivor", object({opt("full_name", string()), opt("sex", sex()),
                              opt("birth_year", nullable(integer())), opt("village", string()),
                              opt("phone", string()), opt("id_number", string()),
                              opt("disability", boolean()), opt("child", boolean())}));
    s.set("Perpetrator",
          object({opt("full_name", string()), opt("sex", sex()),
                  opt("birth_year", nullable(integer())), opt("relationship", relationship()),
                  opt("phone", nullable(string())), opt("id_number", nullable(string()))}));
    s.set("Incident", object({opt("date", date()), opt("village", string()),
                              opt("place", names(core::allPlaces(), core::placeName)),
                              opt("types", violenceTypes()), opt("description", string()),
                              opt("injuries", string())}));
    s.set("Consent",
          object({req("given", boolean()), req("given_by", string()),
                  req("agencies", arrayOf(named("Agency"))), req("statistics", boolean()),
                  opt("recorded_at", time()), opt("recorded_by", named("Person"))}));
    s.set("Case",
          described(
              object({req("id", id()),
                      req("code", string()),
                      req("status", named("CaseStatus")),
                      opt("survivor", named("Survivor")),
                      opt("perpetrators", arrayOf(named("Perpetrator"))),
                      opt("incident", named("Incident")),
                      opt("risk", named("Risk")),
                      opt("linked_cases", arrayOf(named("CaseLink"))),
                      opt("consent", named("Consent")),
                      opt("flags", object({req("crime", boolean()),
                                           req("administrative_sanction", boolean())})),
                      opt("safety_plan", nullable(string())),
                      opt("intake", nullable(object({req("channel", oneOf(core::intakeChannels())),
                                                     req("received_at", time())}))),
                      req("child", boolean()),
                      req("stages", named("Stages")),
                      req("created_at", time()),
                      req("updated_at", time()),
                      opt("closed_at", time()),
                      opt("closure_reason_code", oneOf(wf::closureReasonCodes())),
                      opt("closure_reason", string()),
                      req("allowed_actions",
                          described(arrayOf(with(string(), "pattern",
                                                 "^([a-z_]+|event:[a-z_.]+|refer:[a-z]+)$")),
                                    "What the caller may do on the case now (event:<type> for "
                                    "each event type it may add, refer:<agency> for each agency "
                                    "it may refer the case to).")),
                      opt("mandatory_referrals",
                          described(arrayOf(string()),
                                    "refer:<agency> targets that are mandatory reports (no "
                                    "consent needed; recorded as mandatory).")),
                      req("refusal_codes", mapOf(oneOf(wf::refusalCodes()))),
                      opt("refusals", described(mapOf(string()),
                                                "refusal_codes worded in the request's "
                                                "language (absent in an export).")),
                      req("field_view", arrayOf(oneOf(core::policyFieldPaths())))}),
              "The case as the caller may see it; its updated_at is also the answer's ETag."));
    s.set("CaseSummary",
          described(object({req("id", id()), req("code", string()), req("village", string()),
                            req("types", violenceTypes()), req("risk", named("Risk")),
                            req("status", named("CaseStatus")), req("stages", named("Stages")),
                            req("created_at", time()), req("updated_at", time())}),
                    "A case in a list: never a name."));
    s.set("CasePage", page("CaseSummary"));
    s.set("BreakGlass",
          object({req("case_id", id()), req("code", string()), req("ends_at", time())}));
    s.set("RecusalRequest", closed({opt("user_id", described(nullable(id()),
                                                             "Another user (the chair only); "
                                                             "default: the caller.")),
                                    req("reason", text())}));
    s.set("Recusal",
          object({req("case_id", id()), req("user_id", id()), req("recused_at", time())}));
    s.set("Erasure",
          object({req("case_id", id()), req("code", string()), req("erased_at", time())}));
    s.set("CaseExport",
          described(object({req("exported_at", time()), req("exported_by_role", named("Role")),
                            req("case", named("Case")), req("events", arrayOf(named("Event")))}),
                    "Everything held about the survivor that the caller may see."));
}

// ---- audit, reports, the catalogue -------------------------------------------------------

void addAuditAndReports(Poco::JSON::Object& s) {
    s.set("AuditEntry",
          described(object({req("sequence", id()), req("time", time()),
                            req("actor_id", with(integer(), "minimum", 0)), req("actor", string()),
                            req("role", string()), req("action", string()), req("case", string()),
                            req("source_address", string()), req("outcome", string()),
                            opt("detail", string()), req("commune", string())}),
                    "Who did what, when, from where, on which case (by code); never case "
                    "content. actor_id 0 and empty names: no signed-in actor."));
    s.set("AuditPage", page("AuditEntry"));
    s.set("AuditVerification",
          object({req("ok", boolean()), req("entries", with(integer(), "minimum", 0)),
                  opt("first_bad", integer()), opt("reason", string())}));

    const auto count = described(anyOf({with(integer(), "minimum", 0), oneOf({"<5", "x"})}),
                                 "A count; 1 to 4 published as \"<5\", a count that would "
                                 "reveal one as \"x\".");
    s.set("Count", count);
    s.set("Counts", mapOf(named("Count")));
    s.set(
        "Report",
        described(
            with(object({req("header",
                             object({req("commune", string()), req("commune_code", string()),
                                     req("scope", oneOf({"commune", "province"})),
                                     req("recipient", string()), req("from", date()),
                                     req("to", date()), req("generated_at", time()),
                                     req("purpose", oneOf({core::report::purposeName(
                                                               core::report::Purpose::Statutory),
                                                           core::report::purposeName(
                                                               core::report::Purpose::Export)})),
                                     opt("communes", arrayOf(named("Commune")))})),
                         req("totals", named("Counts")),
                         req("timeliness",
                             object({req("cases_with_first_action", named("Count")),
                                     req("median_days_to_first_action", nullable(number()))})),
                         req("suppression", object({req("small", string()), req("hidden", string()),
                                                    req("note", string())}))}),
                 "additionalProperties", named("Counts")),
            "Counts for a period, no identities; every other key is a table of counts by "
            "category (by_type, by_village, by_sex, …)."));
}

Schema labelled(const std::string& key, const Schema& value) {
    return object({req(key, value), req("label", named("Label"))});
}

void addCatalogue(Poco::JSON::Object& s) {
    const auto field = object(
        {req("name", string()),
         req("kind", oneOf({"text", "fixed", "choice", "date", "time", "event_id", "yesno", "names",
                            "choices", "answers"})),
         req("required", boolean()), req("required_if_granted", boolean()),
         opt("required_if", object({req("field", string()), req("value", string())})),
         opt("computed", boolean()), req("label", named("Label")),
         opt("choices", arrayOf(labelled("value", string()))), opt("not_future", boolean())});
    const auto fieldRule = object({opt("max_chars", integer()), opt("pattern", string()),
                                   opt("needs_digit", boolean()), opt("min", integer()),
                                   opt("not_future", boolean()), req("message", named("Label"))});
    s.set("Catalogue",
          described(
              object(
                  {req("event_types",
                       arrayOf(object({req("name", named("EventType")),
                                       req("label", named("Label")),
                                       req("authors", arrayOf(named("Role"))),
                                       req("due", oneOf({"required", "optional", "none"})),
                                       req("fields", arrayOf(field)), req("source", string()),
                                       opt("due_not_past", boolean())}))),
                   req("enumerations", mapOf(arrayOf(labelled("value", string())))),
                   req("actions", arrayOf(labelled("name", string()))),
                   req("refusals", arrayOf(object({req("code", oneOf(wf::refusalCodes())),
                                                   req("label", object({req("vi", string()),
                                                                        req("en", string())}))}))),
                   req("field_paths", arrayOf(oneOf(core::policyFieldPaths()))),
                   req("field_rules", mapOf(fieldRule)),
                   req("risk_questions",
                       arrayOf(object({req("id", string()), req("severe", boolean()),
                                       req("label", named("Label"))}))),
                   req("risk_screen_note", named("Label")), req("risk_levels_rule", named("Label")),
                   req("feedback_questions",
                       arrayOf(object({req("id", string()), req("label", named("Label")),
                                       req("choices", arrayOf(labelled("value", string())))})))}),
              "What the browser builds its forms from: event types and their fields, "
              "enumerations, actions and refusal reasons, labelled in Vietnamese and English; "
              "field_rules: the case input's rules by API path ([] for any index), with the "
              "words an officer reads when a value breaks one."));
}

Schema parameter(const std::string& in, const std::string& name, const Schema& value,
                 const std::string& description) {
    Schema out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("name", name);
    out->set("in", in);
    out->set("required", false);
    out->set("description", description);
    out->set("schema", value);
    return out;
}

Schema query(const std::string& name, const Schema& value, const std::string& description) {
    return parameter("query", name, value, description);
}

}  // namespace

Poco::JSON::Object::Ptr apiParameters() {
    Poco::JSON::Object::Ptr p = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    p->set("limit",
           query("limit", with(with(with(integer(), "minimum", 1), "maximum", 500), "default", 50),
                 "How many items a page holds."));
    p->set("cursor", query("cursor", with(string(), "pattern", "^[0-9]*$"),
                           "The next_cursor of the page before."));
    p->set("case.status", query("status", named("CaseStatus"), "Only cases in this status."));
    p->set("case.stage", query("stage", names(wf::allStageStatuses(), wf::stageStatusName),
                               "Only cases where the caller's agency has a stage in this status."));
    p->set("case.risk", query("risk", named("Risk"), "Only cases of this risk."));
    p->set("case.q", query("q", string(),
                           "A case code (HP-2026-0034), or a name, phone number or ID number "
                           "(diacritics do not matter)."));
    p->set("case.mine",
           query("mine", boolean(), "true: the cases the caller opened or recorded an entry on."));
    p->set("referral.direction", query("direction", constant("incoming"),
                                       "Referrals waiting for the caller's agency (the only "
                                       "direction)."));
    p->set("export.format",
           query("format", oneOf({"json", "html"}), "json (default), or html: a printable page."));
    const auto date = schema::date();
    p->set("report.from", query("from", date, "The first day of the period."));
    p->set("report.to", query("to", date, "The last day of the period."));
    p->set("report.purpose",
           query("purpose",
                 oneOf({core::report::purposeName(core::report::Purpose::Statutory),
                        core::report::purposeName(core::report::Purpose::Export)}),
                 "statutory (default: every case) or export (only cases whose consent allows "
                 "statistics)."));
    p->set("report.commune",
           query("commune", string(), "For province staff: one commune's code (default: all)."));
    p->set("audit.case", query("case", string(), "A case, by its code or its id."));
    p->set("audit.actor", query("actor", id(), "A user, by id."));
    const auto bound = anyOf({schema::date(), time()});
    p->set("audit.from", query("from", bound, "From this time, or from the start of this day."));
    p->set("audit.to", query("to", bound, "Up to this time, or to the end of this day."));
    p->set("attachment.filename",
           parameter("header", "X-Filename", string(),
                     "The file's name, percent-encoded UTF-8 (kept sealed; directories and "
                     "control characters dropped)."));
    p->set("attachment.kind", parameter("header", "X-Attachment-Kind", named("AttachmentKind"),
                                        "Which paper it is; the access table says who sees "
                                        "each kind."));
    p->set("csrf", parameter("header", "X-CSRF-Token", string(),
                             "Required with the session cookie (a browser): the csrf_token of "
                             "the sign-in. Not sent with a Bearer token."));
    p->set("case.if_match", parameter("header", "If-Match", string(),
                                      "The ETag of the case as read (instead of based_on): 409 "
                                      "stale when it changed since."));
    return p;
}

Poco::JSON::Object::Ptr apiSchemas() {
    Poco::JSON::Object::Ptr schemas = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    addCommon(*schemas);
    addIdentity(*schemas);
    addCaseSchemas(*schemas);
    addWorkflowSchemas(*schemas);
    addAuditAndReports(*schemas);
    addCatalogue(*schemas);
    return schemas;
}

void addCaseSchemas(Poco::JSON::Object& schemas) {
    addCaseInput(schemas);
    addCaseAnswers(schemas);
}

}  // namespace binhan::http
