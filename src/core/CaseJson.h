#pragma once
// Serialises a CaseInput to the case JSON of API.md "Cases" (snake_case names, same shape as the
// POST body) through a field filter, so each caller gets only the fields its role may read
// (DESIGN.md §2, "only the fields its duty needs"; decide with core::mayReadField).
//
// Field paths (caseFieldPaths(), in output order) — the filter is asked once per path:
//   survivor.full_name  survivor.sex  survivor.birth_year  survivor.village  survivor.phone
//   survivor.id_number  survivor.disability  survivor.child (derived: isChildCase)
//   perpetrators.full_name  perpetrators.sex  perpetrators.birth_year  perpetrators.relationship
//   perpetrators.phone  perpetrators.id_number      (one path for the field of every perpetrator)
//   incident.date  incident.village  incident.place  incident.types  incident.description
//   incident.injuries
//   risk  consent (the whole object)  flags (the whole object)  safety_plan
//
// Output rules: a denied path is left out; an allowed but unknown value is JSON null
// (birth_year, a perpetrator's phone/id_number, safety_plan), so "absent" means "not yours to see"
// and null means "not known". `survivor`, `incident` and `perpetrators` appear only when at least
// one of their paths is allowed (`perpetrators` then as an array, possibly empty). Objects keep
// key order (Poco::JSON_PRESERVE_KEY_ORDER). Pure; thread-safe.
#include <functional>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "core/CaseModel.h"

namespace binhan::core {

// Whether the dotted field path (one of caseFieldPaths()) may be emitted.
using FieldFilter = std::function<bool(const std::string& dottedField)>;

// Every path the serialiser asks about, in output order (the list above).
const std::vector<std::string>& caseFieldPaths();
// A filter that allows every field (the owner's full view, export, internal round trips).
FieldFilter allCaseFields();

// The case body as JSON, holding only what `filter` allows. Never throws for a CaseInput from
// parseCaseInput.
Poco::JSON::Object::Ptr caseInputToJson(const CaseInput& input, const FieldFilter& filter);

}  // namespace binhan::core
