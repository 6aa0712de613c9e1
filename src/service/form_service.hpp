#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "domain/form.hpp"
#include "domain/result.hpp"
#include "service/form_rules.hpp"
#include "service/sale_engine.hpp"
#include "store/form_repository.hpp"
#include "util/clock.hpp"

namespace formlympics::service {

// A seller's form with how many of its orders are in each status.
struct SellerForm {
    domain::Form form;
    std::map<std::string, std::int64_t> orders;
};

// Sale forms: drafting, publishing, reading, listing, searching, changing, copying, deleting and
// closing.
class FormService {
  public:
    FormService(store::FormRepository& forms, SaleEngine& engine, const util::Clock& clock);

    // Called with the ids of pictures whose rows are gone (a product or a form deleted), so their
    // bytes go too. Set once, at startup.
    void on_images_dropped(std::function<void(const std::vector<std::string>&)> listener) {
        images_dropped_ = std::move(listener);
    }

    // Creates a form for the seller (a DRAFT, PUBLIC or UNLISTED one); validation_failed naming
    // every broken rule.
    domain::Result<domain::Form> create(domain::UserId seller, domain::NewForm form);
    // The form as anyone may see it; not_found, also for a draft.
    domain::Result<domain::Form> get(domain::FormId id);
    // Public forms, newest first, keyset-paginated; `limit` 1 to 100.
    domain::Page<domain::Form> list(const store::FormFilter& filter, std::size_t limit,
                                    std::optional<domain::FormId> cursor);
    // One of the seller's own forms, drafts included, with its order counts; not_found for
    // another's.
    domain::Result<SellerForm> mine(domain::UserId seller, domain::FormId id);
    // The seller's own forms, newest first, with their order counts; `limit` 1 to 100.
    domain::Page<SellerForm> mine(domain::UserId seller, const store::SellerFilter& filter,
                                  std::size_t limit, std::optional<domain::FormId> cursor);
    // Applies a seller's changes (check_form_change). forbidden for anyone but the seller,
    // not_found, validation_failed, conflict once closed or when the form opened meanwhile.
    domain::Result<domain::Form> update(domain::UserId caller, domain::FormId id,
                                        domain::FormChanges changes);
    // Makes a draft (or a published form) PUBLIC or UNLISTED; from then on the opening rules
    // apply. validation_failed for DRAFT or a window that has ended; forbidden, not_found,
    // conflict once closed.
    domain::Result<domain::Form> publish(domain::UserId caller, domain::FormId id,
                                         domain::Visibility visibility);
    // A new draft with the form's products (fresh stock), options, questions, delivery options,
    // window and bank account, and no orders; forbidden, not_found.
    domain::Result<domain::Form> copy(domain::UserId caller, domain::FormId id);
    // Deletes a form that never had an order: nullopt when done; forbidden, not_found,
    // conflict when it has orders.
    std::optional<domain::Error> remove(domain::UserId caller, domain::FormId id);
    // Ends the sale now; forbidden for anyone but the seller; not_found.
    domain::Result<domain::Form> close(domain::UserId caller, domain::FormId id);
    // Tells the likers of forms opening within `lead` (each form once); how many forms.
    std::size_t announce_opening_soon(std::chrono::milliseconds lead, std::size_t limit);

  private:
    // The seller's own form, drafts included; forbidden for another's, not_found.
    domain::Result<domain::Form> owned(domain::UserId caller, domain::FormId id);
    void drop_images(const std::vector<std::string>& ids) const;

    store::FormRepository& forms_;
    SaleEngine& engine_;
    const util::Clock& clock_;
    std::function<void(const std::vector<std::string>&)> images_dropped_;
};

}  // namespace formlympics::service
