#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "domain/form.hpp"
#include "domain/result.hpp"
#include "service/sale_engine.hpp"
#include "store/form_repository.hpp"
#include "util/clock.hpp"

namespace formlympics::service {

// A seller's form with how many of its orders are in each status.
struct SellerForm {
    domain::Form form;
    std::map<std::string, std::int64_t> orders;
};

// Sale forms: publishing, reading, listing, changing and closing.
class FormService {
  public:
    FormService(store::FormRepository& forms, SaleEngine& engine, const util::Clock& clock);

    // Publishes a form for the seller; validation_failed naming every broken rule.
    domain::Result<domain::Form> create(domain::UserId seller, domain::NewForm form);
    // The form; not_found.
    domain::Result<domain::Form> get(domain::FormId id);
    // Newest first, keyset-paginated; `limit` 1 to 100.
    domain::Page<domain::Form> list(std::optional<domain::FormStatus> status, std::size_t limit,
                                    std::optional<domain::FormId> cursor);
    // One of the seller's own forms with its order counts; not_found for another's.
    domain::Result<SellerForm> mine(domain::UserId seller, domain::FormId id);
    // The seller's own forms, newest first, with their order counts; `limit` 1 to 100.
    domain::Page<SellerForm> mine(domain::UserId seller, std::size_t limit,
                                  std::optional<domain::FormId> cursor);
    // Applies a seller's changes: any field before opening; after opening only the
    // description, closes_at (not into the past) and added stock. forbidden for anyone but the
    // seller, not_found, validation_failed, conflict when the form opened meanwhile.
    domain::Result<domain::Form> update(domain::UserId caller, domain::FormId id,
                                        const domain::FormChanges& changes);
    // Ends the sale now; forbidden for anyone but the seller; not_found.
    domain::Result<domain::Form> close(domain::UserId caller, domain::FormId id);
    // Tells the likers of forms opening within `lead` (each form once); how many forms.
    std::size_t announce_opening_soon(std::chrono::milliseconds lead, std::size_t limit);

  private:
    domain::Result<domain::Form> owned(domain::UserId caller, domain::FormId id);

    store::FormRepository& forms_;
    SaleEngine& engine_;
    const util::Clock& clock_;
};

// The fields of a new form that break a rule; empty when all hold.
std::vector<domain::FieldError> check_new_form(const domain::NewForm& form);

}  // namespace formlympics::service
