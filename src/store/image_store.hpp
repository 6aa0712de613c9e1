#pragma once

#include "store/image_repository.hpp"
#include "store/sql.hpp"

namespace formlympics::store {

// ImageRepository over either SQL database.
class ImageStore final : public ImageRepository {
  public:
    explicit ImageStore(SqlDatabase& db) : db_(db) {}

    domain::Result<domain::Image> add(const domain::Image& image, domain::Millis now) override;
    std::optional<domain::Image> remove(domain::FormId form, const std::string& id) override;
    bool exists(const std::string& id) override;
    domain::Result<std::vector<domain::Image>> reorder(
        domain::FormId form, std::optional<domain::ProductId> product,
        const std::vector<std::string>& ids) override;

  private:
    SqlDatabase& db_;
};

// The image bytes as files under a directory (the embedded default): one file per id and size,
// in a subdirectory named by the id's first two digits, each written whole or not at all.
class DirectoryImageBytes final : public ImageBytes {
  public:
    // Creates the directory when it does not exist.
    explicit DirectoryImageBytes(std::string root);

    void put(const std::string& id, domain::ImageSize size, const std::string& bytes) override;
    std::optional<std::string> get(const std::string& id, domain::ImageSize size) override;
    void remove(const std::string& id) override;

  private:
    std::string path(const std::string& id, domain::ImageSize size) const;

    std::string root_;
};

// The image bytes in the database's image_bytes table (PostgreSQL), so that every instance
// serves every image.
class SqlImageBytes final : public ImageBytes {
  public:
    explicit SqlImageBytes(SqlDatabase& db) : db_(db) {}

    void put(const std::string& id, domain::ImageSize size, const std::string& bytes) override;
    std::optional<std::string> get(const std::string& id, domain::ImageSize size) override;
    void remove(const std::string& id) override;

  private:
    SqlDatabase& db_;
};

}  // namespace formlympics::store
