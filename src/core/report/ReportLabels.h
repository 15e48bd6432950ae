#pragma once
// The Vietnamese words of the report (GLOSSARY.md): table titles, category labels and column
// headers, for the CSV and the printable page. The JSON keeps the API spelling; the UI has its
// own catalogue. Pure; thread-safe.
#include <string>

#include "core/report/ReportModel.h"

namespace binhan::core::report {

// "Người bị bạo lực theo giới tính" for "by_sex"; the key itself when unknown.
std::string tableTitle(const std::string& tableKey);
// "Nữ" for ("by_sex", "female"); village names as they are; the key itself when unknown.
std::string categoryLabel(const std::string& tableKey, const std::string& key);
// "Số vụ việc" for "cases".
std::string totalLabel(const std::string& totalKey);
std::string purposeLabel(Purpose purpose);

// The CSV's column headers and fixed words.
inline constexpr const char* kColumnGroup = "Nhóm chỉ tiêu";
inline constexpr const char* kColumnCode = "Mã";
inline constexpr const char* kColumnLabel = "Chỉ tiêu";
inline constexpr const char* kColumnValue = "Số liệu";
inline constexpr const char* kWordTotal = "Tổng số";
inline constexpr const char* kReportTitle =
    "Báo cáo số liệu thống kê về phòng, chống bạo lực trên cơ sở giới";
inline constexpr const char* kSmallCountNote =
    "Số từ 1 đến 4 ghi là \"<5\"; \"x\" là số được ẩn thêm để không suy ra được các số nhỏ từ "
    "tổng. Báo cáo không chứa thông tin nhận dạng cá nhân.";
inline constexpr const char* kMedianLabel =
    "Số ngày (trung vị) từ khi tiếp nhận đến biện pháp đầu tiên";
inline constexpr const char* kWithActionLabel = "Số vụ việc đã có biện pháp xử lý";

}  // namespace binhan::core::report
