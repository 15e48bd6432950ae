#include "core/workflow/EventRules.h"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "unit/core/workflow/WorkflowTestSupport.h"

using namespace binhan::core;
using namespace binhan::core::workflow;
using binhan::core::workflow::test::outcome;
using Poco::JSON::Object;

namespace {

const std::set<Role> kAgencies = {Role::Police, Role::Justice, Role::Union, Role::School};

// API.md "Events", written out independently of the catalogue under test: who records each
// type, whether it needs an active stage, its required details, a valid example, its due rule.
struct Spec {
    std::set<Role> owners;
    bool needsStage;
    std::vector<std::string> required;
    std::string example;  // valid details, as JSON
    std::string due;      // "required", "optional" or "none"
};

const std::map<std::string, Spec>& specs() {
    static const std::map<std::string, Spec> table = {
        {"police.report",
         {{Role::Police},
          true,
          {"channel", "summary"},
          R"({"channel":"hotline","summary":"Neighbour called the hotline at 22:10."})",
          "none"}},
        {"police.intervention",
         {{Role::Police},
          true,
          {"action", "summary"},
          R"({"action":"stopped_violence","summary":"Officer attended; violence stopped."})",
          "optional"}},
        {"protection.request",
         {kAgencies,
          true,
          {"measure", "requested_by", "summary"},
          R"({"measure":"no_contact","requested_by":"survivor","summary":"Threats by phone."})",
          "none"}},
        {"protection.decision",
         {{Role::Leader},
          false,
          {"request_event", "granted", "starts", "ends",
           "reason"},  // notified: optional (issue 20)
          R"({"request_event":41,"granted":true,"starts":"2024-05-01T09:00:00Z",
              "ends":"2024-05-04T09:00:00Z","reason":"Threat to life",
              "notified":["perpetrator","survivor","police_head","village_head"]})",
          "none"}},
        {"protection.revoke",
         {{Role::Leader},
          false,
          {"decision_event", "reason"},
          R"({"decision_event":42,"reason":"Requested by the survivor"})",
          "none"}},
        {"justice.legal_aid",
         {{Role::Justice},
          true,
          {"kind", "eligibility", "summary"},
          R"({"kind":"advice","eligibility":"financial_hardship","summary":"Advice on divorce."})",
          "optional"}},
        {"justice.counselling",
         {{Role::Justice}, true, {"summary"}, R"({"summary":"Rights explained."})", "optional"}},
        {"justice.mediation",
         {{Role::Justice},
          true,
          {"session_date", "mediators", "outcome", "summary"},
          R"({"session_date":"2024-05-06","mediators":["Bà Lan","Ông Hùng"],
              "outcome":"postponed","summary":"Both parties asked for time."})",
          "optional"}},
        {"union.follow_up",
         {{Role::Union}, true, {"summary"}, R"({"summary":"Home visit planned."})", "required"}},
        {"union.support",
         {{Role::Union},
          true,
          {"kind", "summary"},
          R"({"kind":"shelter","summary":"Two nights at the trusted address."})",
          "optional"}},
        {"school.action",
         {{Role::School},
          true,
          {"summary"},
          R"({"summary":"Class teacher informed."})",
          "optional"}},
        // Issue 20 (Law 13/2022 art. 2, 22, 25, 26).
        {"risk.screen",
         {{Role::Police, Role::Justice, Role::Union},
          true,
          {"answers", "level"},
          R"({"answers":{"threat_to_kill":"no","strangling":"no","weapon":"no","escalation":"no","recent_separation":"no","pregnancy":"no","jealousy_control":"no","threat_to_children":"no","substance_abuse":"no","prior_violation":"no","forced_sex":"no","threat_suicide":"no","survivor_fears":"no"},"level":"low"})",
          "none"}},
        {"safety.plan",
         {{Role::Police, Role::Justice, Role::Union},
          true,
          {"contact_way", "safe_place", "trusted_people"},
          R"({"contact_way":"Call the sister's phone after 18:00","safe_place":"The sister's house",
              "trusted_people":["Chị gái","Trưởng thôn"],"code_word":"mưa to"})",
          "required"}},
        {"protection.delivery",
         {{Role::Police, Role::Leader},
          true,
          {"decision_event", "party", "method", "delivered_at"},
          R"({"decision_event":42,"party":"perpetrator","method":"in_person",
              "delivered_at":"2024-05-01T10:00:00Z"})",
          "none"}},
        {"protection.court_order",
         {{Role::Police, Role::Justice},
          true,
          {"court", "issued", "starts", "ends"},
          R"({"court":"Tòa án nhân dân khu vực 1","issued":"2024-05-02","starts":"2024-05-03",
              "ends":"2024-08-31"})",
          "none"}},
        {"shelter.placement",
         {{Role::Police, Role::Union},
          true,
          {"location", "starts"},
          R"({"location":"Địa chỉ tin cậy thôn Bắc","starts":"2024-05-02"})",
          "none"}},
        {"behaviour_change.session",
         {{Role::Police, Role::Justice, Role::Union},
          true,
          {"held_on", "attended"},
          R"({"held_on":"2024-05-06","attended":true})",
          "none"}},
        {"closure.request",
         {kAgencies, true, {"reason"}, R"({"reason":"Safe for three months."})", "none"}},
        {"closure.decision",
         {{Role::Leader},
          false,
          {"request_event", "approved"},
          R"({"request_event":43,"approved":true})",
          "none"}},
        {"note",  // by anyone who sees the case: an agency needs a stage (active or completed)
         {{Role::Police, Role::Justice, Role::Union, Role::School, Role::Leader},
          true,
          {"text"},
          R"({"text":"Survivor prefers calls after 17:00."})",
          "none"}},
    };
    return table;
}

