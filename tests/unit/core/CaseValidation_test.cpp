#include "core/CaseValidation.h"

#include <stdexcept>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>

#include "core/Error.h"

using namespace binhan::core;
using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const std::string kToday = "2024-06-15";

// The example body of API.md "Cases" (made-up people).
const char* const kExample = R"({
  "survivor":    {"full_name": "Nguyễn Thị Hoa", "sex": "female", "birth_year": 1990,
                  "village": "Thôn Đông", "phone": "0912345678", "id_number": "034190001234",
                  "disability": false},
  "perpetrators": [{"full_name": "Trần Văn Nam", "sex": "male", "birth_year": 1985,
                    "relationship": "spouse"}],
  "incident":    {"date": "2024-05-01", "village": "Thôn Đông", "place": "home",
                  "types": ["physical", "psychological"], "description": "Bị đánh tại nhà.",
                  "injuries": "Bầm tím cánh tay."},
  "risk": "high",
  "consent":     {"given": true, "given_by": "survivor", "agencies": ["police", "justice", "union"]},
  "flags":       {"crime": false, "administrative_sanction": false}
})";

Object::Ptr parseJson(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Object::Ptr>();
}

Object::Ptr example() {
    return parseJson(kExample);
}
Object::Ptr part(const Object::Ptr& body, const std::string& key) {
    return body->getObject(key);
}
Object::Ptr firstPerpetrator(const Object::Ptr& body) {
    return body->getArray("perpetrators")->getObject(0);
}

// The field named by the Invalid error parseCaseInput throws, or "<accepted>".
std::string failingField(const Object::Ptr& body, const std::string& today = kToday) {
    try {
        parseCaseInput(*body, today);
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::Invalid);
        return e.field();
    }
    return "<accepted>";
}

std::string failingPatch(CaseInput& input, const std::string& patch) {
    try {
        applyCasePatch(input, *parseJson(patch), kToday);
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::Invalid);
        return e.field();
    }
    return "<accepted>";
}

std::string repeat(const std::string& unit, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += unit;
    return out;
}

Array::Ptr array(const std::vector<std::string>& items) {
    Array::Ptr out = new Array;
    for (const auto& item : items) out->add(item);
    return out;
}

}  // namespace

TEST_CASE("the API.md example body parses into the case model", "[core][case][validation]") {
    const CaseInput c = parseCaseInput(*example(), kToday);
    CHECK(c.survivor.fullName == "Nguyễn Thị Hoa");
    CHECK(c.survivor.sex == Sex::Female);
    CHECK(c.survivor.birthYear == 1990);
    CHECK(c.survivor.village == "Thôn Đông");
    CHECK(c.survivor.phone == "0912345678");
    CHECK(c.survivor.idNumber == "034190001234");
    CHECK_FALSE(c.survivor.disability);
    REQUIRE(c.perpetrators.size() == 1);
    CHECK(c.perpetrators[0].fullName == "Trần Văn Nam");
    CHECK(c.perpetrators[0].relationship == Relationship::Spouse);
    CHECK_FALSE(c.perpetrators[0].phone);
    CHECK(c.incident.date == "2024-05-01");
    CHECK(c.incident.place == Place::Home);
    CHECK(c.incident.types ==
          std::vector<ViolenceType>{ViolenceType::Physical, ViolenceType::Psychological});
    CHECK(c.risk == Risk::High);
    CHECK(c.consent.given);
    CHECK(c.consent.givenBy == "survivor");
    CHECK(c.consent.agencies == std::set<Role>{Role::Police, Role::Justice, Role::Union});
    CHECK_FALSE(c.consent.statistics);
    CHECK_FALSE(c.flags.crime);
    CHECK_FALSE(c.safetyPlan);
    CHECK_FALSE(isChildCase(c));
}

TEST_CASE("optional parts may be absent or null", "[core][case][validation]") {
    auto body = example();
    body->remove("perpetrators");
    body->remove("flags");
    part(body, "survivor")->remove("phone");
    part(body, "survivor")->remove("id_number");
    part(body, "survivor")->remove("disability");
    part(body, "survivor")->set("birth_year", Var());
    part(body, "incident")->remove("injuries");
    body->set("safety_plan", Var());
    const CaseInput c = parseCaseInput(*body, kToday);
    CHECK(c.perpetrators.empty());
    CHECK(c.survivor.phone.empty());
    CHECK(c.survivor.idNumber.empty());
    CHECK_FALSE(c.survivor.birthYear);
    CHECK(c.incident.injuries.empty());
    CHECK_FALSE(c.safetyPlan);
}

