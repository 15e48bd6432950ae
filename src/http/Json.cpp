#include "http/Json.h"

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>

#include "core/Error.h"

namespace binhan::http {

Poco::JSON::Object::Ptr newObject() {
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Poco::JSON::Object::Ptr parseBody(const Request& request) {
    if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return newObject();
    // A JSON body says so (issue 17): a form or text/plain post is refused, never guessed at.
    std::string type = request.header("content-type").value_or("");
    type = type.substr(0, type.find(';'));
    for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    if (type != "application/json")
        throw core::UnsupportedMediaType("Send the body as JSON (Content-Type: application/json).");
    try {
        Poco::JSON::Parser parser;
        auto value = parser.parse(request.body);
        if (value.type() == typeid(Poco::JSON::Object::Ptr))
            return value.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
    }
    throw core::Invalid("", "The request body must be a JSON object.");
}

void rejectUnknownKeys(const Poco::JSON::Object& body, const std::set<std::string>& allowed,
                       const std::string& prefix) {
    for (const auto& [key, value] : body)
        if (!allowed.count(key))
            throw core::Invalid(prefix + key, "Unknown field '" + prefix + key + "'.");
}

std::optional<std::string> optionalString(const Poco::JSON::Object& body, const std::string& key) {
    if (!body.has(key) || body.isNull(key)) return std::nullopt;
    const auto value = body.get(key);
    if (!value.isString()) throw core::Invalid(key, "'" + key + "' must be a string.");
    return value.extract<std::string>();
}

std::string requireString(const Poco::JSON::Object& body, const std::string& key) {
    auto value = optionalString(body, key);
    if (!value || value->empty()) throw core::Invalid(key, "'" + key + "' is required.");
    return *value;
}

std::optional<bool> optionalBool(const Poco::JSON::Object& body, const std::string& key) {
    if (!body.has(key) || body.isNull(key)) return std::nullopt;
    const auto value = body.get(key);
    if (value.type() != typeid(bool))
        throw core::Invalid(key, "'" + key + "' must be true or false.");
    return value.extract<bool>();
}

std::optional<std::int64_t> optionalInt64(const Poco::JSON::Object& body, const std::string& key) {
    if (!body.has(key) || body.isNull(key)) return std::nullopt;
    const auto value = body.get(key);
    if (value.isInteger() && !value.isBoolean()) {
        try {
            return value.convert<std::int64_t>();
        } catch (const Poco::Exception&) {  // an unsigned value past INT64_MAX
        }
    }
    throw core::Invalid(key, "'" + key + "' must be a whole number.");
}

Page pageOf(const Request& request) {
    Page page;
    const auto number = [](const std::string& text, const std::string& field, long long lo,
                           long long hi) {
        try {
            std::size_t used = 0;
            const long long v = std::stoll(text, &used);
            if (used == text.size() && v >= lo && v <= hi) return v;
        } catch (const std::exception&) {
        }
        throw core::Invalid(field, "'" + field + "' is out of range.");
    };
    if (request.query.count("limit"))
        page.limit = static_cast<int>(number(request.query.at("limit"), "limit", 1, 500));
    if (request.query.count("cursor") && !request.query.at("cursor").empty())
        page.after = number(request.query.at("cursor"), "cursor", 0, INT64_MAX);
    return page;
}

Poco::JSON::Object::Ptr pageAnswer(const Poco::JSON::Array::Ptr& items,
                                   std::optional<std::int64_t> nextAfter) {
    auto answer = newObject();
    answer->set("items", items);
    if (nextAfter)
        answer->set("next_cursor", std::to_string(*nextAfter));
    else
        answer->set("next_cursor", Poco::Dynamic::Var());
    return answer;
}

}  // namespace binhan::http
