#include "core/workflow/SurvivorFeedback.h"

#include <algorithm>

#include "core/Error.h"

namespace binhan::core::workflow {

const std::vector<FeedbackQuestion>& feedbackQuestions() {
    static const std::vector<FeedbackQuestion> questions = {
        {"felt_safe",
         {"yes", "partly", "no"},
         "Chị có cảm thấy an toàn hơn sau khi được hỗ trợ không?",
         "Do you feel safer after the support you received?"},
        {"respected",
         {"yes", "partly", "no"},
         "Cán bộ có lắng nghe và tôn trọng chị không?",
         "Did the officers listen to you and treat you with respect?"},
        {"knows_help",
         {"yes", "no"},
         "Chị có biết tìm giúp đỡ ở đâu nếu việc này xảy ra lần nữa không?",
         "Do you know where to get help if it happens again?"},
        {"would_return",
         {"yes", "no"},
         "Chị có quay lại đây nếu cần giúp đỡ không?",
         "Would you come back here if you needed help?"},
    };
    return questions;
}

std::map<std::string, std::string> parseFeedback(const Poco::JSON::Object& feedback) {
    const char* const field = "survivor_feedback";
    std::map<std::string, std::string> out;
    if (feedback.has("declined")) {
        const auto v = feedback.get("declined");
        if (!v.isBoolean() || !v.convert<bool>() || feedback.size() != 1)
            throw Invalid(field,
                          "Either the survivor declined (declined: true) or give her answers.");
        out["declined"] = "true";
        return out;
    }
    for (const auto& entry : feedback) {
        const auto& questions = feedbackQuestions();
        const auto q = std::find_if(questions.begin(), questions.end(),
                                    [&](const FeedbackQuestion& f) { return f.id == entry.first; });
        if (q == questions.end())
            throw Invalid(field, "This is not a question of the survivor's feedback.");
        const std::string answer =
            entry.second.isString() ? entry.second.extract<std::string>() : "";
        if (std::find(q->answers.begin(), q->answers.end(), answer) == q->answers.end())
            throw Invalid(std::string(field) + "." + q->id, "Choose one of the answers offered.");
        out[q->id] = answer;
    }
    if (out.empty()) throw Invalid(field, "Give at least one answer, or declined: true.");
    return out;
}

}  // namespace binhan::core::workflow
