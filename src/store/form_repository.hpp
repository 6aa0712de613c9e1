#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/form.hpp"
#include "domain/form_input.hpp"
#include "domain/page.hpp"
#include "domain/result.hpp"

namespace formlympics::store {

using domain::FormChanges;
using domain::NewForm;
using domain::NewProduct;
using domain::ProductChange;

// A form about to open, as its likers hear of it.
struct OpeningSoon {
    domain::FormId id = 0;
    std::string title;
    domain::Millis opens_at = 0;
    domain::UserId seller_id = 0;
    std::string seller_name;
};

using FormPage = domain::Page<domain::Form>;

// Which public forms a list shows.
struct FormFilter {
    std::optional<domain::FormStatus> status;
    std::optional<domain::UserId> seller{};
    std::string text{};  // found in the title or the description; empty: any
};

// Which of a seller's own forms a list shows: drafts only, or published forms of a status.
struct SellerFilter {
    bool drafts = false;
    std::optional<domain::FormStatus> status;
};

// Persistent sale forms and their products.
class FormRepository {
  public:
    virtual ~FormRepository() = default;

    // Stores the form and its products (in the given order); the stored form.
    virtual domain::Form create(const NewForm& form) = 0;
    // The form with its products and seller name; nullopt when there is none.
    virtual std::optional<domain::Form> find(domain::FormId id) = 0;
    // Public forms the filter selects (status at `now`), newest first: up to `limit` with ids
    // below `before`.
    virtual FormPage list(const FormFilter& filter, std::size_t limit,
                          std::optional<domain::FormId> before, domain::Millis now) = 0;
    // The seller's forms, drafts included, newest first: up to `limit` with ids below `before`.
    virtual FormPage list_by_seller(domain::UserId seller, const SellerFilter& filter,
                                    std::size_t limit, std::optional<domain::FormId> before,
                                    domain::Millis now) = 0;
    // How many orders each of the forms holds in each status (statuses with none left out).
    virtual std::map<domain::FormId, std::map<std::string, std::int64_t>> order_counts(
        const std::vector<domain::FormId>& forms) = 0;
    // Applies the changes in one transaction. With `unopened_at`, applies only while the form
    // is a draft or opens after that instant (conflict otherwise). A stock total below what is
    // sold, a product of another form, removing one that has orders or the last one are
    // validation_failed; no form not_found.
    virtual domain::Result<domain::Form> update(domain::FormId id, const FormChanges& changes,
                                                std::optional<domain::Millis> unopened_at) = 0;
    // Makes the form PUBLIC or UNLISTED while its sale has not ended by `now`: the form;
    // not_found, conflict once closed.
    virtual domain::Result<domain::Form> set_visibility(domain::FormId id,
                                                        domain::Visibility visibility,
                                                        domain::Millis now) = 0;
    // Deletes a form that never had an order, with its products, options, questions, coupons,
    // likes and pictures' rows: the ids of the pictures, whose bytes the caller removes.
    // not_found; conflict when it has orders.
    virtual domain::Result<std::vector<std::string>> remove(domain::FormId id) = 0;
    // Ends the sale at `now` unless it already ended; the form, or nullopt when there is none.
    virtual std::optional<domain::Form> close(domain::FormId id, domain::Millis now) = 0;
    // Up to `limit` forms opening after `now` and at most `lead` later whose likers were not
    // told yet, soonest first.
    virtual std::vector<OpeningSoon> opening_soon(domain::Millis now, domain::Millis lead,
                                                  std::size_t limit) = 0;
    // Tells the form's likers it opens soon (`payload` is the event's JSON), once: false when
    // they were told before.
    virtual bool announce_opening(domain::FormId id, const std::string& payload,
                                  domain::Millis now) = 0;
};

}  // namespace formlympics::store
