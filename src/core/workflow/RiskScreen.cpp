#include "core/workflow/RiskScreen.h"

#include <algorithm>

namespace binhan::core::workflow {

// clang-format off
const std::vector<RiskQuestion>& riskQuestions() {
    static const std::vector<RiskQuestion> questions = {
        {"threat_to_kill", true, "Người có hành vi bạo lực đã từng đe dọa giết người bị bạo lực (hoặc con cái) chưa?",
         "Has the perpetrator threatened to kill the survivor (or the children)?"},
        {"strangling", true, "Người có hành vi bạo lực đã từng bóp cổ, làm nghẹt thở người bị bạo lực chưa?",
         "Has the perpetrator ever strangled or choked the survivor?"},
        {"weapon", true, "Người có hành vi bạo lực đã dùng hoặc đe dọa dùng dao, súng hay hung khí khác chưa?",
         "Has the perpetrator used or threatened to use a knife, gun or other weapon?"},
        {"escalation", false, "Bạo lực có xảy ra thường xuyên hơn hoặc nặng hơn trong thời gian gần đây không?",
         "Has the violence become more frequent or more severe lately?"},
        {"recent_separation", false, "Người bị bạo lực vừa ly thân, ly hôn hoặc đang tìm cách rời đi không?",
         "Has the survivor recently separated, or is she trying to leave?"},
        {"pregnancy", false, "Người bị bạo lực đang mang thai hoặc vừa sinh con không?",
         "Is the survivor pregnant or has she recently given birth?"},
        {"jealousy_control", false, "Người có hành vi bạo lực có ghen tuông dữ dội, theo dõi hoặc kiểm soát mọi việc của người bị bạo lực không?",
         "Is the perpetrator violently jealous, or does he follow or control what the survivor does?"},
        {"threat_to_children", false, "Người có hành vi bạo lực có đe dọa hoặc làm hại trẻ em trong gia đình không?",
         "Has the perpetrator threatened or harmed the children?"},
        {"substance_abuse", false, "Người có hành vi bạo lực có thường xuyên say rượu hoặc sử dụng ma túy không?",
         "Does the perpetrator often get drunk or use drugs?"},
        {"prior_violation", false, "Người có hành vi bạo lực đã từng vi phạm quyết định cấm tiếp xúc hoặc lệnh của cơ quan có thẩm quyền chưa?",
         "Has the perpetrator ever broken a contact prohibition or another order?"},
        {"forced_sex", false, "Người có hành vi bạo lực có ép buộc quan hệ tình dục không?",
         "Has the perpetrator forced the survivor to have sex?"},
        {"threat_suicide", false, "Người có hành vi bạo lực có đe dọa tự tử không?",
         "Has the perpetrator threatened to kill himself?"},
        {"survivor_fears", false, "Người bị bạo lực có tin rằng người kia có thể giết mình không?",
         "Does the survivor believe the perpetrator could kill her?"},
    };
    return questions;
}
// clang-format on

const RiskQuestion* findRiskQuestion(const std::string& id) {
    const auto& questions = riskQuestions();
    const auto it = std::find_if(questions.begin(), questions.end(),
                                 [&](const RiskQuestion& q) { return q.id == id; });
    return it == questions.end() ? nullptr : &*it;
}

Risk suggestedRisk(const std::map<std::string, std::string>& answers) {
    int severe = 0, other = 0;
    for (const auto& question : riskQuestions()) {
        const auto it = answers.find(question.id);
        if (it == answers.end() || it->second != "yes") continue;
        (question.severe ? severe : other) += 1;
    }
    if (severe >= 2 || (severe == 1 && other >= 3)) return Risk::Critical;
    if (severe == 1 || other >= 5) return Risk::High;
    if (other >= 2) return Risk::Medium;
    return Risk::Low;
}

bool promptsProtection(Risk suggested) {
    return suggested == Risk::High || suggested == Risk::Critical;
}

std::string riskScreenNote(const std::string& language) {
    if (language == "en")
        return "These questions help the conversation; they are not a validated clinical "
               "instrument. The level they suggest is a prompt: your judgement decides, and "
               "a different level needs its reason.";
    return "Các câu hỏi này giúp cuộc trao đổi, không phải công cụ lâm sàng đã được kiểm định. "
           "Mức gợi ý chỉ để nhắc: cán bộ quyết định theo đánh giá của mình, và ghi lý do khi "
           "chọn mức khác.";
}

std::string riskRuleText(const std::string& language) {
    if (language == "en")
        return "Any of threat to kill, strangling, weapon: high; two of them, or one with three "
               "other yes answers: critical. Otherwise five or more yes: high; two to four: "
               "medium; fewer: low.";
    return "Có một trong các dấu hiệu đe dọa giết, bóp cổ, hung khí: cao; hai dấu hiệu đó, hoặc "
           "một cùng ba câu trả lời có khác: rất cao. Nếu không: từ năm câu có trở lên: cao; "
           "hai đến bốn: trung bình; ít hơn: thấp.";
}

}  // namespace binhan::core::workflow
