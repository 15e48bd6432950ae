#pragma once
// A few builders for JSON Schema (2020-12, the dialect of OpenAPI 3.1), so the schemas of
// http/OpenApiSchemas.cpp read like the answers they describe:
//   object({req("id", id()), opt("due", date())})     → {"type":"object","properties":…,
//                                                        "required":["id"]}
// Every builder returns a new object (key order kept), which the caller may extend with `with`.
// Pure; thread-safe.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <functional>
#include <string>
#include <vector>

namespace binhan::http::schema {

using Schema = Poco::JSON::Object::Ptr;

// {"$ref": "#/components/schemas/<name>"}: the schema of that name
Schema named(const std::string& name);
Schema string();
// A string with something other than white space in it, of at most `maxChars` code points
// (0: no limit): what the server calls a required text.
Schema text(std::size_t maxChars = 0);
Schema integer();
Schema number();
Schema boolean();
// A positive whole number: the id of a case, user, event, referral or audit entry.
Schema id();
Schema time();  // RFC 3339 date-time, as the server writes and reads times
Schema date();  // YYYY-MM-DD
Schema constant(const Poco::Dynamic::Var& value);
Schema null();
// A string that is one of `names`.
Schema oneOf(const std::vector<std::string>& names);
// oneOf over the API spellings of every value of an enumeration: names(core::allRoles(),
// core::roleName).
template <typename T>
Schema names(const std::vector<T>& values, std::string (*name)(T)) {
    std::vector<std::string> out;
    for (const auto& value : values) out.push_back(name(value));
    return oneOf(out);
}
Schema arrayOf(const Schema& items);
// `schema` or null (JSON null counts as absent in the server's bodies).
Schema nullable(const Schema& schema);
// Any of `schemas`; all of them.
Schema anyOf(const std::vector<Schema>& schemas);
Schema allOf(const std::vector<Schema>& schemas);
// An object whose every value follows `values` (a map such as the case's stages).
Schema mapOf(const Schema& values);

struct Field {
    std::string name;
    Schema schema;
    bool required;
};
Field req(std::string name, Schema schema);
Field opt(std::string name, Schema schema);
// An object with these properties; others are allowed (answers may grow).
Schema object(const std::vector<Field>& fields);
// The same with no other properties: a request body, whose unknown keys the server refuses.
Schema closed(const std::vector<Field>& fields);

// A page of a list (API.md "Lists"): {"items": [item…], "next_cursor": "…" | null}.
Schema page(const std::string& item);

// A JSON array of `values` (for "required", "enum").
Poco::JSON::Array::Ptr strings(const std::vector<std::string>& values);

// Adds `keyword: value` to `schema` and returns it.
Schema with(Schema schema, const std::string& keyword, const Poco::Dynamic::Var& value);
Schema described(Schema schema, const std::string& description);

}  // namespace binhan::http::schema
