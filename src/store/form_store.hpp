#pragma once

#include "store/form_repository.hpp"
#include "store/sql.hpp"

namespace formlympics::store {

// FormRepository over either SQL database.
class FormStore final : public FormRepository {
  public:
    explicit FormStore(SqlDatabase& db) : db_(db) {}

    domain::Form create(const NewForm& form) override;
    std::optional<domain::Form> find(domain::FormId id) override;
    FormPage list_by_seller(domain::UserId seller, const SellerFilter& filter, std::size_t limit,
                            std::optional<domain::FormId> before, domain::Millis now) override;
    std::map<domain::FormId, std::map<std::string, std::int64_t>> order_counts(
        const std::vector<domain::FormId>& forms) override;
    FormPage list(const FormFilter& filter, std::size_t limit, std::optional<domain::FormId> before,
                  domain::Millis now) override;
    domain::Result<domain::Form> update(domain::FormId id, const FormChanges& changes,
                                        std::optional<domain::Millis> unopened_at) override;
    domain::Result<domain::Form> set_visibility(domain::FormId id, domain::Visibility visibility,
                                                domain::Millis now) override;
    domain::Result<std::vector<std::string>> remove(domain::FormId id) override;
    std::optional<domain::Form> close(domain::FormId id, domain::Millis now) override;
    std::vector<OpeningSoon> opening_soon(domain::Millis now, domain::Millis lead,
                                          std::size_t limit) override;
    bool announce_opening(domain::FormId id, const std::string& payload,
                          domain::Millis now) override;

  private:
    SqlDatabase& db_;
};

}  // namespace formlympics::store
