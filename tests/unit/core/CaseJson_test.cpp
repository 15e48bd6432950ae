#include "core/CaseJson.h"

#include <algorithm>
#include <set>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>

#include "core/CaseValidation.h"

using namespace binhan::core;
using Poco::JSON::Object;

namespace {

const std::string kToday = "2024-06-15";

const char* const kBody = R"({
  "survivor": {"full_name": "Phạm Thị Lan", "sex": "female", "birth_year": 2009,
               "village": "Thôn Tây", "phone": "0912345678", "id_number": "",
               "disability": true},
  "perpetrators": [{"full_name": "Đỗ Văn Hùng", "sex": "male", "birth_year": 1980,
                    "relationship": "parent", "phone": "0900000002", "id_number": "001080000002"},
                   {"full_name": "Đỗ Văn Tú", "sex": "male", "relationship": "sibling"}],
  "incident": {"date": "2024-05-01", "village": "Thôn Tây", "place": "home",
               "types": ["physical", "neglect"], "description": "Mô tả.", "injuries": ""},
  "risk": "critical",
  "consent": {"given": true, "given_by": "guardian", "agencies": ["union", "police"],
              "statistics": true},
  "flags": {"crime": true},
  "safety_plan": "Tạm lánh tại nhà bà ngoại."
})";

CaseInput sample() {
    return parseCaseInput(*Poco::JSON::Parser().parse(kBody).extract<Object::Ptr>(), kToday);
}

std::string stringify(const Object::Ptr& object) {
    std::ostringstream out;
    object->stringify(out);
    return out.str();
}

FieldFilter only(std::set<std::string> allowed) {
    return [allowed](const std::string& path) { return allowed.count(path) > 0; };
}

FieldFilter allBut(std::set<std::string> denied) {
    return [denied](const std::string& path) { return denied.count(path) == 0; };
}

std::vector<std::string> names(const Object::Ptr& object) {
    std::vector<std::string> out;
    object->getNames(out);
    return out;
}

}  // namespace

TEST_CASE("the full view has API.md's shape, names and key order", "[core][case][json]") {
    const Object::Ptr json = caseInputToJson(sample(), allCaseFields());
    CHECK(names(json) == std::vector<std::string>{"survivor", "perpetrators", "incident", "risk",
                                                  "consent", "flags", "safety_plan", "intake"});
    const Object::Ptr survivor = json->getObject("survivor");
    CHECK(names(survivor) == std::vector<std::string>{"full_name", "sex", "birth_year", "village",
                                                      "phone", "id_number", "disability", "child"});
    CHECK(survivor->getValue<std::string>("full_name") == "Phạm Thị Lan");
    CHECK(survivor->getValue<int>("birth_year") == 2009);
    CHECK(survivor->getValue<bool>("disability"));
    CHECK(survivor->getValue<bool>("child"));  // 15 in 2024

    const auto perpetrators = json->getArray("perpetrators");
    REQUIRE(perpetrators->size() == 2);
    CHECK(perpetrators->getObject(0)->getValue<std::string>("relationship") == "parent");
    CHECK(perpetrators->getObject(0)->getValue<std::string>("id_number") == "001080000002");
    CHECK(perpetrators->getObject(1)->isNull("birth_year"));  // unknown: null, but present
    CHECK(perpetrators->getObject(1)->has("phone"));
    CHECK(perpetrators->getObject(1)->isNull("phone"));

    CHECK(json->getValue<std::string>("risk") == "critical");
    CHECK(
        stringify(json->getObject("consent")) ==
        R"({"given":true,"given_by":"guardian","agencies":["police","union"],"statistics":true})");
    CHECK(stringify(json->getObject("flags")) ==
          R"({"crime":true,"administrative_sanction":false})");
    CHECK(json->getValue<std::string>("safety_plan") == "Tạm lánh tại nhà bà ngoại.");
}

TEST_CASE("incident fields keep their names and the types their order", "[core][case][json]") {
    const Object::Ptr incident = caseInputToJson(sample(), allCaseFields())->getObject("incident");
    CHECK(names(incident) ==
          std::vector<std::string>{"date", "village", "place", "types", "description", "injuries"});
    CHECK(stringify(incident) ==
          R"({"date":"2024-05-01","village":"Thôn Tây","place":"home",)"
          R"("types":["physical","neglect"],"description":"Mô tả.","injuries":""})");
}

