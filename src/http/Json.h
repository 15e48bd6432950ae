#pragma once
// Reading request bodies and writing answers as JSON. Errors name the field (API.md: 400 with
// "field"). Objects keep insertion order so answers read in the order API.md lists fields.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "http/Request.h"

namespace binhan::http {

Poco::JSON::Object::Ptr newObject();
// The body as a JSON object; Invalid when it is not one. An empty body is an empty object.
Poco::JSON::Object::Ptr parseBody(const Request& request);
// Invalid naming the first key of `body` not in `allowed` (typos must not be silently dropped).
void rejectUnknownKeys(const Poco::JSON::Object& body, const std::set<std::string>& allowed,
                       const std::string& prefix = "");
std::string requireString(const Poco::JSON::Object& body, const std::string& key);
std::optional<std::string> optionalString(const Poco::JSON::Object& body, const std::string& key);
std::optional<bool> optionalBool(const Poco::JSON::Object& body, const std::string& key);
// A whole number that fits an int64 (an id); absent or null → nullopt. Invalid naming `key` for
// anything else, a number beyond the int64 range included (Poco would throw RangeException: a 500).
std::optional<std::int64_t> optionalInt64(const Poco::JSON::Object& body, const std::string& key);

// ?limit= (default 50, 1–500) and ?cursor= (an id, opaque to clients).
struct Page {
    int limit = 50;
    std::int64_t after = 0;
};
Page pageOf(const Request& request);
// {"items": items, "next_cursor": "…" | null}
Poco::JSON::Object::Ptr pageAnswer(const Poco::JSON::Array::Ptr& items,
                                   std::optional<std::int64_t> nextAfter);

}  // namespace binhan::http