TEST_CASE("a missing required field is named", "[core][case][validation]") {
    auto drop = [](const std::string& section, const std::string& key) {
        auto body = example();
        if (section.empty())
            body->remove(key);
        else
            part(body, section)->remove(key);
        return failingField(body);
    };
    CHECK(drop("", "survivor") == "survivor");
    CHECK(drop("", "incident") == "incident");
    CHECK(drop("", "risk") == "risk");
    CHECK(drop("", "consent") == "consent");
    CHECK(drop("survivor", "full_name") == "survivor.full_name");
    CHECK(drop("survivor", "sex") == "survivor.sex");
    CHECK(drop("survivor", "village") == "survivor.village");
    CHECK(drop("incident", "date") == "incident.date");
    CHECK(drop("incident", "place") == "incident.place");
    CHECK(drop("incident", "types") == "incident.types");
    CHECK(drop("incident", "description") == "incident.description");
    CHECK(drop("consent", "given") == "consent.given");
    CHECK(drop("consent", "given_by") == "consent.given_by");
    auto body = example();
    firstPerpetrator(body)->remove("relationship");
    CHECK(failingField(body) == "perpetrators[0].relationship");
}

TEST_CASE("a field of the wrong JSON type is named", "[core][case][validation]") {
    auto set = [](const std::string& section, const std::string& key, const Var& value) {
        auto body = example();
        if (section.empty())
            body->set(key, value);
        else
            part(body, section)->set(key, value);
        return failingField(body);
    };
    CHECK(set("", "survivor", "Nguyễn Thị Hoa") == "survivor");
    CHECK(set("", "perpetrators", "Trần Văn Nam") == "perpetrators");
    CHECK(set("", "risk", 3) == "risk");
    CHECK(set("", "flags", true) == "flags");
    CHECK(set("", "safety_plan", 7) == "safety_plan");
    CHECK(set("survivor", "full_name", 42) == "survivor.full_name");
    CHECK(set("survivor", "birth_year", "1990") == "survivor.birth_year");
    CHECK(set("survivor", "birth_year", true) == "survivor.birth_year");
    CHECK(set("survivor", "birth_year", 1990.5) == "survivor.birth_year");
    CHECK(set("survivor", "disability", "no") == "survivor.disability");
    CHECK(set("incident", "types", "physical") == "incident.types");
    CHECK(set("incident", "date", 20240501) == "incident.date");
    CHECK(set("consent", "given", "yes") == "consent.given");
    CHECK(set("consent", "agencies", "police") == "consent.agencies");
    CHECK(set("flags", "crime", 0) == "flags.crime");
    auto body = example();
    body->getArray("perpetrators")->set(0, "Trần Văn Nam");
    CHECK(failingField(body) == "perpetrators[0]");
}

TEST_CASE("a value outside its enumeration is named", "[core][case][validation]") {
    auto body = example();
    part(body, "survivor")->set("sex", "F");
    CHECK(failingField(body) == "survivor.sex");

    body = example();
    firstPerpetrator(body)->set("relationship", "husband");
    CHECK(failingField(body) == "perpetrators[0].relationship");

    body = example();
    part(body, "incident")->set("place", "house");
    CHECK(failingField(body) == "incident.place");

    body = example();
    body->set("risk", "severe");
    CHECK(failingField(body) == "risk");

    body = example();
    part(body, "incident")->set("types", array({"physical", "beating"}));
    CHECK(failingField(body) == "incident.types[1]");

    body = example();
    part(body, "consent")->set("agencies", array({"police", "leader"}));
    CHECK(failingField(body) == "consent.agencies[1]");

    body = example();
    part(body, "consent")->set("given_by", "mother");
    CHECK(failingField(body) == "consent.given_by");
}

