// Where image bytes live: files on the embedded default, a table on PostgreSQL.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "store/image_store.hpp"
#include "util/encoding.hpp"

namespace formlympics::store {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail_io(const std::string& what, const std::string& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path);
}

// Writes the file whole: a temporary beside it, flushed to disk, then renamed over the name, so
// a reader sees the old file, the new one or none, never part of one.
void write_whole(const std::string& path, const std::string& bytes) {
    const auto temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail_io("cannot create", temporary);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            fail_io("cannot write", temporary);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        fail_io("cannot flush", temporary);
    }
    ::close(fd);
    if (::rename(temporary.c_str(), path.c_str()) != 0) fail_io("cannot rename", temporary);
    // The rename itself reaches the disk only with its directory.
    const auto dir = fs::path(path).parent_path().string();
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) fail_io("cannot open", dir);
    const int rc = ::fsync(dir_fd);
    ::close(dir_fd);
    if (rc != 0) fail_io("cannot flush", dir);
}

}  // namespace

DirectoryImageBytes::DirectoryImageBytes(std::string root) : root_(std::move(root)) {
    fs::create_directories(root_);
}

std::string DirectoryImageBytes::path(const std::string& id, domain::ImageSize size) const {
    // Ids are hex digits only (checked before any call), so they never leave the directory.
    return root_ + "/" + id.substr(0, 2) + "/" + id + "-" +
           std::string(domain::kImageSizes.name(size)) + ".webp";
}

void DirectoryImageBytes::put(const std::string& id, domain::ImageSize size,
                              const std::string& bytes) {
    const auto file = path(id, size);
    fs::create_directories(fs::path(file).parent_path());
    write_whole(file, bytes);
}

std::optional<std::string> DirectoryImageBytes::get(const std::string& id, domain::ImageSize size) {
    std::ifstream in(path(id, size), std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad()) fail_io("cannot read", path(id, size));
    return std::move(out).str();
}

void DirectoryImageBytes::remove(const std::string& id) {
    for (auto size : {domain::ImageSize::large, domain::ImageSize::thumb}) {
        std::error_code ec;
        fs::remove(path(id, size), ec);
    }
}

void SqlImageBytes::put(const std::string& id, domain::ImageSize size, const std::string& bytes) {
    db_.write([&](SqlSession& s) {
        s.execute(
            "INSERT INTO image_bytes (image_id, size, bytes) VALUES ($1, $2, decode($3, 'hex')) "
            "ON CONFLICT (image_id, size) DO UPDATE SET bytes = EXCLUDED.bytes",
            SqlParams()
                .add(id)
                .add(std::string(domain::kImageSizes.name(size)))
                .add(util::hex_encode(bytes)));
    });
}

std::optional<std::string> SqlImageBytes::get(const std::string& id, domain::ImageSize size) {
    const auto rows = db_.read_result([&](SqlSession& s) {
        return s.query(
            "SELECT encode(bytes, 'hex') FROM image_bytes WHERE image_id = $1 AND size = $2",
            SqlParams().add(id).add(std::string(domain::kImageSizes.name(size))));
    });
    if (rows.empty()) return std::nullopt;
    auto bytes = util::hex_decode(rows.str(0, 0));
    if (!bytes) throw std::runtime_error("image " + id + " has unreadable bytes");
    return bytes;
}

void SqlImageBytes::remove(const std::string& id) {
    db_.write([&](SqlSession& s) {
        s.execute("DELETE FROM image_bytes WHERE image_id = $1", SqlParams().add(id));
    });
}

}  // namespace formlympics::store
