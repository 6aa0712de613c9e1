// Pictures through HTTP on both stores: uploads judged by their bytes and re-encoded without
// their metadata, refused whole when bad, galleries bounded and ordered by the seller alone, and
// the bytes served cacheable for good with revalidation.
#include <boost/json.hpp>
#include <filesystem>
#include <memory>
#include <thread>

#include "integration/sale_fixture.hpp"
#include "support/sql_probe.hpp"
#include "support/test_images.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;
using Headers = std::vector<std::pair<std::string, std::string>>;
using namespace std::chrono_literals;

class ImagesTest : public SaleTest {
  protected:
    ImagesTest() : form_(open_form({{"Photo card", 5000, 10}, {"Stand", 12000, 5}})) {}

    std::string gallery(std::optional<std::size_t> product_index = std::nullopt) const {
        if (!product_index) return form_path(form_) + "/images";
        return form_path(form_) + "/products/" + std::to_string(product(form_, *product_index)) +
               "/images";
    }
    HttpResponse upload(const std::string& token, const std::string& path, const std::string& bytes,
                        const std::string& type = "image/jpeg") {
        return call(client_, token, "POST", path, bytes, {{"Content-Type", type}});
    }
    json::object shown() { return client_.request("GET", form_path(form_)).json().as_object(); }

    // Image rows and stored byte blobs, wherever this store keeps them.
    std::int64_t rows() {
        return SqlProbe(server_.database_url()).scalar("SELECT COUNT(*) FROM images");
    }
    std::int64_t blobs() {
        const auto& url = server_.database_url();
        if (!url.starts_with("sqlite:")) {
            return SqlProbe(url).scalar("SELECT COUNT(*) FROM image_bytes");
        }
        const auto dir = std::filesystem::path(url.substr(7)).parent_path() / "images";
        std::int64_t n = 0;
        if (!std::filesystem::exists(dir)) return 0;
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
            n += e.is_regular_file() ? 1 : 0;
        }
        return n;
    }

    json::object form_;
};

TEST_P(ImagesTest, AnUploadIsReencodedWithoutItsMetadataAndShownOnTheForm) {
    const auto jpeg = make_image(2400, 1200, "jpeg", /*with_metadata=*/true);
    ASSERT_TRUE(read_image(jpeg).has_gps) << "the control: the upload carries a GPS position";
    auto r = upload(seller_, gallery(0), jpeg);
    ASSERT_EQ(r.status, 201) << r.body;
    const auto image = r.json().as_object();
    // Orientation 6 is applied: the stored picture stands upright, 1600 px on its long edge.
    EXPECT_EQ(image.at("width").as_int64(), 800);
    EXPECT_EQ(image.at("height").as_int64(), 1600);
    const std::string url(image.at("url").as_string());
    EXPECT_EQ(r.header("location"), url);

    auto large = client_.request("GET", url);
    ASSERT_EQ(large.status, 200);
    EXPECT_EQ(large.header("content-type"), "image/webp");
    EXPECT_EQ(large.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(large.header("x-content-type-options"), "nosniff");
    const auto facts = read_image(large.body);
    EXPECT_EQ(facts.loader, "webpload_buffer");
    EXPECT_EQ(facts.width, 800);
    EXPECT_EQ(facts.height, 1600);
    EXPECT_FALSE(facts.has_exif) << facts.fields;
    EXPECT_FALSE(facts.has_gps) << facts.fields;
    EXPECT_EQ(large.body.find("secret place"), std::string::npos);
    auto thumb = client_.request("GET", std::string(image.at("thumb_url").as_string()));
    ASSERT_EQ(thumb.status, 200);
    EXPECT_EQ(read_image(thumb.body).height, 400);

    // Without a cover of its own, the form is shown in lists and link previews by its first
    // product picture.
    EXPECT_EQ(shown().at("cover").at("id"), image.at("id"));
    // The link preview's picture, as the form page names it (after the site's origin).
    const auto previewed = [&] {
        const auto page =
            client_.request("GET", "/forms/" + std::to_string(form_.at("id").as_int64())).body;
        const std::string tag = R"(<meta property="og:image" content=")";
        const auto at = page.find(tag);
        if (at == std::string::npos) return std::string();
        const auto start = page.find("/images/", at + tag.size());
        if (start == std::string::npos) return std::string();
        return page.substr(start, page.find('"', start) - start);
    };
    const std::string image_id(image.at("id").as_string());
    EXPECT_EQ(previewed(), "/images/" + image_id + "-large.webp");

    // The form shows it on its product; a cover goes on the form.
    auto cover = upload(seller_, gallery(), make_image(640, 480, "png"), "image/png");
    ASSERT_EQ(cover.status, 201) << cover.body;
    const auto form = shown();
    const auto& product_images = form.at("products").at(0).at("images").as_array();
    ASSERT_EQ(product_images.size(), 1u);
    EXPECT_EQ(product_images.at(0).at("id"), image.at("id"));
    EXPECT_EQ(product_images.at(0).at("thumb_url"), image.at("thumb_url"));
    EXPECT_TRUE(form.at("products").at(1).at("images").as_array().empty());
    EXPECT_EQ(form.at("images").as_array().size(), 1u);
    EXPECT_EQ(form.at("cover").at("id"), cover.json().at("id"));
    EXPECT_EQ(previewed(),
              "/images/" + std::string(cover.json().at("id").as_string()) + "-large.webp");
    // The list of forms shows the cover too.
    auto listed = client_.request("GET", "/api/v1/forms").json();
    EXPECT_EQ(listed.at("items").at(0).at("cover").at("id"), cover.json().at("id"));
}