TEST_CASE("over-long text is refused, counting characters not bytes", "[core][case][validation]") {
    auto text = [](const std::string& section, const std::string& key, const std::string& value) {
        auto body = example();
        if (section.empty())
            body->set(key, value);
        else
            part(body, section)->set(key, value);
        return failingField(body);
    };
    CHECK(text("survivor", "full_name", repeat("ễ", 200)) == "<accepted>");
    CHECK(text("survivor", "full_name", repeat("ễ", 201)) == "survivor.full_name");
    CHECK(text("survivor", "village", repeat("Đ", 100)) == "<accepted>");
    CHECK(text("survivor", "village", repeat("Đ", 101)) == "survivor.village");
    CHECK(text("incident", "village", repeat("a", 101)) == "incident.village");
    CHECK(text("survivor", "phone", repeat("1", 20)) == "<accepted>");
    CHECK(text("survivor", "phone", repeat("1", 21)) == "survivor.phone");
    CHECK(text("survivor", "id_number", repeat("9", 21)) == "survivor.id_number");
    CHECK(text("incident", "description", repeat("ạ", 20000)) == "<accepted>");
    CHECK(text("incident", "description", repeat("ạ", 20001)) == "incident.description");
    CHECK(text("incident", "injuries", repeat("x", 5001)) == "incident.injuries");
    CHECK(text("", "safety_plan", repeat("x", 5000)) == "<accepted>");
    CHECK(text("", "safety_plan", repeat("x", 5001)) == "safety_plan");

    auto body = example();
    firstPerpetrator(body)->set("full_name", repeat("n", 201));
    CHECK(failingField(body) == "perpetrators[0].full_name");
}

TEST_CASE("text is trimmed, valid UTF-8 and single-line where it should be",
          "[core][case][validation]") {
    auto body = example();
    part(body, "survivor")->set("full_name", "  Nguyễn Thị Hoa \t");
    part(body, "incident")->set("description", "Dòng một.\nDòng hai.");
    const CaseInput c = parseCaseInput(*body, kToday);
    CHECK(c.survivor.fullName == "Nguyễn Thị Hoa");
    CHECK(c.incident.description == "Dòng một.\nDòng hai.");

    body = example();
    part(body, "survivor")->set("full_name", "   ");
    CHECK(failingField(body) == "survivor.full_name");

    body = example();
    part(body, "survivor")->set("full_name", "Nguy\xC3\x28n");  // broken 2-byte sequence
    CHECK(failingField(body) == "survivor.full_name");

    body = example();
    part(body, "incident")->set("description", "\xC0\xAF");  // overlong encoding of '/'
    CHECK(failingField(body) == "incident.description");

    body = example();
    part(body, "survivor")->set("village", "Thôn\nĐông");
    CHECK(failingField(body) == "survivor.village");
}

TEST_CASE("phone numbers and ID numbers hold only their characters", "[core][case][validation]") {
    auto phone = [](const std::string& value) {
        auto body = example();
        part(body, "survivor")->set("phone", value);
        return failingField(body);
    };
    CHECK(phone("0912345678") == "<accepted>");
    CHECK(phone("+84 912.345-678") == "<accepted>");
    CHECK(phone("0912abc678") == "survivor.phone");
    CHECK(phone("0912/345678") == "survivor.phone");
    CHECK(phone("+ - .") == "survivor.phone");

    auto body = example();
    firstPerpetrator(body)->set("phone", "gọi cho tôi");
    CHECK(failingField(body) == "perpetrators[0].phone");

    body = example();
    part(body, "survivor")->set("id_number", "034-190-001");
    CHECK(failingField(body) == "survivor.id_number");

    body = example();
    firstPerpetrator(body)->set("id_number", "B1234567");
    CHECK(failingField(body) == "<accepted>");
}

TEST_CASE("error messages name the rule, never the value", "[core][case][validation]") {
    auto body = example();
    part(body, "survivor")->set("phone", "0912abc678");
    try {
        parseCaseInput(*body, kToday);
        FAIL("accepted a bad phone");
    } catch (const Error& e) {
        CHECK(e.field() == "survivor.phone");
        CHECK(std::string(e.what()).find("0912abc678") == std::string::npos);
        CHECK(std::string(e.what()).find("survivor.phone") != std::string::npos);
    }
}

TEST_CASE("the incident date is a real date, not in the future", "[core][case][validation]") {
    auto date = [](const std::string& value, const std::string& today = kToday) {
        auto body = example();
        part(body, "incident")->set("date", value);
        return failingField(body, today);
    };
    CHECK(date("2024-02-29") == "<accepted>");
    CHECK(date("2023-02-29") == "incident.date");
    CHECK(date("2024-04-31") == "incident.date");
    CHECK(date("01/05/2024") == "incident.date");
    CHECK(date("2024-5-1") == "incident.date");
    CHECK(date("2024-05-01T08:30:00Z") == "incident.date");
    CHECK(date("1899-12-31") == "incident.date");
    CHECK(date(kToday) == "<accepted>");
    CHECK(date("2024-06-16") == "incident.date");  // tomorrow
    CHECK(date("2025-01-01") == "incident.date");
    // `today` comes from the server's clock: a malformed one is a programming error.
    CHECK_THROWS_AS(parseCaseInput(*example(), "15/06/2024"), std::invalid_argument);
}

