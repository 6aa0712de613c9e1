// Starting the server as an operator does: what stops a start is said in one line, with exit
// status 2, before anything is changed.
#include <gtest/gtest.h>

#include <filesystem>

#include "http/listener.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace formlympics::test {
namespace {

using namespace std::chrono_literals;

std::size_t lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(StartupTest, AnAddressInUseIsOneLineAndExit2BeforeTheDatabaseIsTouched) {
    http::ListeningSocket taken("127.0.0.1", 0);
    TempDir dir;
    const auto db = dir.path() / "var" / "formlympics.db";
    const auto port = std::to_string(taken.port());
    const auto r = run_formlympics(
        {"--listen", "127.0.0.1:" + port, "--database-url", "sqlite:" + db.string()}, 30s);
    EXPECT_EQ(r.exit_status, 2) << r.output;
    EXPECT_EQ(r.output,
              "formlympics: cannot listen on 127.0.0.1:" + port + ": Address already in use\n");
    EXPECT_EQ(lines(r.output), 1u);
    EXPECT_FALSE(std::filesystem::exists(db)) << "the database was opened first";
}

TEST(StartupTest, ADatabaseOutOfReachIsOneLineAndExit2) {
    const auto r = run_formlympics(
        {"--listen", "127.0.0.1:0", "--database-url", "postgresql://nobody@127.0.0.1:1/none"}, 30s);
    EXPECT_EQ(r.exit_status, 2) << r.output;
    EXPECT_EQ(lines(r.output), 1u) << r.output;
    EXPECT_TRUE(r.output.starts_with("formlympics: ")) << r.output;
}

}  // namespace
}  // namespace formlympics::test
