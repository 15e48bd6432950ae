#include "http/CaseRecordHtml.h"

#include <Poco/JSON/Array.h>

#include <vector>

#include "core/TimeFormat.h"
#include "core/report/ReportHtml.h"
#include "core/workflow/EventCatalogue.h"

namespace binhan::http {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;
namespace wf = core::workflow;

std::string esc(const std::string& text) {
    return core::report::escapeXml(text);
}

using core::paperDate;

// "14:05 03/12/2026" in Vietnam time for an RFC 3339 instant.
std::string vietnamTime(const std::string& rfc3339) {
    const auto at = core::vietnamPaperTime(rfc3339);
    return at ? at->clock + " " + at->date : rfc3339;
}

enum class Kind { Text, Date, Time, YesNo, Label, Labels };

struct FieldSpec {
    const char* key;
    const char* label;  // a dictionary key
    Kind kind;
    const char* prefix;  // Label, Labels: the dictionary group of the values ("sex.")
};

class Record {
  public:
    explicit Record(const Dictionary& words) : words_(words) {}

    std::string word(const std::string& key, const std::string& fallback = "") const {
        return words_.word(key, fallback.empty() ? key : fallback);
    }

    std::string valueText(const Var& v, Kind kind, const std::string& prefix) const {
        if (v.isEmpty()) return "—";
        switch (kind) {
            case Kind::YesNo:
                return v.isBoolean() && v.convert<bool>() ? word("common.yes") : word("common.no");
            case Kind::Date:
                return paperDate(v.convert<std::string>());
            case Kind::Time:
                return vietnamTime(v.convert<std::string>());
            case Kind::Label:
                return word(prefix + v.convert<std::string>(), v.convert<std::string>());
            case Kind::Labels: {
                std::string out;
                if (v.type() != typeid(Array::Ptr)) return word(prefix + v.convert<std::string>());
                const auto list = v.extract<Array::Ptr>();
                for (std::size_t i = 0; i < list->size(); ++i)
                    out += (i ? ", " : "") +
                           word(prefix + list->getElement<std::string>(static_cast<unsigned>(i)));
                return out.empty() ? "—" : out;
            }
            case Kind::Text:
                break;
        }
        return v.convert<std::string>();
    }

    // The rows of `fields` that `object` holds (a field the caller may not read is absent).
    std::string rows(const Object& object, const std::vector<FieldSpec>& fields) const {
        std::string out;
        for (const auto& f : fields) {
            if (!object.has(f.key)) continue;
            out += "<dt>" + esc(word(f.label)) + "</dt><dd>" +
                   esc(valueText(object.get(f.key), f.kind, f.prefix)) + "</dd>\n";
        }
        return out;
    }

    std::string section(const std::string& title, const std::string& body) const {
        if (body.empty()) return "";
        return "<section class=\"record-section\">\n<h2>" + esc(title) + "</h2>\n" + body +
               "</section>\n";
    }

    std::string list(const Object& object, const std::string& key, const std::string& title,
                     const std::vector<FieldSpec>& fields) const {
        if (!object.isArray(key)) return "";
        const auto items = object.getArray(key);
        std::string body;
        for (std::size_t i = 0; i < items->size(); ++i) {
            const auto item = items->getObject(static_cast<unsigned>(i));
            if (item) body += "<dl class=\"facts\">\n" + rows(*item, fields) + "</dl>\n";
        }
        return section(title, body);
    }

