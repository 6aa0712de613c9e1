#include "http/duplicate_keys.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <limits>
#include <unordered_set>
#include <vector>

namespace formlympics::http {
namespace json = boost::json;

namespace {

// Reads only the keys: where the parse is (each open object's keys so far and the key whose value
// it reads, each open array's index) and the path of the first repeated key.
class KeyWatch {
  public:
    // The names Boost.JSON's parser asks a handler for; no limit of its own beyond the body's.
    // NOLINTBEGIN(readability-identifier-naming)
    static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();
    // NOLINTEND(readability-identifier-naming)

    std::optional<std::string> duplicate;

    bool on_document_begin(json::error_code&) { return true; }
    bool on_document_end(json::error_code&) { return true; }
    bool on_array_begin(json::error_code&) {
        open_.emplace_back().array = true;
        return true;
    }
    bool on_array_end(std::size_t, json::error_code&) { return close(); }
    bool on_object_begin(json::error_code&) {
        open_.emplace_back();
        return true;
    }
    bool on_object_end(std::size_t, json::error_code&) { return close(); }
    bool on_string_part(json::string_view, std::size_t, json::error_code&) { return true; }
    bool on_string(json::string_view, std::size_t, json::error_code&) { return value(); }
    bool on_key_part(json::string_view part, std::size_t, json::error_code&) {
        key_.append(part.data(), part.size());
        return true;
    }
    bool on_key(json::string_view last, std::size_t, json::error_code& ec) {
        key_.append(last.data(), last.size());
        auto& object = open_.back();
        if (!object.keys.insert(key_).second) {
            duplicate = path() + key_;
            ec = json::error::extra_data;  // stops the parse: the answer is known
            return false;
        }
        object.key = std::move(key_);
        key_.clear();
        return true;
    }
    bool on_number_part(json::string_view, json::error_code&) { return true; }
    bool on_int64(std::int64_t, json::string_view, json::error_code&) { return value(); }
    bool on_uint64(std::uint64_t, json::string_view, json::error_code&) { return value(); }
    bool on_double(double, json::string_view, json::error_code&) { return value(); }
    bool on_bool(bool, json::error_code&) { return value(); }
    bool on_null(json::error_code&) { return value(); }
    bool on_comment_part(json::string_view, json::error_code&) { return true; }
    bool on_comment(json::string_view, json::error_code&) { return true; }

  private:
    struct Open {
        bool array = false;
        std::size_t index = 0;                 // an array's element being read
        std::unordered_set<std::string> keys;  // an object's keys so far
        std::string key;                       // the key whose value an object reads
    };

    // A value has ended: the array it is in moves on to its next element.
    bool value() {
        if (!open_.empty() && open_.back().array) ++open_.back().index;
        return true;
    }
    bool close() {
        open_.pop_back();
        return value();
    }
    // Where the innermost object sits, as the API names fields: "items[0].", "delivery.", "".
    std::string path() const {
        std::string out;
        for (std::size_t i = 0; i + 1 < open_.size(); ++i) {
            if (open_[i].array) {
                out += '[';
                out += std::to_string(open_[i].index);
                out += ']';
            } else {
                if (!out.empty()) out += ".";
                out += open_[i].key;
            }
        }
        if (!out.empty()) out += ".";
        return out;
    }

    std::vector<Open> open_;
    std::string key_;
};

}  // namespace

std::optional<std::string> duplicate_key(std::string_view text, std::size_t max_depth) {
    json::parse_options options;
    options.max_depth = max_depth;
    json::basic_parser<KeyWatch> parser(options);
    json::error_code ec;
    parser.write_some(false, text.data(), text.size(), ec);
    return std::move(parser.handler().duplicate);
}

}  // namespace formlympics::http
