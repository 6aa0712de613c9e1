#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace formlympics::test {

// One Server-Sent Event as a client parses it.
struct SseEvent {
    std::int64_t id = 0;  // 0 when the event had no id
    std::string event;
    std::string data;
};

// A client of one event stream over a plain socket: sends the GET, reads the response head, then
// decodes the chunked body into events as bytes arrive. Fleets of them can share one poll loop
// through fd() and pump().
class SseClient {
  public:
    using Headers = std::vector<std::pair<std::string, std::string>>;

    // Connects and reads the response head (throws on a connection failure). `receive_buffer`,
    // when non-zero, shrinks the socket's receive buffer, to play a client that reads slowly.
    SseClient(std::uint16_t port, const std::string& target, const Headers& headers = {},
              int receive_buffer = 0);
    ~SseClient();
    SseClient(const SseClient&) = delete;
    SseClient& operator=(const SseClient&) = delete;

    int status() const { return status_; }
    // A response header by name (any case); "" when absent.
    std::string header(const std::string& name) const;
    // The whole body of a response that is not a stream (say, a problem).
    const std::string& body() const { return body_; }

    // The next event, waiting up to `timeout`; nullopt on timeout or once the stream ended.
    std::optional<SseEvent> next(std::chrono::milliseconds timeout);
    // Reads what the socket has without waiting; false once the stream ended.
    bool pump();
    // The events parsed and not yet taken. A notification stream's `unread` frames (one as each
    // connection opens) are kept aside, in unread(), so these are the notifications and the
    // forms' events alone.
    std::vector<SseEvent> take();
    // The data of the last `unread` frame, if one came.
    const std::optional<std::string>& unread() const { return unread_; }
    // Comment lines seen (heartbeats), and the last `retry:` hint.
    std::size_t comments() const { return comments_; }
    std::optional<std::int64_t> retry() const { return retry_; }
    bool ended() const { return ended_; }
    // Whether it ended with the final (zero-size) chunk, as a server ends a stream cleanly.
    bool finished() const { return finished_; }
    int fd() const { return fd_; }

  private:
    void feed(const char* data, std::size_t n);
    void parse_events();

    int fd_ = -1;
    int status_ = 0;
    Headers headers_;
    std::string body_;
    std::string raw_;   // bytes of the chunked body not decoded yet
    std::string text_;  // decoded event-stream text not parsed yet
    bool ended_ = false;
    bool finished_ = false;
    std::vector<SseEvent> ready_;
    std::size_t comments_ = 0;
    std::optional<std::int64_t> retry_;
    std::optional<std::string> unread_;
};

}  // namespace formlympics::test