TEST_CASE("birth years lie between 1900 and the incident year", "[core][case][validation]") {
    auto born = [](const Var& year, const std::string& incident = "2024-05-01",
                   const std::string& today = kToday) {
        auto body = example();
        part(body, "survivor")->set("birth_year", year);
        part(body, "incident")->set("date", incident);
        part(body, "consent")->set("given_by", "guardian");
        return failingField(body, today);
    };
    CHECK(born(1900) == "<accepted>");
    CHECK(born(1899) == "survivor.birth_year");
    CHECK(born(2024) == "<accepted>");
    CHECK(born(2025) == "survivor.birth_year");  // after this year
    // A valid year this year, but after the incident's year.
    CHECK(born(2025, "2024-12-30", "2025-03-01") == "survivor.birth_year");
    CHECK(born(Var(Poco::UInt64(18446744073709551615ull))) == "survivor.birth_year");

    auto body = example();
    part(body, "incident")->set("date", "2023-12-30");
    firstPerpetrator(body)->set("birth_year", 2024);
    CHECK(failingField(body) == "perpetrators[0].birth_year");
}

TEST_CASE("violence types: at least one, none repeated", "[core][case][validation]") {
    auto types = [](const std::vector<std::string>& list) {
        auto body = example();
        part(body, "incident")->set("types", array(list));
        return failingField(body);
    };
    CHECK(types({}) == "incident.types");
    CHECK(types({"physical", "sexual", "physical"}) == "incident.types[2]");
    CHECK(types({"forced_marriage", "trafficking", "neglect", "economic"}) == "<accepted>");
}

TEST_CASE("perpetrators: at most ten, each an object", "[core][case][validation]") {
    auto body = example();
    Array::Ptr list = new Array;
    for (int i = 0; i < 10; ++i) list->add(firstPerpetrator(example()));
    body->set("perpetrators", list);
    CHECK(failingField(body) == "<accepted>");
    list->add(firstPerpetrator(example()));
    CHECK(failingField(body) == "perpetrators");
}

TEST_CASE("unknown fields are refused at every level, by name", "[core][case][validation]") {
    auto body = example();
    body->set("survivr", part(example(), "survivor"));
    CHECK(failingField(body) == "survivr");  // before the missing-field check would hide it

    body = example();
    part(body, "survivor")->set("nmae", "Hoa");
    CHECK(failingField(body) == "survivor.nmae");

    body = example();
    firstPerpetrator(body)->set("nickname", "Nam");
    CHECK(failingField(body) == "perpetrators[0].nickname");

    body = example();
    part(body, "incident")->set("time", "08:30");
    CHECK(failingField(body) == "incident.time");

    body = example();
    part(body, "flags")->set("criminal", true);
    CHECK(failingField(body) == "flags.criminal");

    body = example();
    part(body, "survivor")->set("child", false);  // derived, never input
    CHECK(failingField(body) == "survivor.child");

    body = example();
    body->set("code", "HP-2024-0007");
    CHECK(failingField(body) == "code");
}

TEST_CASE("a child's consent is given by a guardian", "[core][case][validation][child]") {
    auto body = example();
    part(body, "survivor")->set("birth_year", 2007);  // 17 in 2024
    CHECK(failingField(body) == "consent.given_by");
    try {
        parseCaseInput(*body, kToday);
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("guardian") != std::string::npos);
    }

    part(body, "consent")->set("given_by", "guardian");
    const CaseInput c = parseCaseInput(*body, kToday);
    CHECK(isChildCase(c));

    body = example();
    part(body, "survivor")->set("birth_year", 2006);  // 18 in 2024: an adult
    CHECK(failingField(body) == "<accepted>");
}

TEST_CASE("consent lists distinct case agencies, none when refused", "[core][case][validation]") {
    auto body = example();
    part(body, "consent")->set("agencies", array({"police", "union", "police"}));
    CHECK(failingField(body) == "consent.agencies[2]");

    body = example();
    part(body, "consent")->set("given", false);
    CHECK(failingField(body) == "consent.agencies");
    part(body, "consent")->set("agencies", array({}));
    CHECK(failingField(body) == "<accepted>");

    body = example();
    part(body, "consent")->set("statistics", true);
    CHECK(parseCaseInput(*body, kToday).consent.statistics);
}

