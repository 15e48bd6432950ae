#include "core/CaseJson.h"

#include <optional>
#include <utility>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>

namespace binhan::core {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr newObject() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

template <typename T>
Var orNull(const std::optional<T>& value) {
    return value ? Var(*value) : Var();
}

// One JSON object whose keys are filtered under a path prefix ("survivor.").
class Section {
  public:
    Section(const FieldFilter& filter, std::string prefix)
        : filter_(filter), prefix_(std::move(prefix)), object_(newObject()) {}

    void put(const std::string& key, const Var& value) {
        if (!filter_(prefix_ + key)) return;
        object_->set(key, value);
        any_ = true;
    }
    bool any() const { return any_; }
    Object::Ptr object() const { return object_; }

  private:
    const FieldFilter& filter_;
    std::string prefix_;
    Object::Ptr object_;
    bool any_ = false;
};

Object::Ptr survivorJson(const CaseInput& input, const FieldFilter& filter, bool& any) {
    const Survivor& s = input.survivor;
    Section out(filter, "survivor.");
    out.put("full_name", s.fullName);
    out.put("sex", sexName(s.sex));
    out.put("birth_year", orNull(s.birthYear));
    out.put("village", s.village);
    out.put("phone", s.phone);
    out.put("id_number", s.idNumber);
    out.put("disability", s.disability);
    out.put("child", isChildCase(input));
    any = out.any();
    return out.object();
}

Object::Ptr perpetratorJson(const Perpetrator& p, const FieldFilter& filter, bool& any) {
    Section out(filter, "perpetrators.");
    out.put("full_name", p.fullName);
    out.put("sex", sexName(p.sex));
    out.put("birth_year", orNull(p.birthYear));
    out.put("relationship", relationshipName(p.relationship));
    out.put("phone", orNull(p.phone));
    out.put("id_number", orNull(p.idNumber));
    any = out.any();
    return out.object();
}

// Whether any perpetrators.* path is allowed: decides whether the array appears at all, even
// when there are no perpetrators.
bool anyPerpetratorField(const FieldFilter& filter) {
    for (const auto& path : caseFieldPaths())
        if (path.rfind("perpetrators.", 0) == 0 && filter(path)) return true;
    return false;
}

Object::Ptr incidentJson(const Incident& incident, const FieldFilter& filter, bool& any) {
    Array::Ptr types = new Array;
    for (ViolenceType type : incident.types) types->add(violenceTypeName(type));
    Section out(filter, "incident.");
    out.put("date", incident.date);
    out.put("village", incident.village);
    out.put("place", placeName(incident.place));
    out.put("types", types);
    out.put("description", incident.description);
    out.put("injuries", incident.injuries);
    any = out.any();
    return out.object();
}

Object::Ptr consentJson(const Consent& consent) {
    Array::Ptr agencies = new Array;
    for (Role role : consent.agencies) agencies->add(roleName(role));
    Object::Ptr out = newObject();
    out->set("given", consent.given);
    out->set("given_by", consent.givenBy);
    out->set("agencies", agencies);
    out->set("statistics", consent.statistics);
    return out;
}

Object::Ptr flagsJson(const Flags& flags) {
    Object::Ptr out = newObject();
    out->set("crime", flags.crime);
    out->set("administrative_sanction", flags.administrativeSanction);
    return out;
}

}  // namespace

const std::vector<std::string>& caseFieldPaths() {
    static const std::vector<std::string> paths = {
        "survivor.full_name",
        "survivor.sex",
        "survivor.birth_year",
        "survivor.village",
        "survivor.phone",
        "survivor.id_number",
        "survivor.disability",
        "survivor.child",
        "perpetrators.full_name",
        "perpetrators.sex",
        "perpetrators.birth_year",
        "perpetrators.relationship",
        "perpetrators.phone",
        "perpetrators.id_number",
        "incident.date",
        "incident.village",
        "incident.place",
        "incident.types",
        "incident.description",
        "incident.injuries",
        "risk",
        "consent",
        "flags",
        "safety_plan",
        "intake",
    };
    return paths;
}

FieldFilter allCaseFields() {
    return [](const std::string&) { return true; };
}

Object::Ptr caseInputToJson(const CaseInput& input, const FieldFilter& filter) {
    Object::Ptr out = newObject();
    bool any = false;
    Object::Ptr survivor = survivorJson(input, filter, any);
    if (any) out->set("survivor", survivor);
    if (anyPerpetratorField(filter)) {
        Array::Ptr perpetrators = new Array;
        for (const Perpetrator& p : input.perpetrators)
            perpetrators->add(perpetratorJson(p, filter, any));
        out->set("perpetrators", perpetrators);
    }
    Object::Ptr incident = incidentJson(input.incident, filter, any);
    if (any) out->set("incident", incident);
    if (filter("risk")) out->set("risk", riskName(input.risk));
    if (filter("consent")) out->set("consent", consentJson(input.consent));
    if (filter("flags")) out->set("flags", flagsJson(input.flags));
    if (filter("safety_plan")) out->set("safety_plan", orNull(input.safetyPlan));
    if (filter("intake")) {
        if (input.intake) {
            Object::Ptr intake = newObject();
            intake->set("channel", input.intake->channel);
            intake->set("received_at", input.intake->receivedAt);
            out->set("intake", intake);
        } else {
            out->set("intake", Poco::Dynamic::Var());
        }
    }
    return out;
}

}  // namespace binhan::core
