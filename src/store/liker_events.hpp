#pragma once

#include <string>

#include "domain/form.hpp"
#include "store/sql.hpp"

namespace formlympics::store {

// Outbox events for everyone who liked a form, written inside the caller's transaction.

// `restocked` to the likers of the product's form: the product had sold out and has stock again.
void queue_restocked(SqlSession& s, domain::ProductId product, domain::Millis now);

// `opening_soon` to the form's likers, once: false (and nothing written) when they were told
// before.
bool queue_opening_soon(SqlSession& s, domain::FormId form, const std::string& payload,
                        domain::Millis now);

}  // namespace formlympics::store
