#include "service/CaseMapper.h"

namespace binhan::service {
namespace {

std::string perpetratorField(std::size_t i, const char* name) {
    return "perpetrators[" + std::to_string(i) + "]." + name;
}

std::string valueOr(const std::map<std::string, std::string>& m, const std::string& key) {
    auto it = m.find(key);
    return it == m.end() ? std::string() : it->second;
}

std::optional<int> yearOf(const std::map<std::string, std::string>& m, const std::string& key) {
    const auto text = valueOr(m, key);
    if (text.empty()) return std::nullopt;
    return std::stoi(text);
}

void addTerm(store::SealedCase& out, const std::string& term, const std::string& field,
             bool word = false) {
    if (!term.empty()) out.terms.push_back({term, field, word});
}

}  // namespace

void fillPlainColumns(const core::CaseInput& in, store::CaseRow& row) {
    row.risk = core::riskName(in.risk);
    row.incidentDate = in.incident.date;
    row.incidentVillage = in.incident.village;
    row.place = core::placeName(in.incident.place);
    row.types.clear();
    for (auto type : in.incident.types) row.types.push_back(core::violenceTypeName(type));
    row.survivorSex = core::sexName(in.survivor.sex);
    row.survivorAgeBand = core::ageBand(core::survivorAge(in));
    row.survivorVillage = in.survivor.village;
    row.survivorDisability = in.survivor.disability;
    row.child = core::isChildCase(in);
    row.crime = in.flags.crime;
    row.administrativeSanction = in.flags.administrativeSanction;
    row.consentGiven = in.consent.given;
    row.consentGivenBy = in.consent.givenBy;
    row.consentAgencies.clear();
    for (auto role : in.consent.agencies) row.consentAgencies.push_back(core::roleName(role));
    row.consentStatistics = in.consent.statistics;
    row.intakeChannel = in.intake ? in.intake->channel : "";
    row.intakeReceivedAt = in.intake ? in.intake->receivedAt : "";
    row.perpetrators.clear();
    for (std::size_t i = 0; i < in.perpetrators.size(); ++i)
        row.perpetrators.push_back({static_cast<int>(i), core::sexName(in.perpetrators[i].sex),
                                    core::relationshipName(in.perpetrators[i].relationship)});
}

std::map<std::string, std::string> sealedValues(const core::CaseInput& in) {
    std::map<std::string, std::string> out;
    out["survivor.full_name"] = in.survivor.fullName;
    if (!in.survivor.phone.empty()) out["survivor.phone"] = in.survivor.phone;
    if (!in.survivor.idNumber.empty()) out["survivor.id_number"] = in.survivor.idNumber;
    if (in.survivor.birthYear) out["survivor.birth_year"] = std::to_string(*in.survivor.birthYear);
    out["incident.description"] = in.incident.description;
    if (!in.incident.injuries.empty()) out["incident.injuries"] = in.incident.injuries;
    if (in.safetyPlan) out["safety_plan"] = *in.safetyPlan;
    for (std::size_t i = 0; i < in.perpetrators.size(); ++i) {
        const auto& p = in.perpetrators[i];
        out[perpetratorField(i, "full_name")] = p.fullName;
        if (p.birthYear) out[perpetratorField(i, "birth_year")] = std::to_string(*p.birthYear);
        if (p.phone) out[perpetratorField(i, "phone")] = *p.phone;
        if (p.idNumber) out[perpetratorField(i, "id_number")] = *p.idNumber;
    }
    return out;
}

const std::vector<std::string>& searchTermFields() {
    static const std::vector<std::string> fields = {"survivor.full_name", "survivor.phone",
                                                    "survivor.id_number", "perpetrators.full_name",
                                                    "perpetrators.phone", "perpetrators.id_number"};
    return fields;
}

void addSearchTerms(const core::CaseInput& in, const crypto::BlindIndex& index,
                    store::SealedCase& out) {
    // Each term names the field it came from, in core/Policy's field paths, so a search can
    // count it only for a caller who may read that field (issue 16).
    const auto person = [&](const std::string& who, const std::string& name,
                            const std::string& phone, const std::string& id) {
        addTerm(out, index.fullName(name), who + ".full_name");
        addTerm(out, index.phone(phone), who + ".phone");
        addTerm(out, index.idNumber(id), who + ".id_number");
        for (const auto& word : index.nameWords(name)) addTerm(out, word, who + ".full_name", true);
    };
    person("survivor", in.survivor.fullName, in.survivor.phone, in.survivor.idNumber);
    for (const auto& p : in.perpetrators)
        person("perpetrators", p.fullName, p.phone.value_or(""), p.idNumber.value_or(""));
}

core::CaseInput caseFromStored(const store::CaseRow& row,
                               const std::map<std::string, std::string>& m) {
    core::CaseInput in;
    in.survivor.fullName = valueOr(m, "survivor.full_name");
    in.survivor.sex = core::parseSex(row.survivorSex).value_or(core::Sex::Unknown);
    in.survivor.birthYear = yearOf(m, "survivor.birth_year");
    in.survivor.village = row.survivorVillage;
    in.survivor.phone = valueOr(m, "survivor.phone");
    in.survivor.idNumber = valueOr(m, "survivor.id_number");
    in.survivor.disability = row.survivorDisability;
    in.incident.date = row.incidentDate;
    in.incident.village = row.incidentVillage;
    in.incident.place = core::parsePlace(row.place).value_or(core::Place::Other);
    for (const auto& t : row.types)
        if (auto type = core::parseViolenceType(t)) in.incident.types.push_back(*type);
    in.incident.description = valueOr(m, "incident.description");
    in.incident.injuries = valueOr(m, "incident.injuries");
    in.risk = core::parseRisk(row.risk).value_or(core::Risk::Low);
    in.consent.given = row.consentGiven;
    in.consent.givenBy = row.consentGivenBy;
    for (const auto& a : row.consentAgencies)
        if (auto role = core::parseRole(a)) in.consent.agencies.insert(*role);
    in.consent.statistics = row.consentStatistics;
    in.flags = {row.crime, row.administrativeSanction};
    if (m.count("safety_plan")) in.safetyPlan = m.at("safety_plan");
    if (!row.intakeChannel.empty())
        in.intake = core::Intake{row.intakeChannel, row.intakeReceivedAt};
    for (const auto& p : row.perpetrators) {
        const auto i = static_cast<std::size_t>(p.position);
        core::Perpetrator out;
        out.fullName = valueOr(m, perpetratorField(i, "full_name"));
        out.sex = core::parseSex(p.sex).value_or(core::Sex::Unknown);
        out.relationship =
            core::parseRelationship(p.relationship).value_or(core::Relationship::Other);
        out.birthYear = yearOf(m, perpetratorField(i, "birth_year"));
        if (m.count(perpetratorField(i, "phone"))) out.phone = m.at(perpetratorField(i, "phone"));
        if (m.count(perpetratorField(i, "id_number")))
            out.idNumber = m.at(perpetratorField(i, "id_number"));
        in.perpetrators.push_back(std::move(out));
    }
    return in;
}

}  // namespace binhan::service
