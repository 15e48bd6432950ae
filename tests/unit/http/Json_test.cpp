#include "http/Json.h"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

#include "core/Error.h"

using namespace binhan;

namespace {

Poco::JSON::Object::Ptr parse(const std::string& json) {
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

// The field of the Invalid that optionalInt64 throws, or the value read ("-" when absent).
std::string readId(const std::string& json) {
    try {
        const auto id = http::optionalInt64(*parse(json), "user_id");
        return id ? std::to_string(*id) : "-";
    } catch (const core::Error& e) {
        return "invalid@" + e.field();
    }
}

}  // namespace

// Found by tests/fuzz/request_body_fuzz (corpus/request_body/crash-recusal-user-id-past-int64):
// a user_id past INT64_MAX made Poco throw RangeException, answered as a 500.
TEST_CASE("an id in a body is a whole number within int64, else a 400 naming it", "[http][json]") {
    CHECK(readId(R"({"user_id": 12})") == "12");
    CHECK(readId(R"({"user_id": 9223372036854775807})") == "9223372036854775807");
    CHECK(readId(R"({})") == "-");
    CHECK(readId(R"({"user_id": null})") == "-");
    CHECK(readId(R"({"user_id": 9223372036854775808})") == "invalid@user_id");
    CHECK(readId(R"({"user_id": 18446744073709551615})") == "invalid@user_id");
    CHECK(readId(R"({"user_id": "12"})") == "invalid@user_id");
    CHECK(readId(R"({"user_id": 1.5})") == "invalid@user_id");
    CHECK(readId(R"({"user_id": true})") == "invalid@user_id");
}
