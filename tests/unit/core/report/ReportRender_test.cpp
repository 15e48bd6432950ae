// The report written out (issue 7): CSV that a spreadsheet reads (BOM, CRLF, RFC 4180, one
// shape of row, Vietnamese headers, no formula injection), JSON with hidden counts as strings,
// and a printable HTML page with SVG charts that needs no script and no inline style.
#include <catch2/catch.hpp>

#include "core/report/ReportHtml.h"
#include "core/report/ReportLabels.h"
#include "core/report/ReportRender.h"
#include "core/report/Suppression.h"

using namespace binhan::core::report;

namespace {

Report sample() {
    Header h{"Xã Hòa Phong",    "HP",         "UBND tỉnh Hưng Yên",
             "2025-01-01",      "2025-12-31", "2025-12-31T10:00:00Z",
             Purpose::Statutory};
    Report r = buildReport(h, {{"cases", "", 13},
                               {"sex_age", "female|30-59", 10},
                               {"sex_age", "male|18-29", 3},
                               {"village", "=HYPERLINK(\"http://x\")", 6},
                               {"village", "Thôn <b>Đông</b>, \"Bắc\"", 7},
                               {"types", "physical", 13},
                               {"perpetrators", "male|spouse", 13},
                               {"delay_days", "1", 13},
                               {"first_action_days", "2", 13}});
    suppress(r);
    return r;
}

// RFC 4180 reader: rows of fields (quotes, doubled quotes, CRLF inside quotes).
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, wasQuoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            REQUIRE(field.empty());  // a quote only opens a field
            quoted = wasQuoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
            wasQuoted = false;
        } else if (c == '\r') {
            REQUIRE(i + 1 < text.size());
            REQUIRE(text[i + 1] == '\n');  // CRLF only
            rows.back().push_back(field);
            field.clear();
            wasQuoted = false;
            rows.emplace_back();
            ++i;
        } else {
            REQUIRE(c != '\n');  // a bare LF is not a line end
            field += c;
        }
    }
    REQUIRE_FALSE(quoted);
    REQUIRE(field.empty());
    REQUIRE(rows.back().empty());
    rows.pop_back();
    (void)wasQuoted;
    return rows;
}

}  // namespace

TEST_CASE("report CSV has a BOM, CRLF rows of four fields and Vietnamese headers", "[report]") {
    const std::string csv = reportCsv(sample());
    REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    const auto rows = parseCsv(csv.substr(3));
    REQUIRE(rows.size() > 20);
    CHECK(rows[0] == std::vector<std::string>{"Nhóm chỉ tiêu", "Mã", "Chỉ tiêu", "Số liệu"});
    for (const auto& row : rows) CHECK(row.size() == 4);
    const auto find = [&](const std::string& code) {
        for (const auto& row : rows)
            if (row[1] == code) return row[3];
        FAIL("no row " << code);
        return std::string();
    };
    CHECK(find("report.commune") == "Xã Hòa Phong (HP)");
    CHECK(find("report.recipient") == "UBND tỉnh Hưng Yên");
    CHECK(find("report.period") == "2025-01-01 – 2025-12-31");
    CHECK(find("report.generated_at") == "2025-12-31T10:00:00Z");
    CHECK(find("totals.cases") == "13");
    CHECK(find("by_sex.male") == "<5");
    CHECK(find("by_sex.female") == "x");  // complementary: 13 − 10 would give men away
    CHECK(find("by_sex.total") == "13");
    CHECK(find("by_age_band.6-11") == "0");
    CHECK(find("timeliness.median_days_to_first_action") == "2");
}

