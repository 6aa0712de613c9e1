#include "support/sse_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace formlympics::test {
namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

SseClient::SseClient(std::uint16_t port, const std::string& target, const Headers& headers,
                     int receive_buffer) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    if (receive_buffer > 0) {
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd_);
        throw std::runtime_error("connect failed");
    }
    std::string req =
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
    for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
    req += "\r\n";
    for (std::size_t sent = 0; sent < req.size();) {
        const auto n = ::send(fd_, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) throw std::runtime_error("send failed");
        sent += static_cast<std::size_t>(n);
    }
    // The head, blocking (the server answers it at once).
    std::string in;
    std::size_t end = std::string::npos;
    char buf[4096];
    while ((end = in.find("\r\n\r\n")) == std::string::npos) {
        const auto n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) throw std::runtime_error("the server closed before answering");
        in.append(buf, static_cast<std::size_t>(n));
    }
    const std::string head = in.substr(0, end);
    raw_ = in.substr(end + 4);
    status_ = std::stoi(head.substr(9, 3));
    for (std::size_t pos = head.find("\r\n"); pos != std::string::npos;) {
        const auto next = head.find("\r\n", pos + 2);
        const auto line =
            head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            auto value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            headers_.emplace_back(lower(line.substr(0, colon)), value);
        }
        pos = next;
    }
    if (lower(header("transfer-encoding")) != "chunked") {
        // Not a stream: read the body by its length and stop.
        const auto length_text = header("content-length");
        const std::size_t length = length_text.empty() ? 0 : std::stoul(length_text);
        while (raw_.size() < length) {
            const auto n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) break;
            raw_.append(buf, static_cast<std::size_t>(n));
        }
        body_ = raw_;
        ended_ = true;
        return;
    }
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
    feed(nullptr, 0);
}

SseClient::~SseClient() {
    if (fd_ >= 0) ::close(fd_);
}

std::string SseClient::header(const std::string& name) const {
    const auto want = lower(name);
    for (const auto& [k, v] : headers_) {
        if (k == want) return v;
    }
    return "";
}

void SseClient::feed(const char* data, std::size_t n) {
    raw_.append(data == nullptr ? "" : data, n);
    // Decode whole chunks: "<hex>\r\n<bytes>\r\n"; a zero-size chunk ends the body.
    for (;;) {
        const auto eol = raw_.find("\r\n");
        if (eol == std::string::npos) break;
        const auto size = std::stoul(raw_.substr(0, eol), nullptr, 16);
        if (raw_.size() < eol + 2 + size + 2) break;
        if (size == 0) {
            ended_ = true;
            finished_ = true;
            raw_.clear();
            break;
        }
        text_.append(raw_, eol + 2, size);
        raw_.erase(0, eol + 2 + size + 2);
    }
    parse_events();
}

void SseClient::parse_events() {
    for (;;) {
        const auto end = text_.find("\n\n");
        if (end == std::string::npos) return;
        const auto block = text_.substr(0, end + 1);
        text_.erase(0, end + 2);
        SseEvent e;
        bool has_data = false;
        for (std::size_t pos = 0; pos < block.size();) {
            const auto nl = block.find('\n', pos);
            const auto line = block.substr(pos, nl - pos);
            pos = nl + 1;
            if (line.empty()) continue;
            if (line[0] == ':') {
                ++comments_;
                continue;
            }
            const auto colon = line.find(':');
            const auto field = line.substr(0, colon);
            auto value = colon == std::string::npos ? "" : line.substr(colon + 1);
            if (!value.empty() && value[0] == ' ') value.erase(0, 1);
            if (field == "id") e.id = std::stoll(value);
            if (field == "event") e.event = value;
            if (field == "retry") retry_ = std::stoll(value);
            if (field == "data") {
                e.data += value;
                has_data = true;
            }
        }
        if (has_data && e.event == "unread") {
            unread_ = std::move(e.data);
        } else if (has_data) {
            ready_.push_back(std::move(e));
        }
    }
}

bool SseClient::pump() {
    char buf[16384];
    while (!ended_) {
        const auto n = ::recv(fd_, buf, sizeof buf, 0);
        if (n > 0) {
            feed(buf, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        ended_ = true;  // closed or failed
    }
    return !ended_;
}

std::optional<SseEvent> SseClient::next(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (ready_.empty() && !ended_) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{fd_, POLLIN, 0};
        ::poll(&p, 1, static_cast<int>(left.count()));
        pump();
    }
    if (ready_.empty()) return std::nullopt;
    auto e = std::move(ready_.front());
    ready_.erase(ready_.begin());
    return e;
}

std::vector<SseEvent> SseClient::take() {
    std::vector<SseEvent> out;
    out.swap(ready_);
    return out;
}

}  // namespace formlympics::test
