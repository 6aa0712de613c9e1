#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <stdexcept>

namespace formlympics::test {

boost::json::value HttpResponse::json() const { return boost::json::parse(body); }

HttpClient::~HttpClient() { disconnect(); }

void HttpClient::disconnect() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    pending_.clear();
}

void HttpClient::connect() {
    disconnect();
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port_);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        disconnect();
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port_));
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

void HttpClient::send_only(const std::string& bytes) {
    if (fd_ < 0) connect();
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;  // the server closed; the read will tell
        sent += static_cast<std::size_t>(n);
    }
}

bool HttpClient::closed_by_server(std::chrono::milliseconds timeout) {
    if (fd_ < 0) return true;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char c;
    const auto n = ::recv(fd_, &c, 1, MSG_PEEK);
    return n <= 0;
}

HttpResponse HttpClient::read_response(std::chrono::milliseconds timeout) {
    HttpResponse r;
    auto fill = [&]() {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) {
            throw std::runtime_error("timed out waiting for the server");
        }
        char buf[16384];
        const auto n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) return false;
        pending_.append(buf, static_cast<std::size_t>(n));
        return true;
    };
    std::size_t end;
    while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
        if (!fill()) {
            disconnect();
            return r;  // status 0: closed without an answer
        }
    }
    const std::string head = pending_.substr(0, end);
    pending_.erase(0, end + 4);
    std::size_t line_end = head.find("\r\n");
    const std::string status_line = head.substr(0, line_end);
    r.status = std::stoi(status_line.substr(9, 3));
    while (line_end != std::string::npos) {
        const auto next = head.find("\r\n", line_end + 2);
        const auto line = head.substr(
            line_end + 2, next == std::string::npos ? std::string::npos : next - line_end - 2);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            auto value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            r.headers[name] = value;
        }
        line_end = next;
    }
    const auto length =
        head_ ? 0
              : static_cast<std::size_t>(std::stoul(
                    r.header("content-length").empty() ? "0" : r.header("content-length")));
    head_ = false;
    while (pending_.size() < length) {
        if (!fill()) break;
    }
    r.body = pending_.substr(0, length);
    pending_.erase(0, std::min(length, pending_.size()));
    if (r.header("connection") == "close") disconnect();
    return r;
}

HttpResponse HttpClient::raw(const std::string& bytes) {
    if (fd_ < 0 || closed_by_server(std::chrono::milliseconds(0))) connect();
    send_only(bytes);
    return read_response();
}

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::string& body,
                                 const std::vector<std::pair<std::string, std::string>>& headers) {
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    bool has_type = false;
    for (const auto& [k, v] : headers) {
        req += k + ": " + v + "\r\n";
        has_type = has_type || k == "Content-Type";
    }
    if (!body.empty() && !has_type) req += "Content-Type: application/json\r\n";
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    if (fd_ < 0 || closed_by_server(std::chrono::milliseconds(0))) connect();
    send_only(req);
    head_ = method == "HEAD";
    return read_response();
}

}  // namespace formlympics::test