TEST_P(ImagesTest, TheCachedCopyIsRevalidatedWith304) {
    auto r = upload(seller_, gallery(), make_image(300, 200, "webp"), "image/webp");
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string url(r.json().at("url").as_string());
    auto first = client_.request("GET", url);
    ASSERT_EQ(first.status, 200);
    const auto etag = first.header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(etag.front(), '"') << "a strong tag";

    auto again = client_.request("GET", url, "", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.header("etag"), etag);
    EXPECT_EQ(client_.request("GET", url, "", {{"If-None-Match", "\"x\", W/" + etag}}).status, 304);
    // Another tag gets the picture.
    EXPECT_EQ(client_.request("GET", url, "", {{"If-None-Match", "\"other\""}}).status, 200);
    // HEAD tells the length without the bytes.
    auto head = client_.request("HEAD", url);
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-length"), std::to_string(first.body.size()));
}

TEST_P(ImagesTest, TheBytesDecideTheTypeNotTheLabel) {
    // A PNG sent as a JPEG (a renamed file) is read as the PNG it is.
    auto r = upload(seller_, gallery(1), make_image(500, 250, "png"), "image/jpeg");
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json().at("width").as_int64(), 500);
    const auto facts =
        read_image(client_.request("GET", std::string(r.json().at("url").as_string())).body);
    EXPECT_EQ(facts.width, 500);
    EXPECT_EQ(facts.height, 250);
    // A body over the server's usual 64 KiB limit is taken on an upload route.
    const auto big = make_noise_png(900, 900);
    ASSERT_GT(big.size(), 512u * 1024);
    EXPECT_EQ(upload(seller_, gallery(1), big, "image/png").status, 201);
}

