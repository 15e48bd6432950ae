#pragma once
// The suppressed Report written out: JSON (API.md "GET /api/v1/reports/summary") and CSV
// (UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting, Vietnamese column headers,
// so it opens as it should in spreadsheet programs). Only what suppress() left publishable is
// written: a hidden count never leaves this file as a number. Pure; thread-safe.
#include <Poco/JSON/Object.h>

#include <string>

#include "core/report/ReportModel.h"

namespace binhan::core::report {

// {"header": {...}, "totals": {...}, "<table>": {category: count|"<5"|"x"}, …,
//  "timeliness": {...}, "suppression": {...}}. Counts are numbers; hidden ones strings.
Poco::JSON::Object::Ptr reportJson(const Report& report);

// Four columns — Nhóm chỉ tiêu, Mã, Chỉ tiêu, Số liệu — one row per figure: first the report's
// header (commune, recipient, period, time made, purpose, the small-count rule), then the
// totals, then each table (its total first, for partition tables).
std::string reportCsv(const Report& report);

// One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF (quotes doubled).
// A field a spreadsheet would run as a formula (starting with = + - @ or a tab/CR) gets a
// leading apostrophe first (OWASP "CSV injection"): village names are typed by users.
std::string csvField(const std::string& text);

}  // namespace binhan::core::report
