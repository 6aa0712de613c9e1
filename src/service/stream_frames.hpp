#pragma once

#include <chrono>
#include <string>

#include "domain/form.hpp"
#include "domain/notification.hpp"

namespace formlympics::service {

// What a form's live stream tells about the form's status.
enum class FormStreamStatus { opened, sold_out, closed };

// How stream events become bytes on the wire. The streams hand out domain values; http/ says how
// they look (Server-Sent Events carrying JSON), so no service formats anything.
class StreamFrames {
  public:
    virtual ~StreamFrames() = default;
    // The client's reconnect delay.
    virtual std::string retry(std::chrono::milliseconds delay) const = 0;
    // Where the user's notifications stand as a stream opens: the unread count and the newest id
    // it covers (no id of its own, so Last-Event-ID stays a notification's).
    virtual std::string unread(const domain::NotificationMark& mark) const = 0;
    // One notification, carrying its id for Last-Event-ID.
    virtual std::string notification(const domain::Notification& n) const = 0;
    // A product's remaining stock.
    virtual std::string stock(const domain::Product& p) const = 0;
    // A change of the form's status.
    virtual std::string form_status(domain::FormId form, FormStreamStatus status) const = 0;
};

}  // namespace formlympics::service