TEST_P(ImagesTest, BadUploadsAreRefusedAndStoreNothing) {
    const auto png = make_image(600, 600, "png");
    struct Case {
        const char* name;
        std::string body;
        std::string type;
        int status;
    };
    const std::vector<Case> cases = {
        {"truncated", png.substr(0, png.size() / 2), "image/png", 422},
        {"empty", "", "image/jpeg", 422},
        {"text", "hello, this is not a picture", "image/jpeg", 415},
        {"svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "image/png", 415},
        {"bomb", decompression_bomb(), "image/png", 422},
        {"json label", png, "application/json", 415},
        {"no label", png, "", 415},
    };
    for (const auto& c : cases) {
        Headers headers;
        if (!c.type.empty()) headers.emplace_back("Content-Type", c.type);
        // The client sends JSON's label for a body without one; an empty label stands for none.
        if (c.type.empty()) headers.emplace_back("Content-Type", "");
        auto r = call(client_, seller_, "POST", gallery(0), c.body, headers);
        EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
        EXPECT_EQ(r.header("content-type"), "application/problem+json") << c.name;
    }
    // 11 MiB is refused from its declared length, before the body is read.
    HttpClient raw(server_.port());
    raw.send_only(
        "POST " + gallery(0) + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + seller_ +
        "\r\nContent-Type: image/jpeg\r\nContent-Length: " + std::to_string(11 << 20) + "\r\n\r\n");
    auto over = raw.read_response();
    EXPECT_EQ(over.status, 413) << over.body;
    EXPECT_EQ(rows(), 0);
    EXPECT_EQ(blobs(), 0);
    EXPECT_TRUE(shown().at("products").at(0).at("images").as_array().empty());
}

TEST_P(ImagesTest, OnlyTheSellerChangesImages) {
    const auto png = make_image(64, 48, "png");
    auto other_seller = seeder_.user("other-seller@example.com");
    EXPECT_EQ(upload(buyer_, gallery(0), png, "image/png").status, 403);
    EXPECT_EQ(upload(other_seller, gallery(), png, "image/png").status, 403);
    EXPECT_EQ(client_.request("POST", gallery(), png, {{"Content-Type", "image/png"}}).status, 401);
    // A product of another form, an unknown form.
    auto theirs = call(client_, other_seller, "POST", "/api/v1/forms",
                       form_body({{"Other", 1000, 3}}, at(-kHour), at(kHour)));
    ASSERT_EQ(theirs.status, 201);
    const auto foreign = product(theirs.json().as_object(), 0);
    EXPECT_EQ(upload(seller_, form_path(form_) + "/products/" + std::to_string(foreign) + "/images",
                     png, "image/png")
                  .status,
              404);
    EXPECT_EQ(upload(seller_, "/api/v1/forms/999999/images", png, "image/png").status, 404);

    auto mine = upload(seller_, gallery(0), png, "image/png");
    ASSERT_EQ(mine.status, 201);
    const std::string image(mine.json().at("id").as_string());
    const auto path = form_path(form_) + "/images/" + image;
    EXPECT_EQ(call(client_, buyer_, "DELETE", path).status, 403);
    EXPECT_EQ(call(client_, other_seller, "DELETE", path).status, 403);
    // The other seller's form does not hold it, whoever asks.
    EXPECT_EQ(call(client_, other_seller, "DELETE",
                   "/api/v1/forms/" + std::to_string(id(theirs.json())) + "/images/" + image)
                  .status,
              404);
    const json::object order{{"ids", json::array{json::value(image)}}};
    EXPECT_EQ(call(client_, buyer_, "PUT", gallery(0) + "/order", json::serialize(order)).status,
              403);
    EXPECT_EQ(rows(), 1);
    EXPECT_EQ(client_.request("GET", std::string(mine.json().at("url").as_string())).status, 200);
}

TEST_P(ImagesTest, AGalleryHoldsFiveAndADeletedImageIsGone) {
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i) {
        auto r = upload(seller_, gallery(0), make_image(40 + i, 30, "png"), "image/png");
        ASSERT_EQ(r.status, 201) << r.body;
        ids.emplace_back(r.json().at("id").as_string());
    }
    auto sixth = upload(seller_, gallery(0), make_image(50, 30, "png"), "image/png");
    EXPECT_EQ(sixth.status, 409) << sixth.body;
    EXPECT_EQ(rows(), 5);
    EXPECT_EQ(blobs(), 10);  // two sizes each, nothing of the sixth

    const auto url = "/images/" + ids[2] + "-large.webp";
    ASSERT_EQ(client_.request("GET", url).status, 200);  // now in the cache too
    EXPECT_EQ(call(client_, seller_, "DELETE", form_path(form_) + "/images/" + ids[2]).status, 204);
    EXPECT_EQ(client_.request("GET", url).status, 404);
    EXPECT_EQ(call(client_, seller_, "DELETE", form_path(form_) + "/images/" + ids[2]).status, 404);
    EXPECT_EQ(rows(), 4);
    EXPECT_EQ(blobs(), 8);
    // The rest close up: positions stay 0 to 3, in the order they had.
    const auto left = shown().at("products").at(0).at("images").as_array();
    ASSERT_EQ(left.size(), 4u);
    const std::vector<std::string> kept = {ids[0], ids[1], ids[3], ids[4]};
    for (std::size_t i = 0; i < left.size(); ++i) {
        EXPECT_EQ(left.at(i).at("position").as_int64(), static_cast<std::int64_t>(i));
        EXPECT_EQ(left.at(i).at("id").as_string(), kept[i]);
    }
    EXPECT_EQ(upload(seller_, gallery(0), make_image(50, 30, "png"), "image/png").status, 201);
}

