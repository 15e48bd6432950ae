#pragma once
// The printable page of the report (GET /reports/print): a whole HTML document in Vietnamese
// with a bar chart per table drawn here as SVG. It works under the server's strict
// Content-Security-Policy: no script, no inline style (no <style>, no style=""), only a link
// to the stylesheet `cssHref` (/ui/report.css); the browser's own Print prints it. Every text
// that comes from data or configuration is escaped. Pure; thread-safe.
#include <string>
#include <vector>

#include "core/report/ReportModel.h"

namespace binhan::core::report {

// Escapes & < > " ' for HTML and XML text and attribute values.
std::string escapeXml(const std::string& text);

// A horizontal bar chart of `cells` as an <svg> element (role="img", titled `title`). Hidden
// counts ("<5", "x") get no bar, only their text, so a bar never shows a hidden value.
std::string barChartSvg(const std::string& title, const std::vector<Cell>& cells,
                        const std::vector<std::string>& labels);

std::string reportHtml(const Report& report, const std::string& cssHref);

}  // namespace binhan::core::report
