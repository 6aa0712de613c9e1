#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace formlympics::test {

// One parsed HTTP response; header names lower-case.
struct HttpResponse {
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;

    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
    // The body parsed as JSON; throws when it is not JSON.
    boost::json::value json() const;
};

// A minimal HTTP/1.1 client over a plain socket, so tests control every byte they send. Keeps
// one keep-alive connection and reconnects when the server closed it.
class HttpClient {
  public:
    explicit HttpClient(std::uint16_t port) : port_(port) {}
    ~HttpClient();

    // Sends a request with a JSON body (when not empty) and reads the response.
    HttpResponse request(const std::string& method, const std::string& target,
                         const std::string& body = "",
                         const std::vector<std::pair<std::string, std::string>>& headers = {});
    // Sends exactly these bytes and reads one response (status 0 when the server just closed).
    HttpResponse raw(const std::string& bytes);
    // Sends the bytes without reading anything back.
    void send_only(const std::string& bytes);
    // Reads one response off the connection.
    HttpResponse read_response(std::chrono::milliseconds timeout = std::chrono::seconds(15));
    // True when the server has closed the connection (checked within the timeout).
    bool closed_by_server(std::chrono::milliseconds timeout);
    void disconnect();

  private:
    void connect();

    std::uint16_t port_;
    int fd_ = -1;
    std::string pending_;
    bool head_ = false;  // the response read next answers a HEAD: a head and no body
};

}  // namespace formlympics::test
