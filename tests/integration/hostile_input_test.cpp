// Every endpoint of the route table, attacked as an outsider would, on SQLite and PostgreSQL.
// The attacks are generated from each endpoint's valid example request: every text field gets
// each control character (NUL included), an overlong value and the wrong types; every number
// values past int64 and of other types; every object an unknown field; every path id the
// spellings that are not canonical; every query parameter bad values (and every route that
// changes something, a query parameter it does not take); and every endpoint the
// framing attacks of request smuggling. Each must be answered 4xx, change nothing in the
// database and leave the server serving; the example itself must then succeed, so the 4xx came
// from the attack. A second test sends text that is valid but awkward (quotes, backslashes,
// braces, commas, NULL, Korean, emoji, line breaks) into every text field: what is accepted must
// be stored exactly.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <iostream>
#include <map>
#include <set>
#include <variant>

#include "integration/hostile_fixture.hpp"
#include "support/framing_attacks.hpp"

namespace formlympics::test {
namespace {

std::string target_of(const Endpoint& e, const std::map<std::string, std::string>& params,
                      const std::string& query) {
    std::string out = e.pattern;
    for (const auto& [name, value] : params) {
        const auto at = out.find("{" + name + "}");
        if (at != std::string::npos) out.replace(at, name.size() + 2, value);
    }
    return query.empty() ? out : out + "?" + query;
}

std::string path_name(const Path& p) {
    std::string out;
    for (const auto& step : p) {
        if (const auto* key = std::get_if<std::string>(&step)) {
            out += (out.empty() ? "" : ".") + *key;
        } else {
            out += "[" + std::to_string(std::get<std::size_t>(step)) + "]";
        }
    }
    return out;
}

// The field name a validation error would give, without array indices: products[0].name is
// "products.name" here, to match Endpoint::multiline.
std::string field_name(const Path& p) {
    std::string out;
    for (const auto& step : p) {
        if (const auto* key = std::get_if<std::string>(&step))
            out += (out.empty() ? "" : ".") + *key;
    }
    return out;
}

void collect(const json::value& v, Path& here, std::vector<Path>& leaves,
             std::vector<Path>& objects) {
    if (v.is_object()) {
        objects.push_back(here);
        for (const auto& kv : v.as_object()) {
            here.emplace_back(std::string(kv.key()));
            collect(kv.value(), here, leaves, objects);
            here.pop_back();
        }
    } else if (v.is_array()) {
        for (std::size_t i = 0; i < v.as_array().size(); ++i) {
            here.emplace_back(i);
            collect(v.as_array()[i], here, leaves, objects);
            here.pop_back();
        }
    } else {
        leaves.push_back(here);
    }
}

json::value& leaf_at(json::value& root, const Path& p) {
    json::value* v = &root;
    for (const auto& step : p) {
        if (const auto* key = std::get_if<std::string>(&step)) {
            v = &v->as_object()[*key];
        } else {
            v = &v->as_array()[std::get<std::size_t>(step)];
        }
    }
    return *v;
}

TEST_P(HostileInputTest, EveryRouteHasAnExample) {
    std::set<std::pair<std::string, std::string>> routes, covered;
    for (const auto& r : server_.routes()) routes.insert(r);
    for (const auto& e : endpoints()) covered.emplace(e.method, e.pattern);
    EXPECT_EQ(routes, covered) << "a new route needs its example request here";
}

TEST_P(HostileInputTest, AttacksOnEveryEndpointAre4xxAndChangeNothing) {
    const std::vector<std::string> bad_ids = {"01",
                                              "+1",
                                              "-1",
                                              "1.0",
                                              "1e3",
                                              "0x1",
                                              "%00",
                                              "1%00",
                                              "99999999999999999999",
                                              "9223372036854775808",
                                              "%2e%2e",
                                              "1;2",
                                              " 1"};
    const std::vector<std::string> bad_numbers = {"9223372036854775808",
                                                  "-9223372036854775809",
                                                  "1e308",
                                                  "1.5",
                                                  "\"12\"",
                                                  "true",
                                                  "{}",
                                                  "[]"};
    const std::vector<std::string> bad_query = {"0",   "01",  "-1",   "1e1",
                                                "abc", "%00", "1%0a", std::string(5000, '9')};
    for (const auto& e : endpoints()) {
        const auto where = e.method + " " + e.pattern;
        before_ = snapshot();
        const auto target = target_of(e, e.params, e.query);

        if (!e.body.empty() && e.content_type.empty()) {
            const auto example = json::parse(e.body);
            std::vector<Path> leaves, objects;
            Path here;
            collect(example, here, leaves, objects);
            auto mutated = [&](const Path& p, json::value v) {
                auto copy = example;
                leaf_at(copy, p) = std::move(v);
                return json::serialize(copy);
            };
            for (const auto& p : leaves) {
                const auto field = where + " " + path_name(p);
                const auto& leaf = leaf_at(const_cast<json::value&>(example), p);
                if (e.optional.count(field_name(p)) == 0) {
                    expect_refused(field + " as null",
                                   [&] { return send(e, target, mutated(p, nullptr)); });
                }
                if (leaf.is_string()) {
                    const bool multiline = e.multiline.count(field_name(p)) > 0;
                    std::vector<std::string> controls;
                    for (int c = 0; c < 0x20; ++c) {
                        if (multiline && (c == '\t' || c == '\n' || c == '\r')) continue;
                        controls.push_back(std::string(1, static_cast<char>(c)));
                    }
                    // DEL, C1, a right-to-left override, a left-to-right isolate, a
                    // right-to-left mark and a zero-width space.
                    controls.insert(controls.end(),
                                    {"\x7f", "\xc2\x85", "\xc2\x9f", "\xe2\x80\xae", "\xe2\x81\xa6",
                                     "\xe2\x80\x8f", "\xe2\x80\x8b"});
                    if (!multiline) controls.push_back("\xe2\x80\xa8");  // line separator
                    for (const auto& c : controls) {
                        expect_refused(field + " with control " + std::to_string(c.back()), [&] {
                            return send(e, target, mutated(p, json::string("a" + c + "b")));
                        });
                    }
                    if (e.may_be_blank.count(field_name(p)) == 0) {
                        std::string blank;
                        for (int i = 0; i < 10; ++i)
                            blank += i % 2 ? "\xe3\x80\x80" : "\xe3\x85\xa4";
                        expect_refused(field + " blank", [&] {
                            return send(e, target, mutated(p, json::string(blank)));
                        });
                    }
                    expect_refused(field + " overlong", [&] {
                        return send(e, target, mutated(p, json::string(std::string(20000, 'a'))));
                    });
                    for (const auto* other : {"12345", "true", "{}", "[]"}) {
                        expect_refused(field + " as " + other, [&] {
                            return send(e, target, mutated(p, json::parse(other)));
                        });
                    }
                } else {
                    for (const auto& n : bad_numbers) {
                        expect_refused(field + " = " + n, [&] {
                            // Spliced as text: these numbers do not survive a JSON round trip.
                            auto body = mutated(p, json::string("@@@"));
                            body.replace(body.find("\"@@@\""), 5, n);
                            return send(e, target, body);
                        });
                    }
                }
            }
            for (const auto& p : objects) {
                expect_refused(where + " " + path_name(p) + " with an unknown field", [&] {
                    auto copy = example;
                    leaf_at(copy, p).as_object()["hidden"] = 1;
                    return send(e, target, json::serialize(copy));
                });
            }
            // A field sent twice, the same both times: parsers disagree on which one counts.
            expect_refused(where + " with a field twice", [&] {
                const auto& object = example.as_object();
                const auto& first = *object.begin();
                return send(e, target,
                            "{" + json::serialize(json::string(first.key())) + ":" +
                                json::serialize(first.value()) + "," + e.body.substr(1));
            });
            for (const auto* body : {"{", "[]", "\"x\"", "null", "{\"a\":1}"}) {
                expect_refused(where + " body " + body, [&] { return send(e, target, body); });
            }
        }
        for (const auto& [name, value] : e.params) {
            for (const auto& bad : bad_ids) {
                auto params = e.params;
                params[name] = bad;
                expect_refused(where + " {" + name + "} = " + bad,
                               [&] { return send(e, target_of(e, params, e.query), e.body); });
            }
        }
        if (!e.query.empty()) {
            for (const auto* name : {"limit", "cursor", "status"}) {
                if (e.query.find(std::string(name) + "=") == std::string::npos) continue;
                for (const auto& bad : bad_query) {
                    expect_refused(where + " ?" + name + "=" + bad.substr(0, 20), [&] {
                        return send(e, target_of(e, e.params, std::string(name) + "=" + bad), "");
                    });
                }
            }
        }
        // A route that changes something takes no query parameters: the valid request with
        // one added is refused, not carried out with the parameter ignored.
        if (e.method != "GET" && e.method != "HEAD") {
            for (const auto* query : {"user=1", "&"}) {
                expect_refused(where + " ?" + query,
                               [&] { return send(e, target_of(e, e.params, query), e.body); });
            }
        }
        // A route that takes no body refuses one, rather than acting as if it were not sent
        // (a claim with {"user_id":1} must not look as if it claimed for someone else).
        if (e.body.empty()) {
            expect_refused(where + " with a body",
                           [&] { return send(e, target, R"({"user_id":1})"); });
        }
        for (const auto& [name, fields] : framing_attacks(e.body.size())) {
            expect_refused(where + " framing: " + name, [&] {
                HttpClient c(server_.port());
                std::string head = e.method + " " + target + " HTTP/1.1\r\n" + fields;
                if (!e.token.empty()) head += "Authorization: Bearer " + e.token + "\r\n";
                if (!e.body.empty()) {
                    head += "Content-Type: " +
                            (e.content_type.empty() ? "application/json" : e.content_type) + "\r\n";
                }
                c.send_only(head + "\r\n" + e.body);
                auto r = c.read_response(5s);
                EXPECT_TRUE(c.closed_by_server(2s)) << where << " framing: " << name;
                return r;
            });
        }

        // Still serving, and the example itself succeeds: the refusals were the attacks'.
        EXPECT_EQ(client_.request("GET", "/api/v1/forms").status, 200) << "after " << where;
        if (!e.stream) {
            const auto r = send(e, target, e.body);
            EXPECT_GE(r.status, 200) << where << " example: " << r.body;
            EXPECT_LT(r.status, 300) << where << " example: " << r.body;
            settle();  // what it set off in the background (events, notifications) is done
        }
    }
    std::cout << attacks_ << " attacks\n";
    EXPECT_GT(attacks_, 2000);
}

// Text that is valid but awkward for a database's quoting.
std::string awkward(int n, bool multiline) {
    std::string s = "Q\"uo\\te {a,b} 'x' NULL, 한글 🎁 👨‍👩‍👧 é <b>&</b> #" +
                    std::to_string(n);
    if (multiline) s += "\nline two\r\n\ttabbed";
    return s;
}

TEST_P(HostileInputTest, TextThatIsAcceptedIsStoredExactly) {
    std::set<std::string> accepted;
    int n = 0;
    for (const auto& e : endpoints()) {
        if (e.body.empty() || !e.content_type.empty()) continue;
        const auto example = json::parse(e.body);
        std::vector<Path> leaves, objects;
        Path here;
        collect(example, here, leaves, objects);
        for (const auto& p : leaves) {
            if (!leaf_at(const_cast<json::value&>(example), p).is_string()) continue;
            if (field_name(p).ends_with("password")) continue;  // stored as a hash, by design
            const auto value = awkward(++n, e.multiline.count(field_name(p)) > 0);
            auto copy = example;
            if (e.vary) e.vary(copy.as_object(), n);
            leaf_at(copy, p) = json::string(value);
            const auto params = e.fresh ? e.fresh() : e.params;
            const auto r = send(e, target_of(e, params, e.query), json::serialize(copy));
            if (r.status >= 300) continue;  // refused as not of its field's format: fine
            const auto field = e.method + " " + e.pattern + " " + path_name(p);
            accepted.insert(field);
            bool stored = false;
            for (const auto& [table, rows] : snapshot()) {
                for (const auto& row : rows) {
                    stored = stored || row.find('\x1f' + value + '\x1f') != std::string::npos ||
                             row.starts_with(value + '\x1f');
                }
            }
            EXPECT_TRUE(stored) << field << " was accepted but not stored exactly";
            EXPECT_NE(r.body.find(json::serialize(json::string(value))), std::string::npos)
                << field << " was answered altered: " << r.body;
        }
    }
    // The free-text fields of every endpoint were among the accepted.
    for (const auto* field : {"POST /api/v1/users name",
                              "PUT /api/v1/me name",
                              "PUT /api/v1/me/address address1",
                              "PUT /api/v1/me/address address2",
                              "PUT /api/v1/me/refund-account holder_name",
                              "POST /api/v1/forms title",
                              "POST /api/v1/forms description",
                              "POST /api/v1/forms bank_account.holder_name",
                              "POST /api/v1/forms products[0].name",
                              "PATCH /api/v1/forms/{id} title",
                              "PATCH /api/v1/forms/{id} description",
                              "PATCH /api/v1/forms/{id} products[0].name",
                              "POST /api/v1/forms/{id}/orders depositor_name",
                              "POST /api/v1/forms/{id}/orders delivery.address1",
                              "POST /api/v1/forms/{id}/orders delivery.address2",
                              "POST /api/v1/forms delivery_options[0].label",
                              "PATCH /api/v1/forms/{id} delivery_options[0].label",
                              "POST /api/v1/orders/{id}/shipment tracking_number",
                              "POST /api/v1/forms/{id}/coupons name",
                              "POST /api/v1/forms products[0].group",
                              "POST /api/v1/forms products[0].option",
                              "POST /api/v1/forms questions[0].label",
                              "POST /api/v1/forms questions[1].choices[0]",
                              "POST /api/v1/forms/{id}/orders answers[0].value"}) {
        EXPECT_TRUE(accepted.count(field) > 0) << field << " was refused";
    }
}

INSTANTIATE_TEST_SUITE_P(Stores, HostileInputTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace formlympics::test
