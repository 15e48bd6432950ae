#include "core/InputRules.h"

#include "core/CaseValidation.h"

namespace binhan::core {
namespace {

std::string limit(std::size_t n) {
    return std::to_string(n);
}

InputRule phone(const std::string& path) {
    return {path,
            kMaxPhoneChars,
            characterClassPattern(kPhoneCharacters),
            true,
            0,
            false,
            "Số điện thoại chỉ gồm chữ số, dấu cách và các dấu + . -, tối đa " +
                limit(kMaxPhoneChars) + " ký tự (ví dụ: 0912 345 678).",
            "A phone number holds only digits, spaces and + . -, at most " + limit(kMaxPhoneChars) +
                " characters (e.g. 0912 345 678)."};
}

InputRule idNumber(const std::string& path) {
    return {path,
            kMaxIdNumberChars,
            characterClassPattern(kIdNumberCharacters),
            false,
            0,
            false,
            "Số định danh/CCCD chỉ gồm chữ số và chữ cái không dấu, viết liền không cách, tối "
            "đa " +
                limit(kMaxIdNumberChars) + " ký tự (ví dụ: 001190012345).",
            "An ID number holds only digits and letters A-Z, with no spaces, at most " +
                limit(kMaxIdNumberChars) + " characters (e.g. 001190012345)."};
}

InputRule birthYear(const std::string& path) {
    return {path,
            0,
            "^[0-9]{4}$",
            false,
            kMinBirthYear,
            true,
            "Năm sinh gồm 4 chữ số, từ " + std::to_string(kMinBirthYear) +
                " đến năm nay (ví dụ: 1990). Không rõ thì để trống.",
            "A birth year is 4 digits, from " + std::to_string(kMinBirthYear) +
                " to this year (e.g. 1990). Leave it empty when not known."};
}

InputRule text(const std::string& path, std::size_t maxChars, const std::string& vi,
               const std::string& en) {
    return {path,
            maxChars,
            "",
            false,
            0,
            false,
            vi + " tối đa " + limit(maxChars) + " ký tự.",
            en + " has at most " + limit(maxChars) + " characters."};
}

std::vector<InputRule> build() {
    std::vector<InputRule> rules = {
        text("survivor.full_name", kMaxNameChars, "Họ và tên", "A full name"),
        birthYear("survivor.birth_year"),
        text("survivor.village", kMaxVillageChars, "Tên thôn/xóm", "A village name"),
        phone("survivor.phone"),
        idNumber("survivor.id_number"),
        text("perpetrators[].full_name", kMaxNameChars, "Họ và tên", "A full name"),
        birthYear("perpetrators[].birth_year"),
        phone("perpetrators[].phone"),
        idNumber("perpetrators[].id_number"),
        {"incident.date", 0, "", false, 0, true,
         "Ngày xảy ra không được sau hôm nay (giờ Việt Nam).",
         "The date of the incident cannot be after today (Vietnam time)."},
        text("incident.village", kMaxVillageChars, "Tên thôn/xóm", "A village name"),
        text("incident.description", kMaxDescriptionChars, "Phần mô tả", "A description"),
        text("incident.injuries", kMaxInjuriesChars, "Phần thương tích", "The injuries"),
        text("safety_plan", kMaxSafetyPlanChars, "Kế hoạch an toàn", "A safety plan"),
    };
    return rules;
}

}  // namespace

std::string characterClassPattern(const std::string& characters) {
    std::string out = "^[";
    for (char c : characters) {
        if (c == '\\' || c == ']' || c == '[' || c == '^' || c == '-') out += '\\';
        out += c;
    }
    return out + "]*$";
}

const std::vector<InputRule>& caseInputRules() {
    static const std::vector<InputRule> rules = build();
    return rules;
}

}  // namespace binhan::core