TEST_P(ImagesTest, TheSellerOrdersAGallery) {
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        auto r = upload(seller_, gallery(), make_image(40 + i, 30, "png"), "image/png");
        ASSERT_EQ(r.status, 201) << r.body;
        ids.emplace_back(r.json().at("id").as_string());
    }
    auto order = [&](const json::array& list) {
        return call(client_, seller_, "PUT", gallery() + "/order",
                    json::serialize(json::object{{"ids", list}}));
    };
    auto r = order({json::value(ids[2]), json::value(ids[0]), json::value(ids[1])});
    ASSERT_EQ(r.status, 200) << r.body;
    const auto form = shown();
    EXPECT_EQ(form.at("cover").at("id").as_string(), ids[2]);
    EXPECT_EQ(form.at("images").at(1).at("id").as_string(), ids[0]);
    EXPECT_EQ(form.at("images").at(2).at("id").as_string(), ids[1]);
    // Each image exactly once, ids only.
    EXPECT_EQ(order({json::value(ids[0]), json::value(ids[1])}).status, 422);
    EXPECT_EQ(order({json::value(ids[0]), json::value(ids[0]), json::value(ids[1])}).status, 422);
    EXPECT_EQ(
        order({json::value(ids[0]), json::value(ids[1]), json::value(std::string(32, 'a'))}).status,
        422);
    EXPECT_EQ(order({json::value(ids[0]), json::value(ids[1]), json::value(7)}).status, 422);
    EXPECT_EQ(shown().at("cover").at("id").as_string(), ids[2]);  // unchanged by the refusals
}

TEST_P(ImagesTest, AClosedFormKeepsItsPictures) {
    auto r = upload(seller_, gallery(), make_image(64, 48, "png"), "image/png");
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string id(r.json().at("id").as_string());
    ASSERT_EQ(call(client_, seller_, "POST", form_path(form_) + "/close").status, 200);
    EXPECT_EQ(upload(seller_, gallery(0), make_image(64, 48, "png"), "image/png").status, 409);
    EXPECT_EQ(call(client_, seller_, "DELETE", form_path(form_) + "/images/" + id).status, 409);
    EXPECT_EQ(call(client_, seller_, "PUT", gallery() + "/order",
                   json::serialize(json::object{{"ids", json::array{json::value(id)}}}))
                  .status,
              409);
    EXPECT_EQ(rows(), 1);
    EXPECT_EQ(client_.request("GET", std::string(r.json().at("url").as_string())).status, 200);
}

// An upload's head is judged before its body: without a caller it is refused at once, and once
// every upload slot is held by a body still on its way the next is told to retry.
TEST_P(ImagesTest, UploadsNeedACallerAndAreBoundedBeforeTheirBody) {
    const auto head = [&](const std::string& token) {
        return "POST " + gallery() + " HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n" +
               (token.empty() ? "" : "Authorization: Bearer " + token + "\r\n") +
               "Content-Length: 5000000\r\n\r\n";
    };
    HttpClient anonymous(server_.port());
    anonymous.send_only(head(""));
    EXPECT_EQ(anonymous.read_response(5s).status, 401);
    HttpClient forged(server_.port());
    forged.send_only(head("not-a-token"));
    EXPECT_EQ(forged.read_response(5s).status, 401);

    std::vector<std::unique_ptr<HttpClient>> slow;
    for (int i = 0; i < 8; ++i) {
        slow.push_back(std::make_unique<HttpClient>(server_.port()));
        slow.back()->send_only(head(seller_) + "\x89PNG");
    }
    for (int i = 0; i < 500 && server_.requests_in_flight() < 8; ++i) {
        std::this_thread::sleep_for(10ms);
    }
    ASSERT_GE(server_.requests_in_flight(), 8u);
    HttpClient ninth(server_.port());
    ninth.send_only(head(seller_));
    const auto busy = ninth.read_response(5s);
    EXPECT_EQ(busy.status, 503) << busy.body;
    EXPECT_EQ(busy.header("retry-after"), "1");
    // The slots come back with their connections.
    slow.clear();
    for (int i = 0; i < 500 && server_.requests_in_flight() > 0; ++i) {
        std::this_thread::sleep_for(10ms);
    }
    EXPECT_EQ(upload(seller_, gallery(), make_image(64, 48, "png"), "image/png").status, 201);
}

TEST_P(ImagesTest, UnknownImageAddressesAre404) {
    for (const char* path :
         {"/images/nothing.webp", "/images/0123456789abcdef0123456789abcdef-large.webp",
          "/images/0123456789abcdef0123456789abcdef-huge.webp", "/images/../../etc/passwd",
          "/images/%2e%2e-large.webp"}) {
        EXPECT_EQ(client_.request("GET", path).status, 404) << path;
    }
}

INSTANTIATE_TEST_SUITE_P(Stores, ImagesTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         sale_param_name);

}  // namespace
}  // namespace formlympics::test
