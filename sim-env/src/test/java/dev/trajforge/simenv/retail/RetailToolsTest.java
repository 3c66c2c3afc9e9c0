package dev.trajforge.simenv.retail;

import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.tools.Toolkit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per backend rule of the retail tools, run through the real toolkit (schema validation,
 * error results) on a private copy of a seeded world's base database.
 */
class RetailToolsTest {
    private static final long SEED = 7;
    private static final RetailWorld WORLD = (RetailWorld) new RetailDomain().world(SEED);
    private static final Toolkit<RetailTools> TOOLKIT = new Toolkit<>(RetailTools.class);

    private RetailDb db;
    private RetailTools tools;
    private int calls;

    @BeforeEach
    void freshCopyOfTheWorld() {
        db = WORLD.base().copy();
        tools = new RetailTools(db);
    }

    // ---------------------------------------------------------------- helpers

    private ToolResult call(String tool, Object... namesAndValues) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) arguments.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return TOOLKIT.execute(tools, new ToolCall("call-" + calls++, tool, CanonicalJson.write(arguments)));
    }

    private ToolResult ok(String tool, Object... namesAndValues) {
        ToolResult result = call(tool, namesAndValues);
        assertFalse(result.error(), tool + " -> " + result.content());
        return result;
    }

    /** Calls a tool that must be refused, checks the message and that the state did not change. */
    private ToolResult refused(String expectedFragment, String tool, Object... namesAndValues) {
        String before = db.stateHash();
        ToolResult result = call(tool, namesAndValues);
        assertTrue(result.error(), tool + " should have been refused, got " + result.content());
        assertTrue(result.content().contains(expectedFragment), "'" + expectedFragment + "' not in: " + result.content());
        assertEquals(before, db.stateHash(), "a refused " + tool + " changed the state");
        return result;
    }

    private static List<Order> baseOrders(Predicate<Order> filter) {
        List<Order> orders = new ArrayList<>();
        WORLD.base().forEachOrder(order -> {
            if (filter.test(order)) orders.add(order);
        });
        return orders;
    }

    private static Order baseOrder(String what, Predicate<Order> filter) {
        return baseOrders(filter).stream().findFirst().orElseThrow(() -> new AssertionError("seed " + SEED + " has no " + what));
    }

    private static User owner(Order order) {
        return WORLD.base().requireUser(order.userId());
    }

    private static String paidWith(Order order) {
        return order.paymentHistory().getFirst().paymentMethodId();
    }

    private static PaymentMethod method(User user, Predicate<PaymentMethod> filter) {
        return user.paymentMethods().values().stream().filter(filter).findFirst().orElseThrow();
    }

    private static boolean hasMethod(User user, Predicate<PaymentMethod> filter) {
        return user.paymentMethods().values().stream().anyMatch(filter);
    }

    private BigDecimal balance(String userId, String giftCardId) {
        return db.requireUser(userId).paymentMethods().get(giftCardId).balance();
    }

    private static List<Variant> alternatives(OrderItem item, Predicate<Variant> filter) {
        return WORLD.base().requireProduct(item.productId()).variants().values().stream()
                .filter(v -> !v.itemId().equals(item.itemId())).filter(filter).toList();
    }

    /** An item of the order with an available other variant matching {@code filter}, and that variant. */
    private static Optional<Map.Entry<OrderItem, Variant>> swappable(Order order, Predicate<Variant> filter) {
        for (OrderItem item : order.items()) {
            List<Variant> options = alternatives(item, v -> v.available() && filter.test(v));
            if (!options.isEmpty()) return Optional.of(Map.entry(item, options.getFirst()));
        }
        return Optional.empty();
    }

    private static boolean isPending(Order order) {
        return Order.PENDING.equals(order.status());
    }

    private static boolean isDelivered(Order order) {
        return Order.DELIVERED.equals(order.status());
    }

    private static boolean paidByGiftCard(Order order) {
        return owner(order).paymentMethods().get(paidWith(order)).isGiftCard();
    }

    // ---------------------------------------------------------------- cancel

    @Test
    void should_cancel_a_pending_order_and_refund_the_payment_to_its_original_method() {
        Order order = baseOrder("pending order paid by card or PayPal", o -> isPending(o) && !paidByGiftCard(o));
        ok("cancel_pending_order", "order_id", order.orderId(), "reason", "no longer needed");
        Order cancelled = db.requireOrder(order.orderId());
        assertEquals(Order.CANCELLED, cancelled.status());
        assertEquals("no longer needed", cancelled.cancelReason());
        assertEquals(new Payment("refund", order.total(), paidWith(order)), cancelled.paymentHistory().getLast());
        assertEquals(order.paymentHistory().size() + 1, cancelled.paymentHistory().size());
    }

    @Test
    void should_raise_the_gift_card_balance_at_once_when_cancelling_an_order_paid_by_gift_card() {
        Order order = baseOrder("pending order paid by gift card", o -> isPending(o) && paidByGiftCard(o));
        BigDecimal before = balance(order.userId(), paidWith(order));
        ok("cancel_pending_order", "order_id", order.orderId(), "reason", "ordered by mistake");
        assertEquals(before.add(order.total()), balance(order.userId(), paidWith(order)));
    }

    @Test
    void should_leave_non_gift_card_methods_without_balance_when_cancelling() {
        Order order = baseOrder("pending order paid by card or PayPal", o -> isPending(o) && !paidByGiftCard(o));
        User before = db.requireUser(order.userId());
        ok("cancel_pending_order", "order_id", order.orderId(), "reason", "ordered by mistake");
        assertEquals(before, db.requireUser(order.userId()));
    }

    @Test
    void should_reject_cancel_when_order_is_not_pending() {
        for (String status : List.of(Order.PROCESSED, Order.DELIVERED, Order.CANCELLED)) {
            Order order = baseOrder(status + " order", o -> o.status().equals(status));
            refused("Non-pending order cannot be cancelled (status: " + status + ")",
                    "cancel_pending_order", "order_id", order.orderId(), "reason", "no longer needed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"changed my mind", "No longer needed", "no longer needed ", ""})
    void should_reject_cancel_when_reason_is_not_one_of_the_two_valid_reasons(String reason) {
        Order order = baseOrder("pending order", RetailToolsTest::isPending);
        refused("Invalid reason", "cancel_pending_order", "order_id", order.orderId(), "reason", reason);
    }

    @Test
    void should_reject_cancel_when_order_does_not_exist() {
        refused("Order #W0000000 not found", "cancel_pending_order", "order_id", "#W0000000", "reason", "no longer needed");
    }

    @Test
    void should_cancel_a_pending_order_whose_items_were_modified() {
        Order order = baseOrder("pending card-paid order with a swappable item",
                o -> isPending(o) && !paidByGiftCard(o) && swappable(o, v -> true).isPresent());
        var swap = swappable(order, v -> true).orElseThrow();
        ok("modify_pending_order_items", "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", paidWith(order));
        ok("cancel_pending_order", "order_id", order.orderId(), "reason", "no longer needed");
        assertEquals(Order.CANCELLED, db.requireOrder(order.orderId()).status());
    }

    @Test
    void should_refund_only_the_net_paid_amount_when_cancelling_after_a_cheaper_item_modification() {
        Order order = baseOrder("pending gift-card order with a cheaper available variant",
                o -> isPending(o) && paidByGiftCard(o) && cheaperSwap(o).isPresent());
        var swap = cheaperSwap(order).orElseThrow();
        String giftCard = paidWith(order);
        BigDecimal beforePurchase = balance(order.userId(), giftCard).add(order.total());
        ok("modify_pending_order_items", "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", giftCard);
        ok("cancel_pending_order", "order_id", order.orderId(), "reason", "no longer needed");
        assertEquals(beforePurchase, balance(order.userId(), giftCard),
                "order " + order.orderId() + ", gift card " + giftCard + ": after cancelling, the gift card should hold what it held before the order was paid");
    }

    private static Optional<Map.Entry<OrderItem, Variant>> cheaperSwap(Order order) {
        for (OrderItem item : order.items()) {
            List<Variant> options = alternatives(item, v -> v.available() && v.price().compareTo(item.price()) < 0);
            if (!options.isEmpty()) return Optional.of(Map.entry(item, options.getFirst()));
        }
        return Optional.empty();
    }

    private static Optional<Map.Entry<OrderItem, Variant>> dearerSwap(Order order) {
        for (OrderItem item : order.items()) {
            List<Variant> options = alternatives(item, v -> v.available() && v.price().compareTo(item.price()) > 0);
            if (!options.isEmpty()) return Optional.of(Map.entry(item, options.getFirst()));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- modify items

    @Test
    void should_modify_items_into_another_variant_and_mark_the_order_items_modified() {
        Order order = baseOrder("pending order with a swappable item", o -> isPending(o) && swappable(o, v -> true).isPresent());
        var swap = swappable(order, v -> true).orElseThrow();
        ToolResult result = ok("modify_pending_order_items", "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", paidWith(order));
        assertEquals(CanonicalJson.write(db.requireOrder(order.orderId())), result.content());
        Order stored = db.requireOrder(order.orderId());
        assertEquals(Order.PENDING_MODIFIED, stored.status());
        assertEquals(order.items().size(), stored.items().size());
        assertTrue(stored.items().stream().anyMatch(i -> i.itemId().equals(swap.getValue().itemId())));
        assertEquals(swap.getValue().price(), stored.items().stream().filter(i -> i.itemId().equals(swap.getValue().itemId()))
                .findFirst().orElseThrow().price());
    }

    @Test
    void should_reject_a_second_item_modification_of_the_same_order() {
        Order order = baseOrder("pending order with a swappable item",
                o -> isPending(o) && swappable(o, v -> true).isPresent());
        var swap = swappable(order, v -> true).orElseThrow();
        ok("modify_pending_order_items", "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", paidWith(order));
        refused("Only pending orders with unmodified items can be modified (status: pending (items modified))",
                "modify_pending_order_items", "order_id", order.orderId(), "item_ids", List.of(swap.getValue().itemId()),
                "new_item_ids", List.of(swap.getKey().itemId()), "payment_method_id", paidWith(order));
    }

    @Test
    void should_reject_modify_items_when_order_is_not_pending() {
        Order order = baseOrder("delivered order with a swappable item", o -> isDelivered(o) && swappable(o, v -> true).isPresent());
        var swap = swappable(order, v -> true).orElseThrow();
        refused("Only pending orders", "modify_pending_order_items", "order_id", order.orderId(),
                "item_ids", List.of(swap.getKey().itemId()), "new_item_ids", List.of(swap.getValue().itemId()),
                "payment_method_id", paidWith(order));
    }

    @Test
    void should_reject_modify_items_when_new_item_is_a_variant_of_another_product() {
        Order order = baseOrder("pending order", RetailToolsTest::isPending);
        OrderItem item = order.items().getFirst();
        Product other = baseOrders(o -> true).stream().flatMap(o -> o.items().stream())
                .filter(i -> !i.productId().equals(item.productId())).map(i -> WORLD.base().requireProduct(i.productId()))
                .findFirst().orElseThrow();
        String foreign = other.variants().values().stream().filter(Variant::available).findFirst().orElseThrow().itemId();
        refused("is not a variant of product", "modify_pending_order_items", "order_id", order.orderId(),
                "item_ids", List.of(item.itemId()), "new_item_ids", List.of(foreign), "payment_method_id", paidWith(order));
    }

    @Test
    void should_reject_modify_items_when_new_item_is_not_available() {
        Order order = baseOrder("pending order with an unavailable other variant",
                o -> isPending(o) && o.items().stream().anyMatch(i -> !alternatives(i, v -> !v.available()).isEmpty()));
        OrderItem item = order.items().stream().filter(i -> !alternatives(i, v -> !v.available()).isEmpty()).findFirst().orElseThrow();
        Variant unavailable = alternatives(item, v -> !v.available()).getFirst();
        refused("New item " + unavailable.itemId() + " is not available", "modify_pending_order_items", "order_id", order.orderId(),
                "item_ids", List.of(item.itemId()), "new_item_ids", List.of(unavailable.itemId()), "payment_method_id", paidWith(order));
    }

    @Test
    void should_reject_modify_items_when_new_item_is_the_same_as_the_old_one() {
        Order order = baseOrder("pending order", RetailToolsTest::isPending);
        String itemId = order.items().getFirst().itemId();
        refused("is the same as the old item", "modify_pending_order_items", "order_id", order.orderId(),
                "item_ids", List.of(itemId), "new_item_ids", List.of(itemId), "payment_method_id", paidWith(order));
    }

    @Test
    void should_reject_modify_items_when_the_item_lists_differ_in_length() {
        Order order = baseOrder("pending order with a swappable item", o -> isPending(o) && swappable(o, v -> true).isPresent());
        var swap = swappable(order, v -> true).orElseThrow();
        refused("item_ids and new_item_ids must have the same length (2 vs 1)", "modify_pending_order_items",
                "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId(), swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", paidWith(order));
    }

    @Test
    void should_reject_modify_items_when_an_item_is_not_in_the_order_or_the_list_is_empty() {
        Order order = baseOrder("pending order with a swappable item", o -> isPending(o) && swappable(o, v -> true).isPresent());
        var swap = swappable(order, v -> true).orElseThrow();
        refused("Item " + swap.getValue().itemId() + " not found in order " + order.orderId(), "modify_pending_order_items",
                "order_id", order.orderId(), "item_ids", List.of(swap.getValue().itemId()),
                "new_item_ids", List.of(swap.getKey().itemId()), "payment_method_id", paidWith(order));
        refused("item_ids must not be empty", "modify_pending_order_items", "order_id", order.orderId(),
                "item_ids", List.of(), "new_item_ids", List.of(), "payment_method_id", paidWith(order));
    }

    @Test
    void should_charge_a_positive_price_difference_to_the_given_method() {
        Order order = baseOrder("pending order, card-paid, with a dearer variant",
                o -> isPending(o) && !paidByGiftCard(o) && dearerSwap(o).isPresent());
        var swap = dearerSwap(order).orElseThrow();
        BigDecimal difference = swap.getValue().price().subtract(swap.getKey().price());
        ok("modify_pending_order_items", "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", paidWith(order));
        Order stored = db.requireOrder(order.orderId());
        assertEquals(new Payment("payment", difference, paidWith(order)), stored.paymentHistory().getLast());
        assertEquals(order.total().add(difference), stored.total());
    }

    @Test
    void should_refund_a_negative_price_difference_to_a_gift_card_at_once() {
        Order order = baseOrder("pending order whose owner has a gift card, with a cheaper variant",
                o -> isPending(o) && hasMethod(owner(o), PaymentMethod::isGiftCard) && cheaperSwap(o).isPresent());
        var swap = cheaperSwap(order).orElseThrow();
        BigDecimal difference = swap.getKey().price().subtract(swap.getValue().price());
        String giftCard = method(owner(order), PaymentMethod::isGiftCard).id();
        BigDecimal before = balance(order.userId(), giftCard);
        ok("modify_pending_order_items", "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", giftCard);
        assertEquals(new Payment("refund", difference, giftCard), db.requireOrder(order.orderId()).paymentHistory().getLast());
        assertEquals(before.add(difference), balance(order.userId(), giftCard));
    }

    @Test
    void should_reject_modify_items_when_the_gift_card_does_not_cover_a_positive_difference() {
        Order order = baseOrder("pending order whose owner has a gift card, with a dearer variant",
                o -> isPending(o) && hasMethod(owner(o), PaymentMethod::isGiftCard) && dearerSwap(o).isPresent());
        var swap = dearerSwap(order).orElseThrow();
        BigDecimal difference = swap.getValue().price().subtract(swap.getKey().price());
        PaymentMethod giftCard = method(owner(order), PaymentMethod::isGiftCard);
        User user = db.requireUser(order.userId());
        db.replace(user.withPaymentMethod(giftCard.withBalance(difference.subtract(new BigDecimal("0.01")))));
        Object[] arguments = {"order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", giftCard.id()};
        refused("Insufficient gift card balance", "modify_pending_order_items", arguments);
        db.replace(user.withPaymentMethod(giftCard.withBalance(difference)));
        ok("modify_pending_order_items", arguments);
        assertEquals(new BigDecimal("0.00"), balance(order.userId(), giftCard.id()));
    }

    @Test
    void should_reject_modify_items_when_the_payment_method_is_not_the_users() {
        Order order = baseOrder("pending order with a swappable item", o -> isPending(o) && swappable(o, v -> true).isPresent());
        var swap = swappable(order, v -> true).orElseThrow();
        String foreign = baseOrder("order of another user", o -> !o.userId().equals(order.userId())).paymentHistory().getFirst().paymentMethodId();
        refused("Payment method " + foreign + " not found for user " + order.userId(), "modify_pending_order_items",
                "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", foreign);
    }

    // ---------------------------------------------------------------- modify payment

    @Test
    void should_move_the_payment_to_another_method_and_refund_the_original() {
        Order order = baseOrder("pending order paid by gift card whose owner has another method",
                o -> isPending(o) && paidByGiftCard(o) && owner(o).paymentMethods().size() > 1);
        String giftCard = paidWith(order);
        String other = method(owner(order), m -> !m.id().equals(giftCard)).id();
        BigDecimal before = balance(order.userId(), giftCard);
        ok("modify_pending_order_payment", "order_id", order.orderId(), "payment_method_id", other);
        List<Payment> history = db.requireOrder(order.orderId()).paymentHistory();
        assertEquals(List.of(new Payment("payment", order.total(), giftCard), new Payment("payment", order.total(), other),
                new Payment("refund", order.total(), giftCard)), history);
        assertEquals(before.add(order.total()), balance(order.userId(), giftCard));
        assertEquals(Order.PENDING, db.requireOrder(order.orderId()).status());
    }

    @Test
    void should_reject_modify_payment_when_the_new_method_is_the_current_one() {
        Order order = baseOrder("pending order", RetailToolsTest::isPending);
        refused("The new payment method should be different from the current one", "modify_pending_order_payment",
                "order_id", order.orderId(), "payment_method_id", paidWith(order));
    }

    @Test
    void should_reject_modify_payment_when_the_gift_card_does_not_cover_the_total() {
        Order order = baseOrder("pending order not paid by gift card whose owner has a gift card",
                o -> isPending(o) && !paidByGiftCard(o) && hasMethod(owner(o), PaymentMethod::isGiftCard));
        PaymentMethod giftCard = method(owner(order), PaymentMethod::isGiftCard);
        User user = db.requireUser(order.userId());
        db.replace(user.withPaymentMethod(giftCard.withBalance(order.total().subtract(new BigDecimal("0.01")))));
        refused("Insufficient gift card balance", "modify_pending_order_payment", "order_id", order.orderId(),
                "payment_method_id", giftCard.id());
        db.replace(user.withPaymentMethod(giftCard.withBalance(order.total())));
        ok("modify_pending_order_payment", "order_id", order.orderId(), "payment_method_id", giftCard.id());
        assertEquals(new BigDecimal("0.00"), balance(order.userId(), giftCard.id()));
    }

    @Test
    void should_accept_a_gift_card_that_covers_the_total_after_a_cheaper_item_modification() {
        Order order = baseOrder("pending card-paid order with a cheaper variant whose owner has a gift card",
                o -> isPending(o) && !paidByGiftCard(o) && hasMethod(owner(o), PaymentMethod::isGiftCard) && cheaperSwap(o).isPresent());
        var swap = cheaperSwap(order).orElseThrow();
        ok("modify_pending_order_items", "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", paidWith(order));
        BigDecimal total = db.requireOrder(order.orderId()).total();
        PaymentMethod giftCard = method(db.requireUser(order.userId()), PaymentMethod::isGiftCard);
        db.replace(db.requireUser(order.userId()).withPaymentMethod(giftCard.withBalance(total)));
        ToolResult result = call("modify_pending_order_payment", "order_id", order.orderId(), "payment_method_id", giftCard.id());
        assertFalse(result.error(), "order " + order.orderId() + " (total " + total + ", gift card " + giftCard.id() + " holding "
                + total + "): " + result.content());
        assertEquals(new BigDecimal("0.00"), balance(order.userId(), giftCard.id()));
    }

    @Test
    void should_reject_modify_payment_when_order_is_not_pending() {
        Order order = baseOrder("delivered order whose owner has two methods", o -> isDelivered(o) && owner(o).paymentMethods().size() > 1);
        String other = method(owner(order), m -> !m.id().equals(paidWith(order))).id();
        refused("Non-pending order cannot be modified (status: delivered)", "modify_pending_order_payment",
                "order_id", order.orderId(), "payment_method_id", other);
    }

    // ---------------------------------------------------------------- return

    @Test
    void should_request_a_return_refunding_the_sum_of_the_returned_item_prices_to_the_original_method() {
        Order order = baseOrder("delivered order with two items", o -> isDelivered(o) && o.items().size() >= 2);
        List<OrderItem> items = order.items().subList(0, 2);
        List<String> itemIds = items.stream().map(OrderItem::itemId).toList();
        ok("return_delivered_order_items", "order_id", order.orderId(), "item_ids", itemIds, "payment_method_id", paidWith(order));
        Order stored = db.requireOrder(order.orderId());
        assertEquals(Order.RETURN_REQUESTED, stored.status());
        BigDecimal expected = items.get(0).price().add(items.get(1).price());
        ItemRequest request = stored.returnRequest();
        assertEquals(itemIds, request.itemIds());
        assertNull(request.newItemIds());
        assertEquals(paidWith(order), request.paymentMethodId());
        assertEquals(expected, request.amount());
        assertEquals(order.paymentHistory(), stored.paymentHistory());
    }

    @Test
    void should_refund_a_return_to_a_gift_card_that_is_not_the_original_method() {
        Order order = baseOrder("delivered card-paid order whose owner has a gift card",
                o -> isDelivered(o) && !paidByGiftCard(o) && hasMethod(owner(o), PaymentMethod::isGiftCard));
        String giftCard = method(owner(order), PaymentMethod::isGiftCard).id();
        ok("return_delivered_order_items", "order_id", order.orderId(), "item_ids", List.of(order.items().getFirst().itemId()),
                "payment_method_id", giftCard);
        assertEquals(giftCard, db.requireOrder(order.orderId()).returnRequest().paymentMethodId());
        assertEquals(order.items().getFirst().price(), db.requireOrder(order.orderId()).returnRequest().amount());
    }

    @Test
    void should_reject_return_when_refund_goes_to_another_non_gift_card_method() {
        Order order = baseOrder("delivered order whose owner has another non-gift-card method",
                o -> isDelivered(o) && hasMethod(owner(o), m -> !m.isGiftCard() && !m.id().equals(paidWith(o))));
        String other = method(owner(order), m -> !m.isGiftCard() && !m.id().equals(paidWith(order))).id();
        refused("Refund must go to the original payment method (" + paidWith(order) + ") or a gift card",
                "return_delivered_order_items", "order_id", order.orderId(),
                "item_ids", List.of(order.items().getFirst().itemId()), "payment_method_id", other);
    }

    @Test
    void should_reject_return_when_order_is_not_delivered() {
        for (String status : List.of(Order.PENDING, Order.PROCESSED, Order.CANCELLED)) {
            Order order = baseOrder(status + " order", o -> o.status().equals(status));
            refused("Non-delivered order cannot be returned (status: " + status + ")", "return_delivered_order_items",
                    "order_id", order.orderId(), "item_ids", List.of(order.items().getFirst().itemId()), "payment_method_id", paidWith(order));
        }
    }

    @Test
    void should_reject_a_second_return_or_an_exchange_after_a_return() {
        Order order = baseOrder("delivered order with a swappable item", o -> isDelivered(o) && swappable(o, v -> true).isPresent());
        var swap = swappable(order, v -> true).orElseThrow();
        ok("return_delivered_order_items", "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "payment_method_id", paidWith(order));
        refused("Non-delivered order cannot be returned (status: return requested)", "return_delivered_order_items",
                "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()), "payment_method_id", paidWith(order));
        refused("Non-delivered order cannot be exchanged (status: return requested)", "exchange_delivered_order_items",
                "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", paidWith(order));
    }

    @Test
    void should_reject_return_when_more_copies_of_an_item_are_named_than_the_order_has() {
        Order order = baseOrder("delivered order", RetailToolsTest::isDelivered);
        String itemId = order.items().getFirst().itemId();
        long copies = order.items().stream().filter(i -> i.itemId().equals(itemId)).count();
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= copies; i++) tooMany.add(itemId);
        refused("Item " + itemId + " not found in order " + order.orderId(), "return_delivered_order_items",
                "order_id", order.orderId(), "item_ids", tooMany, "payment_method_id", paidWith(order));
    }

    // ---------------------------------------------------------------- exchange

    @Test
    void should_request_an_exchange_recording_new_items_and_the_signed_price_difference() {
        Order order = baseOrder("delivered order with a swappable item", o -> isDelivered(o) && swappable(o, v -> true).isPresent());
        var swap = swappable(order, v -> true).orElseThrow();
        ok("exchange_delivered_order_items", "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", paidWith(order));
        Order stored = db.requireOrder(order.orderId());
        assertEquals(Order.EXCHANGE_REQUESTED, stored.status());
        ItemRequest request = stored.exchangeRequest();
        assertEquals(List.of(swap.getKey().itemId()), request.itemIds());
        assertEquals(List.of(swap.getValue().itemId()), request.newItemIds());
        assertEquals(paidWith(order), request.paymentMethodId());
        assertEquals(swap.getValue().price().subtract(swap.getKey().price()), request.amount());
        assertEquals(order.items(), stored.items(), "an exchange is a request; the items change when it is processed");
    }

    @Test
    void should_reject_exchange_when_order_is_not_delivered() {
        Order order = baseOrder("pending order with a swappable item", o -> isPending(o) && swappable(o, v -> true).isPresent());
        var swap = swappable(order, v -> true).orElseThrow();
        refused("Non-delivered order cannot be exchanged (status: pending)", "exchange_delivered_order_items",
                "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", paidWith(order));
    }

    @Test
    void should_reject_a_second_exchange_or_a_return_after_an_exchange() {
        Order order = baseOrder("delivered order with a swappable item", o -> isDelivered(o) && swappable(o, v -> true).isPresent());
        var swap = swappable(order, v -> true).orElseThrow();
        Object[] exchange = {"order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", paidWith(order)};
        ok("exchange_delivered_order_items", exchange);
        refused("Non-delivered order cannot be exchanged (status: exchange requested)", "exchange_delivered_order_items", exchange);
        refused("Non-delivered order cannot be returned (status: exchange requested)", "return_delivered_order_items",
                "order_id", order.orderId(), "item_ids", List.of(swap.getKey().itemId()), "payment_method_id", paidWith(order));
    }

    @Test
    void should_reject_exchange_when_the_gift_card_does_not_cover_a_positive_difference() {
        Order order = baseOrder("delivered order whose owner has a gift card, with a dearer variant",
                o -> isDelivered(o) && hasMethod(owner(o), PaymentMethod::isGiftCard) && dearerSwap(o).isPresent());
        var swap = dearerSwap(order).orElseThrow();
        PaymentMethod giftCard = method(owner(order), PaymentMethod::isGiftCard);
        db.replace(db.requireUser(order.userId()).withPaymentMethod(giftCard.withBalance(BigDecimal.ZERO)));
        refused("Insufficient gift card balance", "exchange_delivered_order_items", "order_id", order.orderId(),
                "item_ids", List.of(swap.getKey().itemId()), "new_item_ids", List.of(swap.getValue().itemId()),
                "payment_method_id", giftCard.id());
    }

    // ---------------------------------------------------------------- addresses

    @ParameterizedTest
    @ValueSource(strings = {"1234", "123456", "12a45", "", " 12345"})
    void should_reject_modify_user_address_when_zip_is_not_5_digits(String zip) {
        User user = WORLD.base().requireUser(baseOrder("any order", o -> true).userId());
        refused("zip", "modify_user_address", "user_id", user.userId(), "address1", "1 Main Street", "address2", "",
                "city", "Boston", "state", "MA", "country", "USA", "zip", zip);
    }

    @Test
    void should_change_the_default_address_of_a_user() {
        User user = WORLD.base().requireUser(baseOrder("any order", o -> true).userId());
        ok("modify_user_address", "user_id", user.userId(), "address1", "1 Main Street", "address2", "Suite 5",
                "city", "Boston", "state", "MA", "country", "USA", "zip", "02134");
        assertEquals(new Address("1 Main Street", "Suite 5", "Boston", "MA", "USA", "02134"), db.requireUser(user.userId()).address());
    }

    @Test
    void should_reject_modify_order_address_when_zip_is_invalid_or_order_is_not_pending() {
        Order pending = baseOrder("pending order", RetailToolsTest::isPending);
        refused("zip must be 5 digits", "modify_pending_order_address", "order_id", pending.orderId(), "address1", "1 Main Street",
                "address2", "", "city", "Boston", "state", "MA", "country", "USA", "zip", "2134");
        Order delivered = baseOrder("delivered order", RetailToolsTest::isDelivered);
        refused("Non-pending order cannot be modified (status: delivered)", "modify_pending_order_address",
                "order_id", delivered.orderId(), "address1", "1 Main Street", "address2", "", "city", "Boston",
                "state", "MA", "country", "USA", "zip", "02134");
        ok("modify_pending_order_address", "order_id", pending.orderId(), "address1", "1 Main Street", "address2", "",
                "city", "Boston", "state", "MA", "country", "USA", "zip", "02134");
        assertEquals("02134", db.requireOrder(pending.orderId()).address().zip());
    }

    // ---------------------------------------------------------------- find user

    @Test
    void should_find_a_user_by_email_ignoring_case_and_surrounding_spaces() {
        User user = owner(baseOrder("any order", o -> true));
        assertEquals(user.userId(), ok("find_user_id_by_email", "email", user.email()).content());
        assertEquals(user.userId(), ok("find_user_id_by_email", "email", "  " + user.email().toUpperCase(java.util.Locale.ROOT) + " ").content());
        refused("User not found", "find_user_id_by_email", "email", "nobody@example.com");
    }

    @Test
    void should_find_a_user_by_name_and_zip_ignoring_name_case() {
        User user = owner(baseOrder("any order", o -> true));
        assertEquals(user.userId(), ok("find_user_id_by_name_zip", "first_name", user.name().firstName(),
                "last_name", user.name().lastName(), "zip", user.address().zip()).content());
        assertEquals(user.userId(), ok("find_user_id_by_name_zip", "first_name", user.name().firstName().toUpperCase(java.util.Locale.ROOT),
                "last_name", user.name().lastName().toLowerCase(java.util.Locale.ROOT), "zip", user.address().zip()).content());
        refused("User not found", "find_user_id_by_name_zip", "first_name", user.name().firstName(),
                "last_name", user.name().lastName(), "zip", "00000");
    }

    @Test
    void should_find_a_user_by_the_current_zip_after_the_address_changed() {
        User user = owner(baseOrder("any order", o -> true));
        String oldZip = user.address().zip();
        String newZip = oldZip.equals("02134") ? "02135" : "02134";
        ok("modify_user_address", "user_id", user.userId(), "address1", "1 Main Street", "address2", "",
                "city", "Boston", "state", "MA", "country", "USA", "zip", newZip);
        assertEquals(user.userId(), ok("find_user_id_by_name_zip", "first_name", user.name().firstName(),
                "last_name", user.name().lastName(), "zip", newZip).content());
        refused("User not found", "find_user_id_by_name_zip", "first_name", user.name().firstName(),
                "last_name", user.name().lastName(), "zip", oldZip);
    }

    // ---------------------------------------------------------------- calculate

    @ParameterizedTest
    @CsvSource(delimiter = '=', value = {
            "2 + 3 * 4 = 14.00",
            "(2 + 3) * 4 = 20.00",
            "10 - 4 - 3 = 3.00",
            "24 / 4 / 2 = 3.00",
            "-3 + 5 = 2.00",
            "2 * -3 = -6.00",
            "-(1 + 2) * 2 = -6.00",
            "--4 = 4.00",
            "10 / 4 = 2.50",
            "1 / 3 = 0.33",
            "((1.5)) = 1.50",
            "54 = 54.00"})
    void should_calculate_with_precedence_parentheses_and_unary_minus(String expression, String expected) {
        assertEquals(expected, ok("calculate", "expression", expression).content());
    }

    @Test
    void should_reject_division_by_zero() {
        refused("Division by zero", "calculate", "expression", "1 / (2 - 2)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2 + x", "sqrt(4)", "1e3", "2 ^ 3", "System.exit(0)"})
    void should_reject_an_expression_with_letters_or_unknown_operators(String expression) {
        refused("Invalid characters in expression", "calculate", "expression", expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(1 + 2", "1 + 2)", "1 +", "1.2.3", "()", " "})
    void should_reject_a_malformed_expression(String expression) {
        refused("", "calculate", "expression", expression);
    }

    // ---------------------------------------------------------------- state hash

    @Test
    void should_change_the_state_hash_on_every_successful_write() {
        Order pending = baseOrder("pending card-paid order with a swappable item",
                o -> isPending(o) && !paidByGiftCard(o) && swappable(o, v -> true).isPresent());
        Order cancellable = baseOrder("another pending order", o -> isPending(o) && !o.orderId().equals(pending.orderId()));
        Order returnable = baseOrder("delivered order", RetailToolsTest::isDelivered);
        Order exchangeable = baseOrder("another delivered order with a swappable item",
                o -> isDelivered(o) && !o.orderId().equals(returnable.orderId()) && swappable(o, v -> true).isPresent());
        Order payable = baseOrder("pending order of a user with two methods",
                o -> isPending(o) && owner(o).paymentMethods().size() > 1 && !o.orderId().equals(pending.orderId())
                        && !o.orderId().equals(cancellable.orderId()) && hasMethod(owner(o), m -> !m.isGiftCard() && !m.id().equals(paidWith(o))));
        var swap = swappable(pending, v -> true).orElseThrow();
        var exchangeSwap = swappable(exchangeable, v -> true).orElseThrow();
        List<Runnable> writes = List.of(
                () -> ok("modify_pending_order_address", "order_id", pending.orderId(), "address1", "1 Main Street", "address2", "",
                        "city", "Boston", "state", "MA", "country", "USA", "zip", "02134"),
                () -> ok("modify_pending_order_items", "order_id", pending.orderId(), "item_ids", List.of(swap.getKey().itemId()),
                        "new_item_ids", List.of(swap.getValue().itemId()), "payment_method_id", paidWith(pending)),
                () -> ok("cancel_pending_order", "order_id", cancellable.orderId(), "reason", "ordered by mistake"),
                () -> ok("modify_pending_order_payment", "order_id", payable.orderId(), "payment_method_id",
                        method(owner(payable), m -> !m.isGiftCard() && !m.id().equals(paidWith(payable))).id()),
                () -> ok("return_delivered_order_items", "order_id", returnable.orderId(),
                        "item_ids", List.of(returnable.items().getFirst().itemId()), "payment_method_id", paidWith(returnable)),
                () -> ok("exchange_delivered_order_items", "order_id", exchangeable.orderId(), "item_ids", List.of(exchangeSwap.getKey().itemId()),
                        "new_item_ids", List.of(exchangeSwap.getValue().itemId()), "payment_method_id", paidWith(exchangeable)),
                () -> ok("modify_user_address", "user_id", pending.userId(), "address1", "2 Main Street", "address2", "",
                        "city", "Boston", "state", "MA", "country", "USA", "zip", "02135"));
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(db.stateHash()));
        for (Runnable write : writes) {
            write.run();
            assertTrue(seen.add(db.stateHash()), "a successful write left the state hash at an earlier value");
        }
        assertEquals(RetailTools.WRITES.size(), writes.size(), "one write of every kind");
    }

    @Test
    void should_keep_the_state_hash_on_reads() {
        Order order = baseOrder("any order", o -> true);
        User user = owner(order);
        String before = db.stateHash();
        ok("find_user_id_by_email", "email", user.email());
        ok("find_user_id_by_name_zip", "first_name", user.name().firstName(), "last_name", user.name().lastName(), "zip", user.address().zip());
        ok("get_user_details", "user_id", user.userId());
        ok("get_order_details", "order_id", order.orderId());
        ok("get_product_details", "product_id", order.items().getFirst().productId());
        ok("list_all_product_types");
        ok("calculate", "expression", "1 + 1");
        ok("transfer_to_human_agents", "summary", "User wants a human.");
        assertEquals(before, db.stateHash());
        assertEquals(WORLD.newEnvironment().stateHash(), db.stateHash());
    }

    @Test
    void should_keep_the_state_hash_on_a_rejected_write() {
        Order delivered = baseOrder("delivered order", RetailToolsTest::isDelivered);
        refused("Non-pending order cannot be cancelled", "cancel_pending_order", "order_id", delivered.orderId(), "reason", "no longer needed");
        refused("missing required argument 'reason'", "cancel_pending_order", "order_id", delivered.orderId());
        refused("unknown tool", "delete_order", "order_id", delivered.orderId());
        assertEquals(WORLD.newEnvironment().stateHash(), db.stateHash());
    }

    @Test
    void should_not_leak_writes_into_the_world_or_other_copies() {
        Order order = baseOrder("pending order", RetailToolsTest::isPending);
        String pristine = WORLD.base().stateHash();
        ok("cancel_pending_order", "order_id", order.orderId(), "reason", "no longer needed");
        assertNotEquals(pristine, db.stateHash());
        assertEquals(pristine, WORLD.base().stateHash());
        assertEquals(order, WORLD.base().requireOrder(order.orderId()));
    }

    @Test
    void should_return_the_updated_order_as_canonical_json() {
        Order order = baseOrder("pending order", RetailToolsTest::isPending);
        ToolResult result = ok("cancel_pending_order", "order_id", order.orderId(), "reason", "no longer needed");
        assertEquals(CanonicalJson.write(db.requireOrder(order.orderId())), result.content());
        assertTrue(result.content().contains("\"status\":\"cancelled\""), result.content());
        assertTrue(result.content().contains("\"cancel_reason\":\"no longer needed\""), result.content());
    }
}
