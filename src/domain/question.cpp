#include "domain/question.hpp"

#include <set>

#include "domain/text.hpp"

namespace formlympics::domain {

std::vector<FieldError> check_questions(const std::vector<Question>& questions) {
    std::vector<FieldError> out;
    if (questions.size() > kMaxQuestions) {
        out.push_back({"questions", "at most " + std::to_string(kMaxQuestions) + " questions"});
    }
    for (std::size_t i = 0; i < questions.size(); ++i) {
        const auto& q = questions[i];
        const auto at = "questions[" + std::to_string(i) + "]";
        check_text(out, at + ".label", q.label, 1, 100);
        if (q.kind == QuestionKind::TEXT) {
            if (!q.choices.empty()) out.push_back({at + ".choices", "a TEXT question has none"});
            continue;
        }
        if (q.choices.size() < 2 || q.choices.size() > kMaxChoices) {
            out.push_back({at + ".choices", "a CHOICE question has 2 to 20 choices"});
        }
        std::set<std::string> seen;
        for (std::size_t c = 0; c < q.choices.size(); ++c) {
            const auto field = at + ".choices[" + std::to_string(c) + "]";
            check_text(out, field, q.choices[c], 1, 50);
            if (!seen.insert(q.choices[c]).second) out.push_back({field, "is listed twice"});
        }
    }
    return out;
}

void check_answer_shape(std::vector<FieldError>& out, const std::vector<AnswerRequest>& answers) {
    if (answers.size() > kMaxQuestions) {
        out.push_back({"answers", "at most " + std::to_string(kMaxQuestions) + " answers"});
    }
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const auto at = "answers[" + std::to_string(i) + "]";
        check_text(out, at + ".value", answers[i].value, 0, kMaxAnswerLength);
        if (!seen.insert(answers[i].question_id).second) {
            out.push_back({at + ".question_id", "is answered twice"});
        }
    }
}

Result<std::vector<Answer>> settle_answers(const std::vector<Question>& questions,
                                           const std::vector<AnswerRequest>& answers) {
    std::vector<FieldError> errors;
    std::vector<Answer> out;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        bool asked = false;
        for (const auto& q : questions) asked = asked || q.id == answers[i].question_id;
        if (!asked) {
            errors.push_back(
                {"answers[" + std::to_string(i) + "].question_id",
                 "question " + std::to_string(answers[i].question_id) + " is not on this form"});
        }
    }
    for (std::size_t k = 0; k < questions.size(); ++k) {
        const auto& q = questions[k];
        const AnswerRequest* given = nullptr;
        std::size_t index = 0;
        for (std::size_t i = 0; i < answers.size(); ++i) {
            if (answers[i].question_id == q.id) {
                given = &answers[i];
                index = i;
            }
        }
        if (given == nullptr || is_blank(given->value)) {
            if (q.required) {
                errors.push_back(
                    {given == nullptr ? "answers" : "answers[" + std::to_string(index) + "].value",
                     "'" + q.label + "' must be answered"});
            }
            continue;
        }
        if (q.kind == QuestionKind::CHOICE) {
            bool listed = false;
            for (const auto& c : q.choices) listed = listed || c == given->value;
            if (!listed) {
                errors.push_back({"answers[" + std::to_string(index) + "].value",
                                  "must be one of the choices of '" + q.label + "'"});
                continue;
            }
        }
        out.push_back({q.id, q.label, given->value});
    }
    if (!errors.empty()) return invalid_fields(std::move(errors));
    return out;
}

}  // namespace formlympics::domain
