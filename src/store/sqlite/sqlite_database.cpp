#include "store/sqlite/sqlite_database.hpp"

namespace formlympics::store {

SqliteDatabase::SqliteDatabase(std::string path, std::size_t readers) : path_(std::move(path)) {
    writer_ = std::make_unique<SqliteConnection>(path_);
    writer_->exec("PRAGMA journal_mode = WAL");
    for (std::size_t i = 0; i < readers; ++i) {
        readers_.push_back(std::make_unique<SqliteConnection>(path_));
    }
}

SqliteDatabase::Lease::Lease(SqliteDatabase& d) : db(d) {
    std::unique_lock lock(db.readers_mutex_);
    db.reader_free_.wait(lock, [this] { return !db.readers_.empty(); });
    conn = std::move(db.readers_.back());
    db.readers_.pop_back();
}

SqliteDatabase::Lease::~Lease() {
    {
        std::lock_guard lock(db.readers_mutex_);
        db.readers_.push_back(std::move(conn));
    }
    db.reader_free_.notify_one();
}

}  // namespace formlympics::store
