#pragma once
// The event types of a case's timeline, as data (API.md "Events"; DESIGN.md §2): for each
// type the fields of its `details` with the values they may take, and whether it takes a `due`
// date. Who may record a type, and with which involvement, is core/Policy's action table.
// EventRules.h checks an event against this table. The table is the one place to read or
// review the catalogue; nothing else lists event types. Pure; thread-safe (static data).
#include <set>
#include <string>
#include <vector>

#include "core/Role.h"

namespace binhan::core::workflow {

enum class FieldKind {
    Text,     // non-blank string, at most kMaxTextChars characters
    Choice,   // one string of `choices`
    Date,     // "YYYY-MM-DD"
    Time,     // RFC 3339 date-time ("2024-05-01T08:30:00Z")
    EventId,  // the id of another event: a positive integer (or a string of digits)
    Flag,     // true or false
    Names,    // a non-blank string, or a non-empty array of non-blank strings
    Choices,  // an array (possibly empty) of distinct strings of `choices`
    Answers,  // risk.screen: {"<question id>": "yes"|"no"|"unknown"} for every question
              // of core/workflow/RiskScreen.h
};

enum class Presence {
    Required,
    Optional,
    RequiredIfGranted,  // protection.decision: required when details.granted is true
    RequiredIf,         // required when details.<whenField> holds <whenValue> (issue 20)
    Computed,           // set by the server from the other fields; a value sent is replaced
};

// Which dates a Date field takes, against the commune's today (Vietnam time).
enum class DateBound {
    Any,
    NotFuture,  // what has happened: a mediation session is recorded once it was held
};

struct DetailField {
    std::string name;
    FieldKind kind;
    Presence presence;
    std::vector<std::string> choices;  // for Choice and Choices
    std::string choiceGroup = {};      // the labels' group of the choices, when not `name`
    DateBound bound = DateBound::Any;  // for Date
    std::string whenField = {};        // for RequiredIf: the field…
    std::string whenValue = {};        // …and its value ("true"/"false" for a Flag)
};

// Whether an event takes a `due` date ("YYYY-MM-DD").
enum class DuePolicy { NotAllowed, Optional, Required };

struct EventType {
    std::string name;                 // API name, e.g. "police.report"
    std::string label;                // what a clerk calls it, with its article: "a police report"
    std::vector<DetailField> fields;  // every field `details` may hold; no others
    DuePolicy due;
    const char* source;  // the rule it comes from
};

// The twelve types of API.md, in API.md order, then those of issue 20.
const std::vector<EventType>& eventCatalogue();
// The entry for `name`, or nullptr when there is no such type.
const EventType* findEventType(const std::string& name);

}  // namespace binhan::core::workflow