    std::string detailText(const wf::DetailField& field, const Var& v) const {
        using K = wf::FieldKind;
        const std::string group =
            "choice." + (field.choiceGroup.empty() ? field.name : field.choiceGroup) + ".";
        switch (field.kind) {
            case K::Choice:
                return valueText(v, Kind::Label, group);
            case K::Choices:
                return valueText(v, Kind::Labels, group);
            case K::Date:
                return valueText(v, Kind::Date, "");
            case K::Time:
                return valueText(v, Kind::Time, "");
            case K::Flag:
                if (field.name == "granted")
                    return word(v.isBoolean() && v.convert<bool>() ? "decision.grant"
                                                                   : "decision.refuse");
                return valueText(v, Kind::YesNo, "");
            case K::EventId:
                return word("timeline.entry_number", "Mục số") + " " + v.convert<std::string>();
            case K::Names:
                if (v.type() == typeid(Array::Ptr)) {
                    std::string out;
                    const auto names = v.extract<Array::Ptr>();
                    for (std::size_t i = 0; i < names->size(); ++i)
                        out += (i ? ", " : "") +
                               names->getElement<std::string>(static_cast<unsigned>(i));
                    return out;
                }
                break;
            case K::Answers:  // the risk screen: how many factors were answered yes
                if (v.type() == typeid(Object::Ptr)) {
                    int yes = 0;
                    const auto answers = v.extract<Object::Ptr>();
                    for (const auto& entry : *answers) yes += entry.second.toString() == "yes";
                    return std::to_string(yes) + " / " + std::to_string(answers->size()) + " " +
                           word("record.risk_answers_yes", "câu trả lời có");
                }
                break;
            case K::Text:
                break;
        }
        return v.convert<std::string>();
    }

    std::string event(const Object& e) const {
        const std::string type = e.optValue<std::string>("type", "");
        std::string out = "<article class=\"record-event\">\n<h3>" +
                          esc(word("event." + type, type)) + " — " +
                          esc(vietnamTime(e.optValue<std::string>("at", ""))) + "</h3>\n<dl>\n";
        if (const auto author = e.getObject("author"))
            out += "<dt>" + esc(word("record.recorded_by")) + "</dt><dd>" +
                   esc(word("role." + author->optValue<std::string>("role", ""))) + "</dd>\n";
        const auto details = e.getObject("details");
        const auto* spec = wf::findEventType(type);
        if (details && spec)
            for (const auto& field : spec->fields)
                if (details->has(field.name))
                    out += "<dt>" + esc(word("event_field." + field.name, field.name)) +
                           "</dt><dd>" + esc(detailText(field, details->get(field.name))) +
                           "</dd>\n";
        if (e.has("due"))
            out += "<dt>" + esc(word("event_field.due")) + "</dt><dd>" +
                   esc(paperDate(e.getValue<std::string>("due"))) +
                   (e.has("done_at") ? " — " + esc(word("due.done")) : "") + "</dd>\n";
        if (const auto voided = e.getObject("voided"))
            out += "<dt>" + esc(word("timeline.voided")) + "</dt><dd>" +
                   esc(voided->optValue<std::string>("reason", "")) + "</dd>\n";
        return out + "</dl>\n</article>\n";
    }

