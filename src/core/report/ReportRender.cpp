#include "core/report/ReportRender.h"

#include <cmath>

#include "core/report/ReportLabels.h"
#include "core/report/Suppression.h"

namespace binhan::core::report {
namespace {

Poco::JSON::Object::Ptr object() {
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

void setCount(Poco::JSON::Object& out, const Cell& cell) {
    if (cell.state == CellState::Shown)
        out.set(cell.key, cell.count);
    else
        out.set(cell.key, publishedText(cell));
}

std::string medianText(const Report& report) {
    if (!report.medianDaysToFirstAction) return "";
    const double m = *report.medianDaysToFirstAction;
    if (std::floor(m) == m) return std::to_string(static_cast<long long>(m));
    return std::to_string(static_cast<long long>(std::floor(m))) +
           ".5";  // a median of whole days is whole or a half
}

std::string period(const Header& h) {
    return h.from + " – " + h.to;
}

}  // namespace

Poco::JSON::Object::Ptr reportJson(const Report& report) {
    auto out = object();
    auto header = object();
    header->set("commune", report.header.communeName);
    header->set("commune_code", report.header.communeCode);
    header->set("scope", report.header.province ? "province" : "commune");
    header->set("recipient", report.header.recipient);
    header->set("from", report.header.from);
    header->set("to", report.header.to);
    header->set("generated_at", report.header.generatedAt);
    header->set("purpose", purposeName(report.header.purpose));
    if (!report.communeChoices.empty()) {  // a province-level reader may pick one commune
        Poco::JSON::Array::Ptr choices = new Poco::JSON::Array;
        for (const auto& [code, name] : report.communeChoices) {
            auto choice = object();
            choice->set("code", code);
            choice->set("name", name);
            choices->add(choice);
        }
        header->set("communes", choices);
    }
    out->set("header", header);

    auto totals = object();
    for (const auto& c : report.totals) setCount(*totals, c);
    out->set("totals", totals);
    for (const auto& t : report.tables) {
        auto cells = object();
        for (const auto& c : t.cells) setCount(*cells, c);
        out->set(t.key, cells);
    }
    auto timeliness = object();
    setCount(*timeliness, report.casesWithAction);
    if (report.medianDaysToFirstAction)
        timeliness->set("median_days_to_first_action", *report.medianDaysToFirstAction);
    else
        timeliness->set("median_days_to_first_action", Poco::Dynamic::Var());
    out->set("timeliness", timeliness);

    auto rule = object();
    rule->set("small", "<5");
    rule->set("hidden", "x");
    rule->set("note",
              "Counts from 1 to 4 are shown as \"<5\"; \"x\" hides a further count so that no "
              "small count can be worked out from a total.");
    out->set("suppression", rule);
    return out;
}

std::string csvField(const std::string& text) {
    std::string value = text;
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' ||
                           value[0] == '@' || value[0] == '\t' || value[0] == '\r'))
        value.insert(0, "'");
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string reportCsv(const Report& report) {
    std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: spreadsheets then read UTF-8
    const auto row = [&out](const std::string& group, const std::string& code,
                            const std::string& label, const std::string& value) {
        out += csvField(group) + "," + csvField(code) + "," + csvField(label) + "," +
               csvField(value) + "\r\n";
    };
    row(kColumnGroup, kColumnCode, kColumnLabel, kColumnValue);
    const Header& h = report.header;
    const std::string about = "Thông tin báo cáo";
    row(about, "report.title", "Tên báo cáo", kReportTitle);
    row(about, "report.commune", "Đơn vị báo cáo", h.communeName + " (" + h.communeCode + ")");
    row(about, "report.recipient", "Nơi nhận báo cáo", h.recipient);
    row(about, "report.period", "Kỳ báo cáo", period(h));
    row(about, "report.generated_at", "Thời điểm lập", h.generatedAt);
    row(about, "report.purpose", "Mục đích", purposeLabel(h.purpose));
    row(about, "report.note", "Ghi chú", kSmallCountNote);

    const std::string totals = "Tổng hợp";
    for (const auto& c : report.totals)
        row(totals, "totals." + c.key, totalLabel(c.key), publishedText(c));
    for (const auto& t : report.tables) {
        const std::string title = tableTitle(t.key);
        if (t.partition())
            row(title, t.key + ".total",
                std::string(kWordTotal) + " (" + totalLabel(t.totalKey) + ")", publishedTotal(t));
        for (const auto& c : t.cells)
            row(title, t.key + "." + c.key, categoryLabel(t.key, c.key), publishedText(c));
    }
    const std::string timely = "Thời gian xử lý";
    row(timely, "timeliness.cases_with_first_action", kWithActionLabel,
        publishedText(report.casesWithAction));
    row(timely, "timeliness.median_days_to_first_action", kMedianLabel, medianText(report));
    return out;
}

}  // namespace binhan::core::report
