#include "core/InputRules.h"

#include <regex>
#include <string>

#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>

#include "core/CaseValidation.h"
#include "core/Error.h"
#include "fixtures/people.h"

using namespace binhan::core;

namespace {

const InputRule& ruleOf(const std::string& path) {
    for (const auto& rule : caseInputRules())
        if (rule.path == path) return rule;
    FAIL("no rule for " << path);
    throw std::logic_error("unreachable");
}

// What the browser concludes from the served rule (the same checks intake.js makes).
bool browserAccepts(const InputRule& rule, const std::string& value) {
    if (rule.maxChars > 0 && value.size() > rule.maxChars) return false;  // ASCII samples only
    if (!rule.pattern.empty() && !std::regex_match(value, std::regex(rule.pattern))) return false;
    return !rule.needsDigit || value.find_first_of("0123456789") != std::string::npos;
}

// What the server concludes: the fixture case with the survivor's `key` set to `value`.
bool serverAccepts(const std::string& key, const std::string& value) {
    auto body = Poco::JSON::Parser()
                    .parse(binhan::fixtures::adultCaseJson())
                    .extract<Poco::JSON::Object::Ptr>();
    body->getObject("survivor")->set(key, value);
    try {
        parseCaseInput(*body, "2024-06-15");
        return true;
    } catch (const Error& e) {
        CHECK(e.field() == "survivor." + key);
        return false;
    }
}

}  // namespace

TEST_CASE("input rules: the patterns the catalogue serves agree with the server's checks",
          "[core][field_rules][issue19]") {
    const struct {
        const char* key;
        const char* value;
    } samples[] = {
        {"phone", "0912 345 678"},
        {"phone", "+84 912.345-678"},
        {"phone", "0912/345"},
        {"phone", "09a2345678"},
        {"phone", "+ - ."},
        {"phone", "012345678901234567890"},
        {"id_number", "034190001234"},
        {"id_number", "AB12cd"},
        {"id_number", "0341 9000"},
        {"id_number", "0341-9000"},
        {"id_number", "123456789012345678901"},
    };
    for (const auto& sample : samples) {
        INFO(sample.key << " = " << sample.value);
        CHECK(browserAccepts(ruleOf(std::string("survivor.") + sample.key), sample.value) ==
              serverAccepts(sample.key, sample.value));
    }
}

TEST_CASE("input rules: every rule names its field in both languages",
          "[core][field_rules][issue19]") {
    for (const auto& rule : caseInputRules()) {
        INFO(rule.path);
        CHECK_FALSE(rule.vi.empty());
        CHECK_FALSE(rule.en.empty());
        CHECK(rule.vi != rule.en);
    }
    CHECK(ruleOf("perpetrators[].phone").pattern == ruleOf("survivor.phone").pattern);
    CHECK(characterClassPattern("a-]") == "^[a\\-\\]]*$");
}
