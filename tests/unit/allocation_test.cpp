#include "domain/allocation.hpp"

#include <gtest/gtest.h>

namespace formlympics::domain {
namespace {

constexpr Millis kOpens = 1'000'000;
constexpr Millis kCloses = 2'000'000;
constexpr UserId kSeller = 1;

Form form(std::int64_t red_stock, std::optional<std::int64_t> limit = std::nullopt) {
    Form f;
    f.id = 7;
    f.seller_id = kSeller;
    f.opens_at = kOpens;
    f.closes_at = kCloses;
    f.products = {{10, 7, "Red", 5000, red_stock, red_stock, limit, {}},
                  {11, 7, "Blue", 7000, 5, 5, {}, {}}};
    return f;
}

OrderRequest req(UserId buyer, std::vector<ItemRequest> items) {
    return OrderRequest{buyer, std::move(items), "Depositor", std::nullopt};
}

TEST(FormStatusTest, TheWindowIsHalfOpen) {
    auto f = form(1);
    EXPECT_EQ(form_status(f, kOpens - 1), FormStatus::upcoming);
    EXPECT_EQ(form_status(f, kOpens), FormStatus::open);
    EXPECT_EQ(form_status(f, kCloses - 1), FormStatus::open);
    EXPECT_EQ(form_status(f, kCloses), FormStatus::closed);
    f.products[0].stock_remaining = 0;
    f.products[1].stock_remaining = 0;
    EXPECT_EQ(form_status(f, kOpens), FormStatus::sold_out);
    f.closed_at = kOpens;
    EXPECT_EQ(form_status(f, kOpens), FormStatus::closed);
}

TEST(AllocationTest, RefusesOutsideTheWindowAtItsExactEdges) {
    const auto f = form(5);
    EXPECT_EQ(allocate(f, {}, {}, {req(2, {{10, 1}})}, kOpens - 1).outcomes[0].error().code,
              Errc::not_open);
    EXPECT_TRUE(allocate(f, {}, {}, {req(2, {{10, 1}})}, kOpens).outcomes[0]);
    EXPECT_TRUE(allocate(f, {}, {}, {req(2, {{10, 1}})}, kCloses - 1).outcomes[0]);
    EXPECT_EQ(allocate(f, {}, {}, {req(2, {{10, 1}})}, kCloses).outcomes[0].error().code,
              Errc::closed);
}

TEST(AllocationTest, AllocatesInArrivalOrderAllOrNothing) {
    const auto a = allocate(
        form(2), {}, {},
        {req(2, {{10, 1}}), req(3, {{11, 1}, {10, 2}}), req(4, {{10, 1}}), req(5, {{10, 1}})},
        kOpens);
    ASSERT_TRUE(a.outcomes[0]);
    EXPECT_EQ(a.outcomes[1].error().code, Errc::sold_out);  // 2 red wanted, 1 left: nothing taken
    EXPECT_EQ(a.outcomes[1].error().stock_left.at(0).remaining, 1);
    ASSERT_TRUE(a.outcomes[2]);
    EXPECT_EQ(a.outcomes[3].error().code, Errc::sold_out);
    EXPECT_EQ(a.taken.at(10), 2);
    EXPECT_FALSE(a.taken.count(11));
    EXPECT_EQ(a.outcomes[0]->total, 5000);
}

TEST(AllocationTest, CountsThePerBuyerLimitAcrossHeldAndBatchedOrders) {
    const BuyerTotals held = {{{2, 10}, 1}};
    const auto a = allocate(
        form(10, 2), held, {},
        {req(2, {{10, 1}}), req(2, {{10, 1}}), req(3, {{10, 2}}), req(3, {{10, 1}})}, kOpens);
    EXPECT_TRUE(a.outcomes[0]);
    EXPECT_EQ(a.outcomes[1].error().code, Errc::limit_exceeded);
    EXPECT_TRUE(a.outcomes[2]);
    EXPECT_EQ(a.outcomes[3].error().code, Errc::limit_exceeded);
    EXPECT_EQ((a.buyer_added.at({2, 10})), 1);
    EXPECT_EQ((a.buyer_added.at({3, 10})), 2);
}

TEST(AllocationTest, RefusesTheSellerAndForeignProducts) {
    const auto a = allocate(form(5), {}, {}, {req(kSeller, {{10, 1}}), req(2, {{99, 1}})}, kOpens);
    EXPECT_EQ(a.outcomes[0].error().code, Errc::forbidden);
    EXPECT_EQ(a.outcomes[1].error().code, Errc::validation_failed);
    EXPECT_TRUE(a.taken.empty());
}

TEST(AllocationTest, AppliesACouponOfTheBuyerForThisFormOnce) {
    const HeldCoupons coupons = {{50, {2, 7, 3000, true}},    // buyer 2's, this form
                                 {51, {3, 7, 9000, true}},    // buyer 3's
                                 {52, {2, 8, 1000, true}},    // another form's
                                 {53, {2, 7, 1000, false}}};  // already used
    auto with = [](UserId buyer, std::int64_t coupon) {
        auto r = req(buyer, {{10, 1}});
        r.user_coupon_id = coupon;
        return r;
    };
    const auto a = allocate(
        form(10), {}, coupons,
        {with(2, 50), with(2, 50), with(2, 51), with(2, 52), with(2, 53), with(2, 99), with(3, 51)},
        kOpens);
    ASSERT_TRUE(a.outcomes[0]);
    EXPECT_EQ(a.outcomes[0]->discount, 3000);
    for (int i = 1; i <= 5; ++i)
        EXPECT_EQ(a.outcomes[i].error().code, Errc::validation_failed) << i;
    ASSERT_TRUE(a.outcomes[6]);
    EXPECT_EQ(a.outcomes[6]->discount, 5000);  // never below zero: at most the total
    EXPECT_EQ(a.taken.at(10), 2);
}

TEST(OrderRequestTest, ChecksTheShape) {
    EXPECT_FALSE(check_order_request(req(2, {{10, 1}, {11, 3}})));
    EXPECT_TRUE(check_order_request(req(2, {})));
    EXPECT_TRUE(check_order_request(req(2, {{10, 0}})));
    EXPECT_TRUE(check_order_request(req(2, {{10, -2}})));
    EXPECT_TRUE(check_order_request(req(2, {{10, 1}, {10, 1}})));
    EXPECT_TRUE(check_order_request(OrderRequest{2, {{10, 1}}, "", std::nullopt}));
}

TEST(OrderStatusTest, OnlyTheLifecycleStepsAreAllowed) {
    using S = OrderStatus;
    using A = OrderAction;
    // An order sent by courier; next_status reads only its status and its delivery.
    const auto next_status = [](S from, A action) {
        Order o;
        o.status = from;
        o.delivery = Delivery{};
        o.delivery->option.kind = DeliveryKind::COURIER;
        return domain::next_status(o, action);
    };
    EXPECT_EQ(next_status(S::CREATED, A::confirm_deposit).value(), S::PAID);
    EXPECT_EQ(next_status(S::PAID, A::ship).value(), S::SHIPPED);
    EXPECT_EQ(next_status(S::SHIPPED, A::deliver).value(), S::DELIVERED);
    EXPECT_EQ(next_status(S::CREATED, A::cancel_by_buyer).value(), S::CANCELLED);
    EXPECT_EQ(next_status(S::PAID, A::cancel_by_seller).value(), S::CANCELLED);
    EXPECT_EQ(next_status(S::CREATED, A::expire).value(), S::EXPIRED);
    EXPECT_EQ(next_status(S::PAID, A::cancel_by_buyer).error().code, Errc::invalid_transition);
    EXPECT_EQ(next_status(S::SHIPPED, A::cancel_by_seller).error().code, Errc::invalid_transition);
    EXPECT_EQ(next_status(S::PAID, A::expire).error().code, Errc::invalid_transition);
    EXPECT_EQ(next_status(S::CREATED, A::ship).error().code, Errc::invalid_transition);
    EXPECT_EQ(next_status(S::EXPIRED, A::confirm_deposit).error().code, Errc::invalid_transition);
    EXPECT_EQ(next_status(S::PAID, A::deliver).error().code, Errc::invalid_transition);
}

// A pick-up order, or one on a form without delivery, is handed over: delivered straight from
// PAID, never before it is paid. It may still be shipped, should the seller post it after all.
TEST(OrderStatusTest, AnOrderNotSentByPostIsHandedOverOncePaid) {
    using S = OrderStatus;
    using A = OrderAction;
    Order pickup;
    pickup.delivery = Delivery{};
    pickup.delivery->option.kind = DeliveryKind::PICKUP;
    Order none;  // a form without delivery options
    for (auto* o : {&pickup, &none}) {
        EXPECT_FALSE(o->sent_by_post());
        o->status = S::PAID;
        EXPECT_EQ(next_status(*o, A::deliver).value(), S::DELIVERED);
        EXPECT_EQ(next_status(*o, A::ship).value(), S::SHIPPED);
        o->status = S::CREATED;
        EXPECT_EQ(next_status(*o, A::deliver).error().code, Errc::invalid_transition);
        o->status = S::CANCELLED;
        EXPECT_EQ(next_status(*o, A::deliver).error().code, Errc::invalid_transition);
    }
}

}  // namespace
}  // namespace formlympics::domain