TEST_CASE("the full view parses back to the same case", "[core][case][json]") {
    const CaseInput original = sample();
    const Object::Ptr json = caseInputToJson(original, allCaseFields());
    json->getObject("survivor")->remove("child");
    const CaseInput again = parseCaseInput(*json, kToday);
    CHECK(stringify(caseInputToJson(again, allCaseFields())) ==
          stringify(caseInputToJson(original, allCaseFields())));
}

TEST_CASE("the filter is asked exactly the documented paths", "[core][case][json]") {
    std::vector<std::string> asked;
    caseInputToJson(sample(), [&asked](const std::string& path) {
        if (std::find(asked.begin(), asked.end(), path) == asked.end()) asked.push_back(path);
        return true;
    });
    CHECK(asked == caseFieldPaths());
    CHECK(caseFieldPaths().size() == 25);
}

TEST_CASE("denied fields are left out, the rest stays", "[core][case][json]") {
    // As for `school`: no perpetrator ID number or phone.
    const Object::Ptr json =
        caseInputToJson(sample(), allBut({"perpetrators.id_number", "perpetrators.phone"}));
    const auto perpetrators = json->getArray("perpetrators");
    REQUIRE(perpetrators->size() == 2);
    for (std::size_t i = 0; i < perpetrators->size(); ++i) {
        const Object::Ptr p = perpetrators->getObject(i);
        CHECK_FALSE(p->has("id_number"));
        CHECK_FALSE(p->has("phone"));
        CHECK(p->has("full_name"));
        CHECK(p->has("relationship"));
    }
    CHECK(json->getObject("survivor")->has("phone"));
    CHECK(stringify(json).find("001080000002") == std::string::npos);
    CHECK(stringify(json).find("0900000002") == std::string::npos);
}

TEST_CASE("a narrow view holds only what it allows", "[core][case][json]") {
    // As for `leader` on a protection request: the incident, risk, flags; not who.
    std::set<std::string> allowed = {"survivor.village", "survivor.child", "risk", "flags"};
    for (const auto& path : caseFieldPaths())
        if (path.rfind("incident.", 0) == 0) allowed.insert(path);
    const Object::Ptr json = caseInputToJson(sample(), only(allowed));
    CHECK(names(json) == std::vector<std::string>{"survivor", "incident", "risk", "flags"});
    CHECK(names(json->getObject("survivor")) == std::vector<std::string>{"village", "child"});
    const std::string text = stringify(json);
    CHECK(text.find("Phạm Thị Lan") == std::string::npos);
    CHECK(text.find("Đỗ Văn Hùng") == std::string::npos);
    CHECK(text.find("0912345678") == std::string::npos);
    CHECK(text.find("Tạm lánh") == std::string::npos);
}

TEST_CASE("perpetrators appear as an array whenever one of their fields is allowed",
          "[core][case][json]") {
    CaseInput input = sample();
    input.perpetrators.clear();
    const Object::Ptr json = caseInputToJson(input, only({"perpetrators.relationship"}));
    REQUIRE(json->isArray("perpetrators"));
    CHECK(json->getArray("perpetrators")->size() == 0);
    CHECK(names(json) == std::vector<std::string>{"perpetrators"});
}

TEST_CASE("nothing allowed gives an empty object", "[core][case][json]") {
    const Object::Ptr json = caseInputToJson(sample(), [](const std::string&) { return false; });
    CHECK(json->size() == 0);
    CHECK(stringify(json) == "{}");
}

TEST_CASE("unknown values are null, not left out", "[core][case][json]") {
    CaseInput input = sample();
    input.survivor.birthYear.reset();
    input.safetyPlan.reset();
    const Object::Ptr json = caseInputToJson(input, allCaseFields());
    CHECK(json->getObject("survivor")->has("birth_year"));
    CHECK(json->getObject("survivor")->isNull("birth_year"));
    CHECK_FALSE(json->getObject("survivor")->getValue<bool>("child"));  // unknown age: adult
    CHECK(json->has("safety_plan"));
    CHECK(json->isNull("safety_plan"));
}