Object parse(const std::string& json) {
    Poco::JSON::Parser parser;
    return *parser.parse(json).extract<Object::Ptr>();
}

// An active case on which every type is possible: consent covers every agency, no flags.
CaseFacts openFacts() {
    CaseFacts facts;
    facts.status = CaseStatus::Active;
    facts.consentGiven = true;
    facts.consentAgencies = kAgencies;
    for (Role agency : kAgencies) facts.stages[agency] = StageTrack{StageStatus::Active, {}, {}};
    return facts;
}

std::optional<std::string> dueFor(const std::string& type) {
    if (specs().at(type).due == "required") return std::string("2024-05-08");
    return std::nullopt;
}

Role ownerOf(const std::string& type) {
    return *specs().at(type).owners.begin();
}

// The date of the entries these tests record: after the example mediation session (05-06), on or
// before the example due date (05-08).
const std::string kEntryDate = "2024-05-08";

std::string check(const CaseFacts& facts, Role role, bool active, const std::string& type,
                  const Object& details, const std::optional<std::string>& due) {
    CaseAccess access;  // an agency's stage as `active` says; the chair on a protection request
    access.ownStage = active ? StageView::Active : StageView::None;
    access.protectionRequest = role == Role::Leader;
    return outcome([&] { checkEvent(facts, role, access, type, details, due, kEntryDate); });
}

std::string checkValid(const std::string& type, const Object& details) {
    return check(openFacts(), ownerOf(type), true, type, details, dueFor(type));
}

}  // namespace

TEST_CASE("workflow: API.md — the catalogue holds the twelve event types and issue 20's eight",
          "[workflow][event]") {
    std::set<std::string> names;
    for (const EventType& type : eventCatalogue()) names.insert(type.name);
    std::set<std::string> expected;
    for (const auto& entry : specs()) expected.insert(entry.first);
    CHECK(names == expected);
    CHECK(eventCatalogue().size() == 20);
    CHECK(findEventType("police.report") != nullptr);
    CHECK(findEventType("police.arrest") == nullptr);
}

TEST_CASE("workflow: API.md — a valid example of every event type passes", "[workflow][event]") {
    for (const auto& [type, spec] : specs()) {
        INFO(type);
        CHECK(checkValid(type, parse(spec.example)) == "ok");
    }
}

TEST_CASE("workflow: API.md — each missing required detail is refused, naming the field",
          "[workflow][event]") {
    for (const auto& [type, spec] : specs()) {
        for (const std::string& field : spec.required) {
            INFO(type << " without " << field);
            Object details = parse(spec.example);
            details.remove(field);
            CHECK(checkValid(type, details) == "invalid/invalid@details." + field);
            details.set(field, Poco::Dynamic::Var());  // JSON null counts as missing
            CHECK(checkValid(type, details) == "invalid/invalid@details." + field);
        }
    }
}

