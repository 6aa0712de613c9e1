#pragma once

#include <vector>

#include "domain/form_input.hpp"
#include "domain/result.hpp"
#include "store/sql.hpp"

namespace formlympics::store {

// Writes of a form's parts (products, delivery options, questions) inside a form's transaction.
// An expected failure is thrown as FormAbort, which rolls the transaction back and is answered
// with its error.

struct FormAbort {
    domain::Error error;
};

// Adds a product as the form's `position`th.
void insert_product(SqlSession& s, domain::FormId form, std::int64_t position,
                    const domain::NewProduct& product);
// Changes one product; validation_failed (thrown) for a product of another form or a stock below
// what is sold. Tells the likers when stock comes back to a sold-out product.
void apply_product_change(SqlSession& s, domain::FormId form, const domain::ProductChange& change,
                          domain::Millis now);
// Removes products of the form that no order ever held; validation_failed (thrown) otherwise.
void remove_products(SqlSession& s, domain::FormId form, const std::vector<domain::ProductId>& ids);

void insert_delivery_option(SqlSession& s, domain::FormId form, std::int64_t position,
                            const domain::DeliveryOption& option);
// Makes the form's options the given list: listed ids are kept (and changed), the others
// removed, options without an id added.
void replace_delivery_options(SqlSession& s, domain::FormId form,
                              const std::vector<domain::DeliveryOption>& options);
// Makes the form's questions the given list (new ids).
void replace_questions(SqlSession& s, domain::FormId form,
                       const std::vector<domain::Question>& questions);

}  // namespace formlympics::store
