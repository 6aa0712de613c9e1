#include "support/framing_attacks.hpp"

namespace formlympics::test {

std::vector<std::pair<std::string, std::string>> framing_attacks(std::size_t body_size) {
    const auto length = "Content-Length: " + std::to_string(body_size) + "\r\n";
    return {
        {"unknown coding", "Host: x\r\nTransfer-Encoding: xchunked\r\n"},
        {"chunked then identity", "Host: x\r\nTransfer-Encoding: chunked, identity\r\n"},
        {"two codings", "Host: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"},
        {"TE and CL", "Host: x\r\nTransfer-Encoding: chunked\r\n" + length},
        {"CL and CL", "Host: x\r\n" + length + length},
        {"CL list", "Host: x\r\nContent-Length: " + std::to_string(body_size) + ", " +
                        std::to_string(body_size) + "\r\n"},
        {"obs-fold", "Host: x\r\n" + length + "X-Note: a\r\n b\r\n"},
        {"bare LF", "Host: x\n" + length},
        {"bare CR", "Host: x\rX-Note: y\r\n" + length},
        {"space before colon", "Host: x\r\nContent-Length : " + std::to_string(body_size) + "\r\n"},
        {"no Host", length},
        {"two Hosts", "Host: x\r\nHost: y\r\n" + length},
        {"two Authorizations",
         "Host: x\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n" + length},
        {"two Idempotency-Keys",
         "Host: x\r\nIdempotency-Key: a\r\nIdempotency-Key: b\r\n" + length},
        {"two X-Formlympics-Webs",
         "Host: x\r\nX-Formlympics-Web: 1\r\nx-formlympics-web: 1\r\n" + length},
        {"two Content-Types",
         "Host: x\r\nContent-Type: image/png\r\nContent-Type: text/html\r\n" + length},
        {"NUL in a value", "Host: x\r\n" + length + std::string("X-Note: a\0b\r\n", 13)},
    };
}

}  // namespace formlympics::test
