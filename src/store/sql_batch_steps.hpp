#pragma once

#include <memory>

#include "store/order_batch.hpp"
#include "store/sql.hpp"

namespace formlympics::store {

// The batch steps over either SQL database, inside the session's transaction.
std::unique_ptr<BatchSteps> sql_batch_steps(SqlSession& s);

}  // namespace formlympics::store
