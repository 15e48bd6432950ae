#include "core/report/ReportLabels.h"

#include <map>

namespace binhan::core::report {
namespace {

using Words = std::map<std::string, std::string>;

const Words kTitles = {
    {"by_type", "Vụ việc theo hình thức bạo lực"},
    {"by_village", "Vụ việc theo thôn (nơi xảy ra)"},
    {"by_sex", "Người bị bạo lực theo giới tính"},
    {"by_age_band", "Người bị bạo lực theo nhóm tuổi"},
    {"perpetrators_by_sex", "Người có hành vi bạo lực theo giới tính"},
    {"by_relationship", "Người có hành vi bạo lực theo quan hệ với người bị bạo lực"},
    {"by_agency", "Vụ việc theo cơ quan tham gia xử lý"},
    {"reporting_delay", "Vụ việc theo thời gian từ khi xảy ra đến khi tiếp nhận tin báo"},
    {"interventions", "Biện pháp can thiệp của Công an xã"},
    {"mediation", "Hòa giải ở cơ sở theo kết quả"},
    {"legal_aid", "Trợ giúp pháp lý theo hình thức"},
    {"support", "Hỗ trợ người bị bạo lực theo loại"},
    {"protection", "Đề nghị cấm tiếp xúc theo kết quả"},
    {"referrals", "Chuyển gửi theo kết quả"},
    {"closed_by_reason", "Vụ việc đã kết thúc theo lý do"},
    {"by_channel", "Vụ việc theo hình thức tiếp nhận tin báo (Điều 19 Luật PCBLGĐ)"},
    {"hours_to_police",
     "Thời gian từ khi tiếp nhận tin báo đến biện pháp can thiệp đầu tiên của Công an xã"},
    {"hours_to_decision", "Thời gian từ khi nhận đề nghị đến khi quyết định cấm tiếp xúc"},
    {"hours_to_acceptance", "Thời gian từ khi chuyển gửi đến khi được tiếp nhận"},
    {"hours_to_union", "Thời gian từ khi mở vụ việc đến lần thăm hỏi đầu tiên của Hội Phụ nữ"},
    {"survivor_feedback", "Ý kiến của người bị bạo lực khi kết thúc vụ việc (ẩn danh)"},
};

const Words kTotals = {
    {"cases", "Số vụ việc"},
    {"survivors", "Số người bị bạo lực"},
    {"perpetrators", "Số người có hành vi bạo lực"},
    {"interventions", "Số lần can thiệp của Công an xã"},
    {"mediations", "Số buổi hòa giải"},
    {"legal_aid", "Số lượt trợ giúp pháp lý"},
    {"support", "Số lượt hỗ trợ"},
    {"protection_requests", "Số đề nghị cấm tiếp xúc"},
    {"referrals", "Số lượt chuyển gửi"},
    {"closed", "Số vụ việc đã kết thúc"},
    {"cases_with_police_action", "Số vụ việc có biện pháp can thiệp của Công an xã"},
    {"protection_decisions", "Số đề nghị đã được quyết định"},
    {"accepted_referrals", "Số lượt chuyển gửi được tiếp nhận"},
    {"cases_with_union_follow_up", "Số vụ việc có thăm hỏi của Hội Phụ nữ"},
};

const Words kViolence = {
    {"physical", "Bạo lực thể chất"},
    {"psychological", "Bạo lực tinh thần"},
    {"sexual", "Bạo lực tình dục"},
    {"economic", "Bạo lực kinh tế"},
    {"forced_marriage", "Cưỡng ép kết hôn, tảo hôn"},
    {"trafficking", "Mua bán người"},
    {"neglect", "Bỏ mặc, không chăm sóc"},
    {"other", "Khác"},
};
const Words kSex = {{"female", "Nữ"}, {"male", "Nam"}, {"other", "Khác"}, {"unknown", "Không rõ"}};
const Words kAge = {{"0-5", "Từ 0 đến 5 tuổi"},     {"6-11", "Từ 6 đến 11 tuổi"},
                    {"12-15", "Từ 12 đến 15 tuổi"}, {"16-17", "Từ 16 đến 17 tuổi"},
                    {"18-29", "Từ 18 đến 29 tuổi"}, {"30-59", "Từ 30 đến 59 tuổi"},
                    {"60+", "Từ 60 tuổi trở lên"},  {"unknown", "Không rõ"}};
const Words kRelationship = {
    {"spouse", "Vợ/chồng"},
    {"former_spouse", "Vợ/chồng cũ"},
    {"partner", "Người chung sống, bạn tình"},
    {"parent", "Cha/mẹ"},
    {"child", "Con"},
    {"sibling", "Anh, chị, em"},
    {"other_relative", "Người thân khác"},
    {"teacher", "Giáo viên"},
    {"schoolmate", "Bạn học"},
    {"acquaintance", "Người quen"},
    {"stranger", "Người lạ"},
    {"other", "Khác"},
};
const Words kAgency = {{"police", "Công an xã"},
                       {"justice", "Công chức Tư pháp – Hộ tịch"},
                       {"union", "Hội Liên hiệp Phụ nữ xã"},
                       {"school", "Nhà trường"}};
const Words kDelay = {{"0-3", "Từ 0 đến 3 ngày"},
                      {"4-5", "Từ 4 đến 5 ngày"},
                      {"6-14", "Từ 6 đến 14 ngày"},
                      {"15-30", "Từ 15 đến 30 ngày"},
                      {"over_30", "Trên 30 ngày"}};
const Words kIntervention = {{"stopped_violence", "Buộc chấm dứt hành vi bạo lực"},
                             {"summons", "Yêu cầu đến trụ sở Công an xã"},
                             {"other", "Biện pháp khác"}};
const Words kMediation = {
    {"agreed", "Hòa giải thành"}, {"not_agreed", "Hòa giải không thành"}, {"postponed", "Hoãn"}};
const Words kLegalAid = {{"representation", "Tham gia tố tụng, đại diện"},
                         {"advice", "Tư vấn pháp luật"},
                         {"other", "Hình thức khác"}};
const Words kSupport = {{"shelter", "Nơi tạm lánh, địa chỉ tin cậy ở cộng đồng"},
                        {"essential_needs", "Hỗ trợ nhu cầu thiết yếu"},
                        {"health_care", "Chăm sóc, điều trị y tế"},
                        {"counselling", "Tư vấn tâm lý"},
                        {"behaviour_change", "Giáo dục, hỗ trợ chuyển đổi hành vi"},
                        {"livelihood", "Hỗ trợ sinh kế"},
                        {"other", "Hỗ trợ khác"}};
const Words kProtection = {{"granted", "Quyết định cấm tiếp xúc"},
                           {"refused", "Không ra quyết định"},
                           {"pending", "Chưa quyết định"}};
const Words kReferral = {{"accepted", "Đã tiếp nhận"},
                         {"declined", "Đã từ chối"},
                         {"waiting", "Đang chờ trả lời"},
                         {"withdrawn", "Đã rút lại"}};
const Words kClosure = {{"resolved", "Đã giải quyết xong"},
                        {"survivor_request", "Theo yêu cầu của người bị bạo lực"},
                        {"moved_away", "Chuyển khỏi địa bàn"},
                        {"transferred", "Chuyển cơ quan khác giải quyết"},
                        {"other", "Lý do khác"},
                        {"unspecified", "Không phân loại lý do"}};

const Words kChannel = {{"in_person", "Trực tiếp báo tin"},
                        {"phone", "Gọi điện thoại"},
                        {"sms", "Nhắn tin"},
                        {"letter", "Gửi đơn, thư"},
                        {"hotline", "Tổng đài điện thoại quốc gia"},
                        {"school", "Cơ sở giáo dục"},
                        {"village_head", "Trưởng thôn, Tổ trưởng tổ dân phố"},
                        {"mass_organisation", "Tổ chức chính trị - xã hội"},
                        {"other", "Hình thức khác"},
                        {"unknown", "Không ghi nhận"}};
const Words kHours = {{"lt_1h", "Dưới 1 giờ"},
                      {"1_12h", "Từ 1 đến dưới 12 giờ"},
                      {"12_24h", "Từ 12 đến dưới 24 giờ"},
                      {"1_3d", "Từ 1 đến dưới 3 ngày"},
                      {"3_7d", "Từ 3 đến dưới 7 ngày"},
                      {"gt_7d", "Từ 7 ngày trở lên"}};
const Words kFeedback = {{"felt_safe|yes", "Cảm thấy an toàn hơn: có"},
                         {"felt_safe|partly", "Cảm thấy an toàn hơn: một phần"},
                         {"felt_safe|no", "Cảm thấy an toàn hơn: không"},
                         {"respected|yes", "Được lắng nghe, tôn trọng: có"},
                         {"respected|partly", "Được lắng nghe, tôn trọng: một phần"},
                         {"respected|no", "Được lắng nghe, tôn trọng: không"},
                         {"knows_help|yes", "Biết tìm giúp đỡ ở đâu: có"},
                         {"knows_help|no", "Biết tìm giúp đỡ ở đâu: không"},
                         {"would_return|yes", "Sẽ quay lại khi cần: có"},
                         {"would_return|no", "Sẽ quay lại khi cần: không"},
                         {"declined|true", "Không muốn trả lời"}};

const std::map<std::string, const Words*> kCategories = {
    {"by_channel", &kChannel},
    {"hours_to_police", &kHours},
    {"hours_to_decision", &kHours},
    {"hours_to_acceptance", &kHours},
    {"hours_to_union", &kHours},
    {"survivor_feedback", &kFeedback},
    {"by_type", &kViolence},
    {"by_sex", &kSex},
    {"by_age_band", &kAge},
    {"perpetrators_by_sex", &kSex},
    {"by_relationship", &kRelationship},
    {"by_agency", &kAgency},
    {"reporting_delay", &kDelay},
    {"interventions", &kIntervention},
    {"mediation", &kMediation},
    {"legal_aid", &kLegalAid},
    {"support", &kSupport},
    {"protection", &kProtection},
    {"referrals", &kReferral},
    {"closed_by_reason", &kClosure},
};

std::string lookup(const Words& words, const std::string& key) {
    auto it = words.find(key);
    return it == words.end() ? key : it->second;
}

}  // namespace

std::string tableTitle(const std::string& tableKey) {
    return lookup(kTitles, tableKey);
}

std::string categoryLabel(const std::string& tableKey, const std::string& key) {
    auto it = kCategories.find(tableKey);
    return it == kCategories.end() ? key : lookup(*it->second, key);
}

std::string totalLabel(const std::string& totalKey) {
    return lookup(kTotals, totalKey);
}

std::string purposeLabel(Purpose purpose) {
    return purpose == Purpose::Export
               ? "Xuất số liệu thống kê (chỉ các vụ việc có sự đồng ý cho thống kê)"
               : "Báo cáo định kỳ theo quy định (tất cả vụ việc, không có thông tin nhận dạng)";
}

}  // namespace binhan::core::report
