#pragma once

#include "service/stream_frames.hpp"

namespace formlympics::http {

// Stream events as Server-Sent Events: `id:` (for notifications), `event:` and one `data:` line
// of JSON (which never holds a raw newline).
class SseFrames final : public service::StreamFrames {
  public:
    std::string retry(std::chrono::milliseconds delay) const override;
    std::string unread(const domain::NotificationMark& mark) const override;
    std::string notification(const domain::Notification& n) const override;
    std::string stock(const domain::Product& p) const override;
    std::string form_status(domain::FormId form, service::FormStreamStatus status) const override;
};

}  // namespace formlympics::http
