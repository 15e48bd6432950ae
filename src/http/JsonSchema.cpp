#include "http/JsonSchema.h"

#include <Poco/JSON/Array.h>

namespace binhan::http::schema {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Schema typed(const std::string& type) {
    Schema out = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("type", type);
    return out;
}

Schema combined(const std::string& keyword, const std::vector<Schema>& schemas) {
    Array::Ptr list = new Array;
    for (const auto& s : schemas) list->add(s);
    Schema out = new Object;
    out->set(keyword, list);
    return out;
}

Schema objectOf(const std::vector<Field>& fields, bool closedToOthers) {
    Schema out = typed("object");
    Schema properties = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    std::vector<std::string> required;
    for (const auto& field : fields) {
        properties->set(field.name, field.schema);
        if (field.required) required.push_back(field.name);
    }
    if (!fields.empty()) out->set("properties", properties);
    if (!required.empty()) out->set("required", strings(required));
    if (closedToOthers) out->set("additionalProperties", false);
    return out;
}

}  // namespace

Schema named(const std::string& name) {
    Schema out = new Object;
    out->set("$ref", "#/components/schemas/" + name);
    return out;
}

Schema string() {
    return typed("string");
}

Schema text(std::size_t maxChars) {
    Schema out = with(typed("string"), "pattern", "\\S");
    if (maxChars > 0) out->set("maxLength", maxChars);
    return out;
}

Schema integer() {
    return typed("integer");
}

Schema number() {
    return typed("number");
}

Schema boolean() {
    return typed("boolean");
}

Schema id() {
    return with(with(typed("integer"), "format", "int64"), "minimum", 1);
}

Schema time() {
    return with(typed("string"), "format", "date-time");
}

Schema date() {
    return with(typed("string"), "format", "date");
}

Schema constant(const Poco::Dynamic::Var& value) {
    Schema out = new Object;
    out->set("const", value);
    return out;
}

Schema null() {
    return typed("null");
}

Schema oneOf(const std::vector<std::string>& names) {
    return with(typed("string"), "enum", strings(names));
}

Schema arrayOf(const Schema& items) {
    return with(typed("array"), "items", items);
}

Schema nullable(const Schema& schema) {
    // A plain type becomes ["type", "null"]; anything else (a $ref, an enumeration) an anyOf.
    if (schema->has("type") && !schema->has("enum") && schema->get("type").isString()) {
        Schema out = new Object(*schema);
        Array::Ptr types = new Array;
        types->add(schema->getValue<std::string>("type"));
        types->add("null");
        out->set("type", types);
        return out;
    }
    return anyOf({schema, null()});
}

Schema anyOf(const std::vector<Schema>& schemas) {
    return combined("anyOf", schemas);
}

Schema allOf(const std::vector<Schema>& schemas) {
    return combined("allOf", schemas);
}

Schema mapOf(const Schema& values) {
    return with(typed("object"), "additionalProperties", values);
}

Field req(std::string name, Schema schema) {
    return {std::move(name), std::move(schema), true};
}

Field opt(std::string name, Schema schema) {
    return {std::move(name), std::move(schema), false};
}

Schema object(const std::vector<Field>& fields) {
    return objectOf(fields, false);
}

Schema closed(const std::vector<Field>& fields) {
    return objectOf(fields, true);
}

Schema page(const std::string& item) {
    return object({req("items", arrayOf(named(item))),
                   req("next_cursor", described(nullable(string()),
                                                "Pass as ?cursor= for the next page; null on "
                                                "the last page."))});
}

Array::Ptr strings(const std::vector<std::string>& values) {
    Array::Ptr out = new Array;
    for (const auto& value : values) out->add(value);
    return out;
}

Schema with(Schema schema, const std::string& keyword, const Poco::Dynamic::Var& value) {
    schema->set(keyword, value);
    return schema;
}

Schema described(Schema schema, const std::string& description) {
    return with(std::move(schema), "description", description);
}

}  // namespace binhan::http::schema
