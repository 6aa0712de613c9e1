#pragma once

#include <optional>
#include <vector>

#include "domain/form.hpp"
#include "domain/order.hpp"
#include "store/sql.hpp"
#include "store/sql_builder.hpp"

namespace formlympics::store {

// What of a form is read beyond its row, products and delivery options.
enum class FormParts { whole, without_images };

// The form with its products and seller name; with `lock`, its product rows are locked for
// update (PostgreSQL). nullopt when there is none. An order batch, which needs no pictures,
// reads it without_images.
std::optional<domain::Form> load_form(SqlSession& s, domain::FormId id, bool lock,
                                      FormParts parts = FormParts::whole);

// Forms selected by `where` (a SQL condition on alias f, with its parameters), newest first, at
// most `limit`, each with its products.
std::vector<domain::Form> load_forms(SqlSession& s, SqlBuilder where, std::size_t limit);

// Orders selected by `where` (a condition on alias o), newest first, at most `limit`, with items.
std::vector<domain::Order> load_orders(SqlSession& s, SqlBuilder where, std::size_t limit);

// The columns of `images` that image_row reads, in its order.
inline constexpr const char* kImageColumns = "id, form_id, product_id, position, width, height";
// An image from a row of kImageColumns.
domain::Image image_row(RowReader r);

// An IN list of the ids: "(1, 2, 3)". Ids are integers, so no quoting is needed.
std::string id_list(const std::vector<std::int64_t>& ids);

}  // namespace formlympics::store