TEST_CASE("a patch merges field by field and keeps the rest", "[core][case][patch]") {
    CaseInput c = parseCaseInput(*example(), kToday);
    applyCasePatch(c, *parseJson(R"({"survivor": {"phone": "0987654321", "birth_year": null},
                                  "incident": {"types": ["economic"]},
                                  "flags": {"crime": true},
                                  "risk": "critical", "safety_plan": "Ở nhà mẹ đẻ."})"),
                   kToday);
    CHECK(c.survivor.phone == "0987654321");
    CHECK_FALSE(c.survivor.birthYear);
    CHECK(c.survivor.fullName == "Nguyễn Thị Hoa");
    CHECK(c.incident.types == std::vector<ViolenceType>{ViolenceType::Economic});
    CHECK(c.incident.date == "2024-05-01");
    CHECK(c.flags.crime);
    CHECK_FALSE(c.flags.administrativeSanction);
    CHECK(c.risk == Risk::Critical);
    CHECK(c.safetyPlan == "Ở nhà mẹ đẻ.");
    CHECK(c.consent.agencies.size() == 3);

    applyCasePatch(c, *parseJson(R"({"safety_plan": null})"), kToday);
    CHECK_FALSE(c.safetyPlan);
}

TEST_CASE("a patch replaces the perpetrators as a whole", "[core][case][patch]") {
    CaseInput c = parseCaseInput(*example(), kToday);
    applyCasePatch(c, *parseJson(R"({"perpetrators": [
        {"full_name": "Lê Văn Bình", "sex": "male", "relationship": "former_spouse"},
        {"full_name": "Lê Thị Cúc", "sex": "female", "relationship": "other_relative",
         "phone": "0900000001"}]})"),
                   kToday);
    REQUIRE(c.perpetrators.size() == 2);
    CHECK(c.perpetrators[0].fullName == "Lê Văn Bình");
    CHECK_FALSE(c.perpetrators[0].birthYear);
    CHECK(c.perpetrators[1].phone == "0900000001");

    applyCasePatch(c, *parseJson(R"({"perpetrators": []})"), kToday);
    CHECK(c.perpetrators.empty());
}

TEST_CASE("a patch is revalidated and leaves the case unchanged when refused",
          "[core][case][patch]") {
    const CaseInput original = parseCaseInput(*example(), kToday);
    CaseInput c = original;
    CHECK(failingPatch(c, R"({"incident": {"types": ["beating"]}})") == "incident.types[0]");
    CHECK(failingPatch(c, R"({"survivor": {"full_name": null}})") == "survivor.full_name");
    CHECK(failingPatch(c, R"({"survivor": {"nmae": "Hoa"}})") == "survivor.nmae");
    CHECK(failingPatch(c, R"({"survivor": {"child": true}})") == "survivor.child");
    CHECK(failingPatch(c, R"({"survivor": "Hoa"})") == "survivor");
    CHECK(failingPatch(c, R"({"incident": {"date": "2024-07-01"}})") == "incident.date");
    CHECK(failingPatch(c, R"({"perpetrators": [{"full_name": "X"}]})") == "perpetrators[0].sex");
    CHECK(failingPatch(c, R"({"risk": null})") == "risk");
    // Now a child with the survivor's own consent: the guardian's consent comes first.
    CHECK(failingPatch(c, R"({"survivor": {"birth_year": 2010}})") == "consent.given_by");
    CHECK(c.survivor.birthYear == 1990);
    CHECK(c.incident.types == original.incident.types);
    CHECK(c.survivor.fullName == original.survivor.fullName);
    CHECK(c.perpetrators.size() == 1);
}

TEST_CASE("a patch may not touch consent or anything outside the case body",
          "[core][case][patch]") {
    CaseInput c = parseCaseInput(*example(), kToday);
    CHECK(failingPatch(c, R"({"consent": {"given": false}})") == "consent");
    CHECK(failingPatch(c, R"({"status": "closed"})") == "status");
    CHECK(failingPatch(c, R"({"code": "HP-2024-0001"})") == "code");
    CHECK(failingPatch(c, R"({})") == "<accepted>");
}