TEST_CASE("workflow: API.md — invalid detail values are refused, naming the field",
          "[workflow][event]") {
    struct Bad {
        const char* type;
        const char* field;
        const char* json;
    };
    const std::vector<Bad> bad = {
        {"police.report", "channel", R"("email")"},
        {"police.report", "channel", "1"},
        {"police.report", "summary", R"("")"},
        {"police.report", "summary", R"("  \n ")"},
        {"police.report", "summary", "42"},
        {"police.intervention", "action", R"("arrest")"},
        {"protection.request", "measure", R"("eviction")"},
        {"protection.request", "requested_by", R"("neighbour")"},
        {"protection.decision", "request_event", "0"},
        {"protection.decision", "request_event", "-3"},
        {"protection.decision", "request_event", "1.5"},
        {"protection.decision", "request_event", "true"},
        {"protection.decision", "request_event", R"("abc")"},
        {"protection.decision", "request_event", R"("000")"},
        // past int64, where event ids live (found by tests/fuzz/request_body_fuzz)
        {"protection.decision", "request_event", "9223372036854775808"},
        {"protection.revoke", "decision_event", "18446744073709551615"},
        {"protection.decision", "granted", R"("yes")"},
        {"protection.decision", "granted", "1"},
        {"protection.decision", "starts", R"("2024-05-01 09:00")"},
        {"protection.decision", "ends", R"("2024-05-04")"},
        {"protection.decision", "reason", R"("")"},
        {"protection.decision", "notified", R"("survivor")"},
        {"protection.decision", "notified", R"(["mayor"])"},
        {"protection.decision", "notified", R"(["survivor","survivor"])"},
        {"protection.decision", "notified", "[1]"},
        {"protection.revoke", "decision_event", R"("")"},
        {"protection.revoke", "reason", "[]"},
        {"justice.legal_aid", "kind", R"("court_fees")"},
        {"justice.legal_aid", "eligibility", R"("poor")"},
        {"justice.counselling", "summary", "{}"},
        {"justice.mediation", "session_date", R"("10/05/2024")"},
        {"justice.mediation", "session_date", R"("2024-02-30")"},
        {"justice.mediation", "session_date", R"("2024-05-09")"},  // after the entry's date
        {"justice.mediation", "mediators", "[]"},
        {"justice.mediation", "mediators", R"("")"},
        {"justice.mediation", "mediators", R"([""])"},
        {"justice.mediation", "mediators", R"(["Bà Lan", 3])"},
        {"justice.mediation", "mediators", "7"},
        {"justice.mediation", "outcome", R"("failed")"},
        {"union.follow_up", "summary", "false"},
        {"union.support", "kind", R"("money")"},
        {"school.action", "summary", R"(" ")"},
        {"note", "text", R"("")"},
    };
    for (const Bad& b : bad) {
        INFO(b.type << " " << b.field << " = " << b.json);
        Object details = parse(specs().at(b.type).example);
        details.set(b.field, parse(std::string(R"({"v":)") + b.json + "}").get("v"));
        CHECK(checkValid(b.type, details) == std::string("invalid/invalid@details.") + b.field);
    }
}

TEST_CASE("workflow: API.md — other valid shapes of details pass", "[workflow][event]") {
    Object mediation = parse(specs().at("justice.mediation").example);
    mediation.set("mediators", "Tổ hòa giải thôn Đông");  // one name as a string
    CHECK(checkValid("justice.mediation", mediation) == "ok");
    Object decision = parse(specs().at("protection.decision").example);
    decision.set("request_event", "41");                      // an id given as a string of digits
    decision.set("notified", parse(R"({"v":[]})").get("v"));  // nobody notified yet
    CHECK(checkValid("protection.decision", decision) == "ok");
}

TEST_CASE("workflow: Law 13/2022 art. 25 — a refused contact prohibition needs no dates",
          "[workflow][event][protection]") {
    const Object refused = parse(
        R"({"request_event":41,"granted":false,"reason":"No threat found","notified":["survivor"]})");
    CHECK(checkValid("protection.decision", refused) == "ok");
    Object granted = parse(specs().at("protection.decision").example);
    granted.remove("ends");
    CHECK(checkValid("protection.decision", granted) == "invalid/invalid@details.ends");
    Object badDate = refused;
    badDate.set("starts", "tomorrow");  // when given, still a date-time
    CHECK(checkValid("protection.decision", badDate) == "invalid/invalid@details.starts");
}

TEST_CASE("workflow: API.md — summaries hold at most 5,000 characters", "[workflow][event]") {
    std::string longest;
    for (int i = 0; i < 5000; ++i) longest += "ễ";  // 3 bytes, one character
    Object details = parse(specs().at("justice.counselling").example);
    details.set("summary", longest);
    CHECK(checkValid("justice.counselling", details) == "ok");
    details.set("summary", longest + "a");
    CHECK(checkValid("justice.counselling", details) == "invalid/invalid@details.summary");
}

TEST_CASE("workflow: fields an event type does not have are refused", "[workflow][event]") {
    Object details = parse(specs().at("police.report").example);
    details.set("survivor_name", "Nguyễn Thị Hoa");
    CHECK(checkValid("police.report", details) == "invalid/invalid@details.survivor_name");
    // A key that is not a plain field name is not echoed back (it may hold personal data).
    Object odd = parse(specs().at("police.report").example);
    odd.set("Nguyễn Thị Hoa", true);
    CHECK(checkValid("police.report", odd) == "invalid/invalid@details");
}