  private:
    const Dictionary& words_;
};

const std::vector<FieldSpec> kCase = {
    {"code", "case.code", Kind::Text, ""},
    {"status", "case.status", Kind::Label, "status."},
    {"risk", "case.risk", Kind::Label, "risk."},
    {"created_at", "record.opened", Kind::Time, ""},
    {"closed_at", "record.closed", Kind::Time, ""},
    {"closure_reason_code", "record.closed_as", Kind::Label, "closure."},
    {"safety_plan", "case.safety_plan", Kind::Text, ""},
};
const std::vector<FieldSpec> kSurvivor = {
    {"full_name", "person.full_name", Kind::Text, ""},
    {"sex", "person.sex", Kind::Label, "sex."},
    {"birth_year", "person.birth_year", Kind::Text, ""},
    {"child", "person.child", Kind::YesNo, ""},
    {"village", "person.village", Kind::Text, ""},
    {"phone", "person.phone", Kind::Text, ""},
    {"id_number", "person.id_number", Kind::Text, ""},
    {"disability", "person.disability", Kind::YesNo, ""},
};
const std::vector<FieldSpec> kPerpetrator = {
    {"full_name", "person.full_name", Kind::Text, ""},
    {"sex", "person.sex", Kind::Label, "sex."},
    {"birth_year", "person.birth_year", Kind::Text, ""},
    {"relationship", "person.relationship", Kind::Label, "relationship."},
    {"phone", "person.phone", Kind::Text, ""},
    {"id_number", "person.id_number", Kind::Text, ""},
};
const std::vector<FieldSpec> kIncident = {
    {"date", "incident.date", Kind::Date, ""},
    {"village", "incident.village", Kind::Text, ""},
    {"place", "incident.place", Kind::Label, "place."},
    {"types", "incident.types", Kind::Labels, "violence."},
    {"description", "incident.description", Kind::Text, ""},
    {"injuries", "incident.injuries", Kind::Text, ""},
};
const std::vector<FieldSpec> kFlags = {
    {"crime", "flags.crime", Kind::YesNo, ""},
    {"administrative_sanction", "flags.administrative_sanction", Kind::YesNo, ""},
};
const std::vector<FieldSpec> kConsent = {
    {"given", "consent.given_short", Kind::YesNo, ""},
    {"given_by", "consent.given_by", Kind::Label, "given_by."},
    {"agencies", "consent.agencies", Kind::Labels, "agency."},
    {"statistics", "consent.statistics", Kind::YesNo, ""},
    {"recorded_at", "consent.recorded_at", Kind::Time, ""},
};
const std::vector<FieldSpec> kStage = {
    {"agency", "case.stages", Kind::Label, "agency."},
    {"status", "case.status", Kind::Label, "stage."},
    {"since", "record.col_time", Kind::Time, ""},
};

std::string facts(const Record& r, const Object::Ptr& object,
                  const std::vector<FieldSpec>& fields) {
    if (!object) return "";
    const std::string rows = r.rows(*object, fields);
    return rows.empty() ? "" : "<dl class=\"facts\">\n" + rows + "</dl>\n";
}

}  // namespace

std::string caseRecordHtml(const Object& document, const Dictionary& words) {
    const Record r(words);
    const auto kase = document.getObject("case");
    const std::string code = kase ? kase->optValue<std::string>("code", "") : "";
    std::string title = r.word("record.title", "Hồ sơ vụ việc {code}");
    if (const auto at = title.find("{code}"); at != std::string::npos) title.replace(at, 6, code);
    std::string out =
        "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
        esc(title) +
        "</title>\n<link rel=\"stylesheet\" href=\"/ui/style.css\">\n</head>\n<body "
        "class=\"print case-record\">\n<main>\n<h1>" +
        esc(title) + "</h1>\n<p class=\"lead\">" + esc(r.word("record.printed")) + ": " +
        esc(vietnamTime(document.optValue<std::string>("exported_at", ""))) + " — " +
        esc(r.word("role." + document.optValue<std::string>("exported_by_role", ""))) + "</p>\n";
    if (kase) {
        out += r.section(r.word("case.summary"), facts(r, kase, kCase));
        out += r.section(r.word("intake.step.survivor"),
                         facts(r, kase->getObject("survivor"), kSurvivor));
        out += r.list(*kase, "perpetrators", r.word("intake.step.perpetrators"), kPerpetrator);
        out += r.section(r.word("intake.step.incident"),
                         facts(r, kase->getObject("incident"), kIncident));
        out += r.section(r.word("intake.step.risk"), facts(r, kase->getObject("flags"), kFlags));
        out += r.section(r.word("case.consent"), facts(r, kase->getObject("consent"), kConsent));
        out += r.list(*kase, "stages", r.word("case.stages"), kStage);
    }
    if (document.isArray("events")) {
        std::string body;
        const auto events = document.getArray("events");
        for (std::size_t i = 0; i < events->size(); ++i)
            if (const auto e = events->getObject(static_cast<unsigned>(i))) body += r.event(*e);
        out += r.section(r.word("case.timeline"), body);
    }
    return out + "</main>\n</body>\n</html>\n";
}

}  // namespace binhan::http
