#include "store/sqlite/sqlite_database.hpp"

namespace formlympics::store {

SqliteDatabase::SqliteDatabase(std::string path, std::size_t readers)
    : path_(std::move(path)),
      readers_(readers, [this] { return std::make_unique<SqliteConnection>(path_); }) {
    writer_ = std::make_unique<SqliteConnection>(path_);
    writer_->exec("PRAGMA journal_mode = WAL");
    readers_.fill(readers);  // opened now, so a bad path stops the start
}

}  // namespace formlympics::store
