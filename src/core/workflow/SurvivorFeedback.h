#pragma once
// The survivor's feedback at closure (issue 20): a few questions, answered anonymously and
// counted only in aggregate. The answers are never stored with the case: the store keeps counts
// per commune, month, question and answer, so no answer can be traced to a survivor, and the
// report publishes them with the usual small-count suppression. The survivor may decline.
// Pure; thread-safe (static data).
#include <map>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

namespace binhan::core::workflow {

struct FeedbackQuestion {
    std::string id;                    // API name: "felt_safe"
    std::vector<std::string> answers;  // "yes", "partly", "no"
    std::string vi, en;                // the question read to the survivor
};

const std::vector<FeedbackQuestion>& feedbackQuestions();

// The answers of `survivor_feedback` of a close body: {"declined": true} → no answers (the
// counts record one declined form); otherwise each question answered from its list (a question
// left out is not counted). Throws Invalid("survivor_feedback[.<question>]") for anything else.
// Returns question → answer; a declined form is {"declined": "true"}.
std::map<std::string, std::string> parseFeedback(const Poco::JSON::Object& feedback);

}  // namespace binhan::core::workflow
