#include "app/secret.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "util/jwt.hpp"
#include "util/random.hpp"

namespace formlympics::app {
namespace fs = std::filesystem;

namespace {

// A generated secret: random bytes written as hex characters, twice util::kMinSecretBytes long.
constexpr std::size_t kSecretRandomBytes = util::kMinSecretBytes;

std::string read_secret(const fs::path& file) {
    std::ifstream in(file);
    std::string secret;
    std::getline(in, secret);
    if (secret.size() < util::kMinSecretBytes) {
        throw std::runtime_error(file.string() +
                                 " holds a secret under 32 bytes; delete it to have "
                                 "a new one generated");
    }
    return secret;
}

}  // namespace

std::string resolve_jwt_secret(const Config& config) {
    if (config.jwt_secret) return *config.jwt_secret;
    if (!config.uses_sqlite()) {
        throw std::runtime_error(
            "FORMLYMPICS_JWT_SECRET is required with PostgreSQL: every instance must share it");
    }
    auto dir = fs::path(config.sqlite_path()).parent_path();
    if (dir.empty()) dir = ".";
    const auto file = dir / "jwt_secret";
    if (fs::exists(file)) return read_secret(file);

    auto secret = util::random_hex(kSecretRandomBytes);
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return read_secret(file);  // another process made it first
        throw std::runtime_error("cannot create " + file.string() + ": " + std::strerror(errno));
    }
    const std::string line = secret + "\n";
    const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ::fsync(fd);
    ::close(fd);
    if (!written) throw std::runtime_error("cannot write " + file.string());
    return secret;
}

}  // namespace formlympics::app
