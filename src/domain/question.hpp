#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enum_names.hpp"
#include "domain/result.hpp"

namespace formlympics::domain {

// What a seller asks every buyer of a form (an X handle, a fan-club number), and how it is
// answered: free text, or one of the seller's choices.
enum class QuestionKind { TEXT, CHOICE };

inline constexpr EnumNames kQuestionKinds{std::array<std::pair<QuestionKind, std::string_view>, 2>{{
    {QuestionKind::TEXT, "TEXT"},
    {QuestionKind::CHOICE, "CHOICE"},
}}};

inline constexpr std::size_t kMaxQuestions = 10;
inline constexpr std::size_t kMaxChoices = 20;
inline constexpr std::size_t kMaxAnswerLength = 200;

struct Question {
    std::int64_t id = 0;  // 0 until stored
    std::string label;
    QuestionKind kind = QuestionKind::TEXT;
    std::vector<std::string> choices;  // CHOICE only
    bool required = false;
};

// A buyer's answer as sent with an order.
struct AnswerRequest {
    std::int64_t question_id = 0;
    std::string value;
};

// An answer frozen on an order, with the question as it was asked.
struct Answer {
    std::int64_t question_id = 0;
    std::string label;
    std::string value;
};

// The rules a form's questions break (up to 10; a label of 1 to 100 characters; a CHOICE with
// 2 to 20 distinct choices of 1 to 50 characters, a TEXT with none), named under `questions`.
std::vector<FieldError> check_questions(const std::vector<Question>& questions);

// The shape of answers before the form is known: each question at most once, a value of at most
// 200 characters without control characters. Adds what is wrong to `out`.
void check_answer_shape(std::vector<FieldError>& out, const std::vector<AnswerRequest>& answers);

// The answers frozen for an order of a form with these questions: every required one answered
// (not blank), every choice one of the question's, no answer to a question not on the form.
// Answers left out or blank on optional questions are not kept. validation_failed naming each
// answer at fault.
Result<std::vector<Answer>> settle_answers(const std::vector<Question>& questions,
                                           const std::vector<AnswerRequest>& answers);

}  // namespace formlympics::domain
