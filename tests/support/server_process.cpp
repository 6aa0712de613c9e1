#include "support/server_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace formlympics::test {
namespace {

constexpr const char* kListening = "listening on http://127.0.0.1:";

// The last lines of a log, enough to see why a process ended.
std::string tail(const std::string& text) {
    return text.size() <= 4000 ? text : "..." + text.substr(text.size() - 4000);
}

}  // namespace

ServerProcess::ServerProcess(const Environment& environment) {
    // Built before fork: the child only calls async-signal-safe functions.
    std::vector<std::string> variables;
    for (char** e = environ; *e != nullptr; ++e) {
        if (std::string_view(*e).starts_with("FORMLYMPICS_")) continue;
        variables.emplace_back(*e);
    }
    for (const auto& [name, value] : environment) variables.push_back(name + "=" + value);
    variables.emplace_back("FORMLYMPICS_LISTEN=127.0.0.1:0");
    // In a sanitizer build, reports go to files the harness reads when the process stops (its
    // output may be cut short by a kill); every report is fatal.
    const auto reports = (dir_.path() / "sanitizer").string();
    variables.push_back("ASAN_OPTIONS=log_path=" + reports + ":abort_on_error=0");
    variables.push_back("UBSAN_OPTIONS=log_path=" + reports +
                        ":print_stacktrace=1:halt_on_error=1");
    std::vector<char*> envp;
    for (auto& v : variables) envp.push_back(v.data());
    envp.push_back(nullptr);
    const auto log = (dir_.path() / "output.log").string();
    const std::string binary = FORMLYMPICS_SERVER_BINARY;

    pid_ = ::fork();
    if (pid_ == 0) {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, STDOUT_FILENO);
        ::dup2(fd, STDERR_FILENO);
        char* argv[] = {const_cast<char*>(binary.c_str()), const_cast<char*>("serve"), nullptr};
        ::execve(binary.c_str(), argv, envp.data());
        ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        const auto text = output();
        if (const auto at = text.find(kListening); at != std::string::npos) {
            port_ = static_cast<std::uint16_t>(std::stoi(text.substr(at + strlen(kListening))));
            return;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("formlympics exited at start:\n" + text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const auto text = output();
    stop();
    throw std::runtime_error("formlympics did not listen within 30 s:\n" + text);
}

ServerProcess::~ServerProcess() { stop(); }

std::string ServerProcess::output() const {
    std::ifstream in(dir_.path() / "output.log");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void ServerProcess::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    bool exited = false;
    for (int i = 0; i < 200 && !exited; ++i) {  // a graceful stop drains, then exits
        exited = ::waitpid(pid_, &status, WNOHANG) == pid_;
        if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!exited) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        ADD_FAILURE() << "formlympics did not stop within 10 s of SIGTERM:\n" << tail(output());
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        ADD_FAILURE() << "formlympics stopped with status " << status << ":\n" << tail(output());
    }
    pid_ = -1;
    check_sanitizer_reports();
}

void ServerProcess::check_sanitizer_reports() const {
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
        if (!entry.path().filename().string().starts_with("sanitizer")) continue;
        std::ifstream in(entry.path());
        std::stringstream report;
        report << in.rdbuf();
        ADD_FAILURE() << "formlympics reported under the sanitizers:\n" << report.str();
    }
}

Ended run_formlympics(const std::vector<std::string>& args, std::chrono::seconds timeout) {
    TempDir dir;
    const auto log = (dir.path() / "output.log").string();
    const std::string binary = FORMLYMPICS_SERVER_BINARY;
    std::vector<std::string> variables;
    for (char** e = environ; *e != nullptr; ++e) {
        if (!std::string_view(*e).starts_with("FORMLYMPICS_")) variables.emplace_back(*e);
    }
    std::vector<char*> envp;
    for (auto& v : variables) envp.push_back(v.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_text = {binary};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, STDOUT_FILENO);
        ::dup2(fd, STDERR_FILENO);
        ::execve(binary.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    Ended out;
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    bool exited = false;
    while (!exited && std::chrono::steady_clock::now() < deadline) {
        exited = ::waitpid(pid, &status, WNOHANG) == pid;
        if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!exited) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
    } else if (WIFEXITED(status)) {
        out.exit_status = WEXITSTATUS(status);
    }
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    out.output = text.str();
    return out;
}

}  // namespace formlympics::test