TEST_CASE("workflow: an unknown event type is refused", "[workflow][event]") {
    CHECK(check(openFacts(), Role::Police, true, "police.arrest", Object(), std::nullopt) ==
          "invalid/invalid@type");
    CHECK(check(openFacts(), Role::Police, true, "", Object(), std::nullopt) ==
          "invalid/invalid@type");
}

TEST_CASE("workflow: API.md ownership — every role × every event type × stage",
          "[workflow][event][ownership]") {
    for (const auto& [type, spec] : specs()) {
        const Object details = parse(spec.example);
        for (Role role : allRoles()) {
            for (bool active : {true, false}) {
                INFO(roleName(role) << " (active stage: " << active << ") records " << type);
                // The chair records on a case with a protection request (the helper's access).
                const bool allowed = spec.owners.count(role) > 0 &&
                                     (!spec.needsStage || active || role == Role::Leader);
                CHECK(check(openFacts(), role, active, type, details, dueFor(type)) ==
                      (allowed ? "ok" : "forbidden/forbidden"));
            }
        }
    }
}

TEST_CASE("workflow: DESIGN §2 — no event on a closed case", "[workflow][event]") {
    CaseFacts closed = openFacts();
    closed.status = CaseStatus::Closed;
    for (const auto& [type, spec] : specs()) {
        INFO(type);
        CHECK(check(closed, ownerOf(type), true, type, parse(spec.example), dueFor(type)) ==
              "conflict/case_closed");
    }
}

TEST_CASE("workflow: DESIGN §2 — follow-ups need a due date, due dates where the type takes one",
          "[workflow][event][due]") {
    for (const auto& [type, spec] : specs()) {
        INFO(type);
        const Object details = parse(spec.example);
        const Role owner = ownerOf(type);
        const std::string without = check(openFacts(), owner, true, type, details, std::nullopt);
        const std::string with =
            check(openFacts(), owner, true, type, details, std::string("2024-05-08"));
        CHECK(without == (spec.due == "required" ? "invalid/invalid@due" : "ok"));
        CHECK(with == (spec.due == "none" ? "invalid/invalid@due" : "ok"));
        if (spec.due != "none") {
            CHECK(check(openFacts(), owner, true, type, details, std::string("8/5/2024")) ==
                  "invalid/invalid@due");
            CHECK(check(openFacts(), owner, true, type, details, std::string("2024-02-30")) ==
                  "invalid/invalid@due");
            // A due date before the entry's own date would be overdue the moment it is saved.
            CHECK(check(openFacts(), owner, true, type, details, std::string("2024-05-07")) ==
                  "invalid/invalid@due");
        }
    }
}

TEST_CASE("workflow: Law on Grassroots Mediation 2013 art. 3 — no mediation of a crime",
          "[workflow][event][mediation]") {
    const Object details = parse(specs().at("justice.mediation").example);
    CaseFacts facts = openFacts();
    facts.crime = true;
    CHECK(check(facts, Role::Justice, true, "justice.mediation", details, std::nullopt) ==
          "conflict/mediation_refused");
    // Other justice work on a crime case goes on.
    CHECK(check(facts, Role::Justice, true, "justice.legal_aid",
                parse(specs().at("justice.legal_aid").example), std::nullopt) == "ok");
    // The refusal comes before any complaint about the form.
    CHECK(check(facts, Role::Justice, true, "justice.mediation", Object(), std::nullopt) ==
          "conflict/mediation_refused");
}

TEST_CASE(
    "workflow: Law on Grassroots Mediation 2013 art. 3 — no mediation of an act subject "
    "to an administrative sanction",
    "[workflow][event][mediation]") {
    CaseFacts facts = openFacts();
    facts.administrativeSanction = true;
    CHECK(check(facts, Role::Justice, true, "justice.mediation",
                parse(specs().at("justice.mediation").example),
                std::nullopt) == "conflict/mediation_refused");
}

TEST_CASE(
    "workflow: Law on Grassroots Mediation 2013 art. 3 — no mediation without the "
    "survivor's consent covering justice",
    "[workflow][event][mediation]") {
    const Object details = parse(specs().at("justice.mediation").example);
    CaseFacts facts = openFacts();
    facts.consentAgencies = {Role::Police, Role::Union};
    CHECK(check(facts, Role::Justice, true, "justice.mediation", details, std::nullopt) ==
          "conflict/mediation_refused");
    facts.consentAgencies = kAgencies;
    facts.consentGiven = false;
    CHECK(check(facts, Role::Justice, true, "justice.mediation", details, std::nullopt) ==
          "conflict/mediation_refused");
    facts.consentGiven = true;
    CHECK(check(facts, Role::Justice, true, "justice.mediation", details, std::nullopt) == "ok");
}
