#include "core/report/ReportHtml.h"

#include <algorithm>

#include "core/TimeFormat.h"
#include "core/report/ReportLabels.h"
#include "core/report/Suppression.h"

namespace binhan::core::report {
namespace {

constexpr int kRowHeight = 22;
constexpr int kLabelWidth = 340;
constexpr int kBarSpace = 330;
constexpr int kChartWidth = kLabelWidth + kBarSpace + 70;

std::string esc(const std::string& text) {
    return escapeXml(text);
}

// "14:05 ngày 03/12/2026 (giờ Việt Nam)" for an RFC 3339 instant (issue 19: the paper was 7
// hours off the screen).
std::string vietnamTime(const std::string& rfc3339) {
    const auto at = vietnamPaperTime(rfc3339);
    return at ? at->clock + " ngày " + at->date + " (giờ Việt Nam)" : rfc3339;
}

// The signatures under the report, as a commune's report is signed: the one who drew it up,
// and the head of the body, with the place and date written in by hand.
std::string signatures(const Header& h) {
    return "<section class=\"report-signatures\">\n<p class=\"date-line\">" + esc(h.communeName) +
           ", ngày … tháng … năm …</p>\n<div class=\"signature\"><p><strong>Người lập biểu"
           "</strong></p><p class=\"sign-hint\">(Ký, ghi rõ họ tên)</p></div>\n"
           "<div class=\"signature\"><p><strong>Thủ trưởng đơn vị</strong></p><p "
           "class=\"sign-hint\">(Ký, ghi rõ họ tên, đóng dấu)</p></div>\n</section>\n";
}

std::string row(const std::string& label, const std::string& value, const char* cls = nullptr) {
    return std::string("<tr") + (cls ? std::string(" class=\"") + cls + "\"" : "") +
           "><th scope=\"row\">" + esc(label) + "</th><td class=\"num\">" + esc(value) +
           "</td></tr>\n";
}

std::string tableSection(const Table& t, int index) {
    std::vector<std::string> labels;
    for (const auto& c : t.cells) labels.push_back(categoryLabel(t.key, c.key));
    const std::string title = tableTitle(t.key);
    const std::string id = "bang-" + std::to_string(index);
    std::string out = "<section class=\"report-table\" aria-labelledby=\"" + id + "\">\n<h2 id=\"" +
                      id + "\">" + esc(title) + "</h2>\n";
    out += barChartSvg(title, t.cells, labels);
    out += "<table>\n<thead><tr><th scope=\"col\">" + esc(kColumnLabel) +
           "</th><th scope=\"col\" class=\"num\">" + esc(kColumnValue) +
           "</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < t.cells.size(); ++i)
        out += row(labels[i], publishedText(t.cells[i]));
    if (t.partition())
        out += row(std::string(kWordTotal) + " (" + totalLabel(t.totalKey) + ")", publishedTotal(t),
                   "total");
    return out + "</tbody>\n</table>\n</section>\n";
}

}  // namespace

std::string escapeXml(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default: {
                // Control characters other than tab and line breaks have no place in HTML or XML
                // (a NUL in a note must not reach the page raw, issue 17): U+FFFD stands in.
                const auto u = static_cast<unsigned char>(c);
                if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F)
                    out += "\xEF\xBF\xBD";
                else
                    out += c;
            }
        }
    }
    return out;
}

std::string barChartSvg(const std::string& title, const std::vector<Cell>& cells,
                        const std::vector<std::string>& labels) {
    std::int64_t largest = 0;
    for (const auto& c : cells)
        if (c.state == CellState::Shown) largest = std::max(largest, c.count);
    const int height = static_cast<int>(cells.size()) * kRowHeight + 8;
    std::string out =
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
        std::to_string(kChartWidth) + " " + std::to_string(height) + "\" width=\"" +
        std::to_string(kChartWidth) + "\" height=\"" + std::to_string(height) + "\">\n<title>" +
        esc(title) + "</title>\n";
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const Cell& c = cells[i];
        const int y = static_cast<int>(i) * kRowHeight + 4;
        const std::string label = i < labels.size() ? labels[i] : c.key;
        out += "<text class=\"chart-label\" x=\"" + std::to_string(kLabelWidth - 6) + "\" y=\"" +
               std::to_string(y + 15) + "\" text-anchor=\"end\">" + esc(label) + "</text>\n";
        int width = 0;
        if (c.state == CellState::Shown && largest > 0)
            width = static_cast<int>(c.count * kBarSpace / largest);
        if (width > 0)
            out += "<rect class=\"chart-bar\" x=\"" + std::to_string(kLabelWidth) + "\" y=\"" +
                   std::to_string(y + 3) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
                   std::to_string(kRowHeight - 6) + "\"/>\n";
        const char* cls = c.state == CellState::Shown ? "chart-value" : "chart-value hidden-count";
        out += "<text class=\"" + std::string(cls) + "\" x=\"" +
               std::to_string(kLabelWidth + width + 6) + "\" y=\"" + std::to_string(y + 15) +
               "\">" + esc(publishedText(c)) + "</text>\n";
    }
    return out + "</svg>\n";
}

std::string reportHtml(const Report& report, const std::string& cssHref) {
    const Header& h = report.header;
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
        esc(kReportTitle) + " — " + esc(h.communeName) +
        "</title>\n<link rel=\"stylesheet\" href=\"" + esc(cssHref) +
        "\">\n</head>\n<body class=\"report-print\">\n<header class=\"report-head\">\n";
    out +=
        "<p class=\"national\"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>"
        "Độc lập - Tự do - Hạnh phúc</p>\n";
    out += "<p class=\"commune\">" + esc(h.communeName) + " (" + esc(h.communeCode) + ")</p>\n";
    out += "<h1>" + esc(kReportTitle) + "</h1>\n<dl>\n";
    const auto item = [&out](const std::string& term, const std::string& value) {
        out += "<dt>" + esc(term) + "</dt><dd>" + esc(value) + "</dd>\n";
    };
    item("Kính gửi", h.recipient);
    item("Kỳ báo cáo", "Từ ngày " + paperDate(h.from) + " đến ngày " + paperDate(h.to));
    item("Thời điểm lập", vietnamTime(h.generatedAt));
    item("Mục đích", purposeLabel(h.purpose));
    out += "</dl>\n<p class=\"note\">" + esc(kSmallCountNote) + "</p>\n";
    out += "<p class=\"no-print hint\">In trang này bằng lệnh In của trình duyệt (Ctrl+P).</p>\n";
    out +=
        "</header>\n<main>\n<section class=\"report-table\" aria-labelledby=\"tong-hop\">\n"
        "<h2 id=\"tong-hop\">Tổng hợp</h2>\n<table>\n<tbody>\n";
    for (const auto& c : report.totals) out += row(totalLabel(c.key), publishedText(c));
    out += row(kWithActionLabel, publishedText(report.casesWithAction));
    std::string median = "—";
    if (report.medianDaysToFirstAction) {
        const double m = *report.medianDaysToFirstAction;
        median = std::to_string(static_cast<long long>(m)) +
                 (m - static_cast<long long>(m) > 0 ? ",5" : "");
    }
    out += row(kMedianLabel, median);
    out += "</tbody>\n</table>\n</section>\n";
    int index = 0;
    for (const auto& t : report.tables) out += tableSection(t, ++index);
    return out + signatures(h) + "</main>\n</body>\n</html>\n";
}

}  // namespace binhan::core::report