TEST_CASE("report CSV quotes per RFC 4180 and defuses spreadsheet formulas", "[report]") {
    CHECK(csvField("plain") == "plain");
    CHECK(csvField("a,b") == "\"a,b\"");
    CHECK(csvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csvField("two\r\nlines") == "\"two\r\nlines\"");
    CHECK(csvField("=1+2") == "'=1+2");
    CHECK(csvField("+84") == "'+84");
    CHECK(csvField("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csvField("<5") == "<5");
    const auto rows = parseCsv(reportCsv(sample()).substr(3));
    bool sawVillage = false;
    for (const auto& row : rows) {
        CHECK(row[2].rfind("=", 0) != 0);
        if (row[1] == "by_village.Thôn <b>Đông</b>, \"Bắc\"") sawVillage = true;
    }
    CHECK(sawVillage);
}

TEST_CASE("report JSON carries the header, numbers, and hidden counts as strings", "[report]") {
    const auto json = reportJson(sample());
    const auto header = json->getObject("header");
    CHECK(header->getValue<std::string>("commune") == "Xã Hòa Phong");
    CHECK(header->getValue<std::string>("commune_code") == "HP");
    CHECK(header->getValue<std::string>("recipient") == "UBND tỉnh Hưng Yên");
    CHECK(header->getValue<std::string>("from") == "2025-01-01");
    CHECK(header->getValue<std::string>("purpose") == "statutory");
    CHECK(json->getObject("totals")->getValue<int>("cases") == 13);
    CHECK(json->getObject("by_sex")->getValue<std::string>("male") == "<5");
    CHECK(json->getObject("by_sex")->getValue<std::string>("female") == "x");
    CHECK(json->getObject("by_age_band")->getValue<int>("0-5") == 0);
    CHECK(json->getObject("timeliness")->getValue<double>("median_days_to_first_action") == 2.0);
}

TEST_CASE("report HTML page has no script or inline style and escapes all text", "[report]") {
    const std::string html = reportHtml(sample(), "/ui/report.css");
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<style") == std::string::npos);
    CHECK(html.find("style=") == std::string::npos);
    CHECK(html.find(" on") == std::string::npos);  // no onclick= or other handlers
    CHECK(html.find("<link rel=\"stylesheet\" href=\"/ui/report.css\">") != std::string::npos);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("Thôn &lt;b&gt;Đông&lt;/b&gt;, &quot;Bắc&quot;") != std::string::npos);
    CHECK(html.find("UBND tỉnh Hưng Yên") != std::string::npos);
    CHECK(html.find("<svg class=\"chart\"") != std::string::npos);
}

TEST_CASE(
    "issue 19: the report paper speaks as a commune's paper: dates and Vietnam time, "
    "signatures",
    "[report]") {
    Report report = sample();
    report.header.generatedAt = "2026-12-03T20:05:00Z";  // 03:05 on the 4th in Vietnam
    const std::string html = reportHtml(report, "/ui/report.css");
    CHECK(html.find("Từ ngày 01/01/2025 đến ngày 31/12/2025") != std::string::npos);
    CHECK(html.find("03:05 ngày 04/12/2026 (giờ Việt Nam)") != std::string::npos);
    CHECK(html.find("2026-12-03T20:05:00Z") == std::string::npos);
    CHECK(html.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
    CHECK(html.find("Người lập biểu") != std::string::npos);
    CHECK(html.find("Thủ trưởng đơn vị") != std::string::npos);
    CHECK(html.find("ngày … tháng … năm …") != std::string::npos);
}

TEST_CASE("report SVG chart draws bars only for shown counts", "[report]") {
    const std::string svg = barChartSvg("A & B",
                                        {{"a", 10, CellState::Shown},
                                         {"b", 3, CellState::Small},
                                         {"c", 7, CellState::Complementary}},
                                        {"<one>", "two", "three"});
    CHECK(svg.find("<title>A &amp; B</title>") != std::string::npos);
    CHECK(svg.find("&lt;one&gt;") != std::string::npos);
    std::size_t bars = 0;
    for (auto at = svg.find("<rect"); at != std::string::npos; at = svg.find("<rect", at + 1))
        ++bars;
    CHECK(bars == 1);  // a hidden count gets no bar: its length would show its value
    CHECK(svg.find(">&lt;5</text>") != std::string::npos);
    CHECK(svg.find(">x</text>") != std::string::npos);
    CHECK(svg.find(">3<") == std::string::npos);
    CHECK(svg.find(">7<") == std::string::npos);
}
