#include "store/image_store.hpp"

#include <algorithm>
#include <set>

#include "store/form_rows.hpp"

namespace formlympics::store {
namespace {

// The condition on alias-less `images` that selects one gallery, its parameters from $2.
std::string gallery_of(const std::optional<domain::ProductId>& product) {
    return product ? "form_id = $1 AND product_id = $2" : "form_id = $1 AND product_id IS NULL";
}

SqlParams gallery_params(domain::FormId form, const std::optional<domain::ProductId>& product) {
    SqlParams p;
    p.add(form);
    if (product) p.add(*product);
    return p;
}

// Locks the form's row against concurrent gallery changes (every change takes it first, so two
// never wait on each other's image rows) and checks the gallery exists and, with `now`, that
// the sale has not closed. PostgreSQL takes FOR NO KEY UPDATE, which orders being placed (they
// hold FOR KEY SHARE on the form through their foreign key) do not wait for.
std::optional<domain::Error> lock_gallery(SqlSession& s, domain::FormId form,
                                          const std::optional<domain::ProductId>& product,
                                          std::optional<domain::Millis> now = std::nullopt) {
    const char* lock = s.dialect() == SqlSession::Dialect::postgres ? " FOR NO KEY UPDATE" : "";
    const auto f =
        s.query(std::string("SELECT closes_at, closed_at FROM forms WHERE id = $1") + lock,
                SqlParams().add(form));
    if (f.empty()) return domain::fail(domain::Errc::not_found, "no such form");
    if (now && (f.opt_int64(0, 1) || *now >= f.int64(0, 0))) {
        return domain::fail(domain::Errc::conflict,
                            "the sale has closed; a closed form cannot be changed");
    }
    if (product && s.query("SELECT id FROM products WHERE id = $1 AND form_id = $2",
                           SqlParams().add(*product).add(form))
                       .empty()) {
        return domain::fail(domain::Errc::not_found,
                            "the form has no product " + std::to_string(*product));
    }
    return std::nullopt;
}

std::vector<domain::Image> gallery(SqlSession& s, domain::FormId form,
                                   const std::optional<domain::ProductId>& product) {
    const auto rows = s.query(std::string("SELECT ") + kImageColumns + " FROM images WHERE " +
                                  gallery_of(product) + " ORDER BY position, id",
                              gallery_params(form, product));
    std::vector<domain::Image> out;
    for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(image_row(RowReader(rows, i)));
    return out;
}

}  // namespace

domain::Result<domain::Image> ImageStore::add(const domain::Image& image, domain::Millis now) {
    return db_.write_result([&](SqlSession& s) -> domain::Result<domain::Image> {
        // Checked again here: the sale may have closed while the picture was being encoded.
        if (auto e = lock_gallery(s, image.form_id, image.product_id, now)) return *e;
        const auto present = gallery(s, image.form_id, image.product_id);
        const auto max = domain::max_images(image.product_id);
        if (present.size() >= max) {
            return domain::fail(domain::Errc::conflict,
                                std::string(image.product_id ? "a product" : "a form's cover") +
                                    " has at most " + std::to_string(max) +
                                    " images; delete one first");
        }
        domain::Image out = image;
        out.position = present.empty() ? 0 : present.back().position + 1;
        s.execute(
            "INSERT INTO images (id, form_id, product_id, position, width, height, created_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            SqlParams()
                .add(out.id)
                .add(out.form_id)
                .add(out.product_id)
                .add(std::int64_t{out.position})
                .add(std::int64_t{out.width})
                .add(std::int64_t{out.height})
                .add(now));
        return out;
    });
}

std::optional<domain::Image> ImageStore::remove(domain::FormId form, const std::string& id) {
    return db_.write_result([&](SqlSession& s) -> std::optional<domain::Image> {
        if (lock_gallery(s, form, std::nullopt)) return std::nullopt;
        const auto rows =
            s.query(std::string("DELETE FROM images WHERE id = $1 AND form_id = $2 RETURNING ") +
                        kImageColumns,
                    SqlParams().add(id).add(form));
        if (rows.empty()) return std::nullopt;
        const auto image = image_row(RowReader(rows, 0));
        // The rest close up, so positions stay 0, 1, 2, ...
        s.execute("UPDATE images SET position = position - 1 WHERE " +
                      gallery_of(image.product_id) + " AND position > $" +
                      std::to_string(image.product_id ? 3 : 2),
                  gallery_params(form, image.product_id).add(std::int64_t{image.position}));
        return image;
    });
}

bool ImageStore::exists(const std::string& id) {
    return db_.read_result([&](SqlSession& s) {
        return !s.query("SELECT 1 FROM images WHERE id = $1", SqlParams().add(id)).empty();
    });
}

domain::Result<std::vector<domain::Image>> ImageStore::reorder(
    domain::FormId form, std::optional<domain::ProductId> product,
    const std::vector<std::string>& ids) {
    return db_.write_result([&](SqlSession& s) -> domain::Result<std::vector<domain::Image>> {
        if (auto e = lock_gallery(s, form, product)) return *e;
        auto present = gallery(s, form, product);
        std::set<std::string> have;
        for (const auto& image : present) have.insert(image.id);
        const std::set<std::string> given(ids.begin(), ids.end());
        if (given.size() != ids.size() || given != have) {
            return domain::invalid_fields(
                {{"ids", "must list each of the " + std::to_string(present.size()) +
                             " images of the gallery exactly once"}});
        }
        std::vector<domain::Image> out;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            s.execute("UPDATE images SET position = $1 WHERE id = $2",
                      SqlParams().add(static_cast<std::int64_t>(i)).add(ids[i]));
            auto it = std::find_if(present.begin(), present.end(),
                                   [&](const auto& image) { return image.id == ids[i]; });
            it->position = static_cast<int>(i);
            out.push_back(*it);
        }
        return out;
    });
}

}  // namespace formlympics::store
