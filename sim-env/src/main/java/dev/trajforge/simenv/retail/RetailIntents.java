package dev.trajforge.simenv.retail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One builder per user intent. Each picks a fitting order (or returns false when the user has none),
 * appends the gold tool calls and the facts the agent must tell, and phrases the request.
 */
final class RetailIntents {
    static final List<String> NAMES = List.of("cancel", "modify_address", "modify_payment", "modify_items", "return",
            "exchange", "modify_user_address", "info_order", "info_product", "info_refund", "cancel_processed");
    /** Intents whose request ends the conversation (a hand-off to a human): only ever the last request of a task. */
    static final Set<String> ENDING = Set.of("cancel_processed");

    private RetailIntents() {
    }

    static boolean apply(String intent, TaskDraft d) {
        return switch (intent) {
            case "cancel" -> cancel(d);
            case "modify_address" -> modifyOrderAddress(d);
            case "modify_payment" -> modifyPayment(d);
            case "modify_items" -> swapItems(d, false);
            case "return" -> returnItems(d);
            case "exchange" -> swapItems(d, true);
            case "modify_user_address" -> modifyUserAddress(d);
            case "info_order" -> infoOrder(d);
            case "info_product" -> infoProduct(d);
            case "info_refund" -> infoRefund(d);
            case "cancel_processed" -> cancelProcessed(d);
            default -> throw new IllegalArgumentException("unknown retail intent " + intent);
        };
    }

    private static boolean cancel(TaskDraft d) {
        List<Order> orders = d.orders(Order::isPending);
        if (orders.isEmpty()) return false;
        Order order = d.pick(orders);
        String reason = d.pick(RetailTools.CANCEL_REASONS);
        d.ensureIdentity();
        String ref = d.orderReference(order);
        d.call("cancel_pending_order", "order_id", order.orderId(), "reason", reason);
        BigDecimal refund = order.paymentHistory().stream().filter(p -> p.transactionType().equals("payment"))
                .map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        d.fact(refund.toPlainString());
        String because = reason.equals("no longer needed") ? "it is no longer needed" : "it was ordered by mistake";
        Map<String, String> details = new TreeMap<>();
        String ask = "cancel " + ref;
        if (d.rng.nextBoolean()) ask += " because " + because;
        else details.put("reason", "The reason is that " + because + ".");
        d.criterion("outcome", "Order " + order.orderId() + " was cancelled with reason '" + reason + "' only after the user explicitly confirmed.");
        d.criterion("told_refund", "The agent told the user that " + refund + " will be refunded.");
        d.request("cancel", ask, details, "Cancel " + ref + " because " + because + ".");
        return true;
    }

    private static boolean modifyOrderAddress(TaskDraft d) {
        List<Order> orders = d.orders(Order::isPending);
        if (orders.isEmpty()) return false;
        Order order = d.pick(orders);
        Address address = RetailWorldGenerator.address(d.rng);
        d.ensureIdentity();
        String ref = d.orderReference(order);
        d.call("modify_pending_order_address", "order_id", order.orderId(), "address1", address.address1(),
                "address2", address.address2(), "city", address.city(), "state", address.state(),
                "country", address.country(), "zip", address.zip());
        d.criterion("outcome", "The shipping address of order " + order.orderId() + " was changed to " + address.oneLine() + " after confirmation.");
        d.request("modify_address", "change the shipping address of " + ref,
                Map.of("address", "The new address is " + address.oneLine() + "."),
                "Change the shipping address of " + ref + " to " + address.oneLine() + ".");
        return true;
    }

    private static boolean modifyUserAddress(TaskDraft d) {
        Address address = RetailWorldGenerator.address(d.rng);
        d.ensureIdentity();
        d.call("modify_user_address", "user_id", d.user.userId(), "address1", address.address1(),
                "address2", address.address2(), "city", address.city(), "state", address.state(),
                "country", address.country(), "zip", address.zip());
        d.criterion("outcome", "The user's default address was changed to " + address.oneLine() + " after confirmation.");
        d.request("modify_user_address", "update the default address on my account",
                Map.of("address", "The new address is " + address.oneLine() + "."),
                "Update your account's default address to " + address.oneLine() + ".");
        return true;
    }

    private static boolean modifyPayment(TaskDraft d) {
        List<Order> orders = d.orders(o -> o.isPending() && o.paymentHistory().size() == 1);
        if (orders.isEmpty()) return false;
        Order order = d.pick(orders);
        Payment current = order.paymentHistory().getFirst();
        List<PaymentMethod> options = d.user.paymentMethods().values().stream()
                .filter(m -> !m.id().equals(current.paymentMethodId()))
                .filter(m -> !m.isGiftCard() || m.balance().compareTo(current.amount()) >= 0).toList();
        if (options.isEmpty()) return false;
        PaymentMethod method = d.pick(options);
        d.ensureIdentity();
        String ref = d.orderReference(order);
        d.call("modify_pending_order_payment", "order_id", order.orderId(), "payment_method_id", method.id());
        d.criterion("outcome", "Order " + order.orderId() + " is now paid with " + method.describe() + ", after confirmation.");
        d.request("modify_payment", "pay for " + ref + " with " + spoken(method) + " instead", Map.of(),
                "Pay for " + ref + " with " + spoken(method) + " instead of the current payment method.");
        return true;
    }

    private static boolean returnItems(TaskDraft d) {
        List<Order> orders = d.orders(o -> o.status().equals(Order.DELIVERED));
        if (orders.isEmpty()) return false;
        Order order = d.pick(orders);
        List<OrderItem> items = someItems(d, order.items());
        String original = order.paymentHistory().getFirst().paymentMethodId();
        List<PaymentMethod> giftCards = d.user.paymentMethods().values().stream().filter(PaymentMethod::isGiftCard).toList();
        boolean toGiftCard = !giftCards.isEmpty() && d.rng.nextBoolean();
        String methodId = toGiftCard ? giftCards.getFirst().id() : original;
        d.ensureIdentity();
        String ref = d.orderReference(order);
        d.call("return_delivered_order_items", "order_id", order.orderId(), "item_ids", ids(items), "payment_method_id", methodId);
        BigDecimal refund = items.stream().map(OrderItem::price).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        d.fact(refund.toPlainString());
        String where = toGiftCard ? "on my gift card" : "to the original payment method";
        String ask = "return the " + describe(items) + " from " + ref + " and get the refund " + where;
        d.criterion("outcome", "A return of " + describe(items) + " from order " + order.orderId() + " was requested with the refund going " + where.replace("my", "the user's") + ", after confirmation.");
        d.criterion("told_refund", "The agent told the user the refund amount of " + refund + ".");
        d.request("return", ask, Map.of(), capitalize(ask) + ".");
        return true;
    }

    /** Modify (pending order) or exchange (delivered order) items for other variants of the same products. */
    private static boolean swapItems(TaskDraft d, boolean exchange) {
        List<Order> orders = d.orders(o -> o.status().equals(exchange ? Order.DELIVERED : Order.PENDING));
        if (orders.isEmpty()) return false;
        Order order = d.pick(orders);
        List<OrderItem> swappable = order.items().stream().filter(i -> !alternatives(d.db, i).isEmpty()).toList();
        if (swappable.isEmpty()) return false;
        List<OrderItem> items = someItems(d, swappable);
        List<Variant> replacements = new ArrayList<>();
        BigDecimal difference = BigDecimal.ZERO;
        for (OrderItem item : items) {
            Variant variant = d.pick(alternatives(d.db, item));
            replacements.add(variant);
            difference = difference.add(variant.price()).subtract(item.price());
        }
        BigDecimal charge = difference;
        List<PaymentMethod> methods = d.user.paymentMethods().values().stream()
                .filter(m -> charge.signum() <= 0 || !m.isGiftCard() || m.balance().compareTo(charge) >= 0).toList();
        if (methods.isEmpty()) return false;
        PaymentMethod method = d.pick(methods);
        d.ensureIdentity();
        String ref = d.orderReference(order);
        Set<String> products = items.stream().map(OrderItem::productId).collect(Collectors.toCollection(LinkedHashSet::new));
        products.forEach(productId -> d.call("get_product_details", "product_id", productId));
        d.call(exchange ? "exchange_delivered_order_items" : "modify_pending_order_items", "order_id", order.orderId(),
                "item_ids", ids(items), "new_item_ids", replacements.stream().map(Variant::itemId).toList(),
                "payment_method_id", method.id());
        if (difference.signum() != 0) d.fact(difference.abs().setScale(2).toPlainString());
        List<String> wants = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            wants.add("the " + items.get(i).describe() + " for the one with " + options(replacements.get(i)));
        }
        String verb = exchange ? "exchange " : "change ";
        String ask = verb + String.join(" and ", wants) + " in " + ref + ", settling any price difference with " + spoken(method);
        String intent = exchange ? "exchange" : "modify_items";
        d.criterion("outcome", (exchange ? "An exchange" : "A modification") + " of order " + order.orderId() + " was made exactly as asked ("
                + String.join("; ", wants) + "), paid with " + method.describe() + ", after confirmation.");
        if (difference.signum() != 0) d.criterion("told_difference", "The agent told the user the price difference of " + difference.abs() + ".");
        d.request(intent, ask, Map.of(), capitalize(ask) + ".");
        return true;
    }

    private static boolean infoOrder(TaskDraft d) {
        List<Order> orders = d.orders(o -> true);
        if (orders.isEmpty()) return false;
        Order order = d.pick(orders);
        d.ensureIdentity();
        String ref = d.orderReference(order);
        d.fact(order.total().toPlainString());
        String ask = "know the total price of " + ref;
        if (!order.trackingIds().isEmpty()) {
            d.fact(order.trackingIds().getFirst());
            ask += " and its tracking number";
        }
        d.criterion("told_info", "The agent told the user the total of " + order.total()
                + (order.trackingIds().isEmpty() ? "" : " and the tracking number " + order.trackingIds().getFirst()) + ", and changed nothing.");
        d.request("info_order", ask, Map.of(), capitalize(ask) + ".");
        return true;
    }

    private static boolean infoProduct(TaskDraft d) {
        List<Product> products = new ArrayList<>();
        d.db.forEachProduct(products::add);
        Product product = d.pick(products);
        Variant variant = d.pick(new ArrayList<>(product.variants().values()));
        d.call("list_all_product_types");
        d.call("get_product_details", "product_id", product.productId());
        d.fact(variant.price().toPlainString());
        String ask = "know the price of the " + product.name() + " with " + options(variant);
        d.criterion("told_info", "The agent told the user that the " + product.name() + " with " + options(variant) + " costs " + variant.price() + ", and changed nothing.");
        d.request("info_product", ask, Map.of(), capitalize(ask) + ".");
        return true;
    }

    /** What returning some items of a delivered order would refund: the agent adds their prices with the calculator, changes nothing. */
    private static boolean infoRefund(TaskDraft d) {
        List<Order> orders = d.orders(o -> o.status().equals(Order.DELIVERED) && o.items().size() >= 2);
        if (orders.isEmpty()) return false;
        Order order = d.pick(orders);
        List<OrderItem> items = new ArrayList<>(order.items());
        while (items.size() > 2 && (items.size() > 3 || d.rng.nextDouble() < 0.7)) items.remove(d.rng.nextInt(items.size()));
        d.ensureIdentity();
        String ref = d.orderReference(order);
        d.call("calculate", "expression", items.stream().map(i -> i.price().toPlainString()).collect(Collectors.joining(" + ")));
        BigDecimal refund = items.stream().map(OrderItem::price).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        d.fact(refund.toPlainString());
        String ask = "know how much I would get back if I returned the " + describe(items) + " from " + ref;
        d.criterion("told_info", "The agent added up the prices of " + describe(items) + " of order " + order.orderId()
                + ", told the user the refund would be " + refund + ", and changed nothing (no return was made).");
        d.request("info_refund", ask, Map.of(), capitalize(ask) + ", without returning anything yet.");
        return true;
    }

    /** Cancelling a processed order is beyond the agent's tools: policy says look it up and transfer the user to a human. */
    private static boolean cancelProcessed(TaskDraft d) {
        List<Order> orders = d.orders(o -> o.status().equals(Order.PROCESSED));
        if (orders.isEmpty()) return false;
        Order order = d.pick(orders);
        String reason = d.pick(RetailTools.CANCEL_REASONS);
        d.ensureIdentity();
        String ref = d.orderReference(order);
        d.handOff("The user wants to cancel order " + order.orderId() + " (reason: " + reason
                + "), which is already processed and cannot be cancelled with the agent's tools.");
        String because = reason.equals("no longer needed") ? "it is no longer needed" : "it was ordered by mistake";
        d.criterion("outcome", "The agent looked up order " + order.orderId() + ", did not cancel or change it (it is processed), "
                + "and transferred the user to a human agent.");
        d.request("cancel_processed", "cancel " + ref + " because " + because, Map.of(),
                "Cancel " + ref + " because " + because + ". If the agent cannot do it, accept being transferred to a human agent.");
        return true;
    }

    private static List<Variant> alternatives(RetailDb db, OrderItem item) {
        return db.requireProduct(item.productId()).variants().values().stream()
                .filter(v -> v.available() && !v.itemId().equals(item.itemId())).toList();
    }

    private static List<OrderItem> someItems(TaskDraft d, List<OrderItem> items) {
        List<OrderItem> pool = new ArrayList<>(items);
        int count = pool.size() > 1 && d.rng.nextDouble() < 0.3 ? 2 : 1;
        List<OrderItem> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) chosen.add(pool.remove(d.rng.nextInt(pool.size())));
        return chosen;
    }

    private static List<String> ids(List<OrderItem> items) {
        return items.stream().map(OrderItem::itemId).toList();
    }

    private static String describe(List<OrderItem> items) {
        return items.stream().map(OrderItem::describe).collect(Collectors.joining(" and the "));
    }

    private static String options(Variant variant) {
        return variant.options().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" and "));
    }

    /** How a user names their payment method. */
    static String spoken(PaymentMethod method) {
        return switch (method.source()) {
            case PaymentMethod.GIFT_CARD -> "my gift card";
            case PaymentMethod.CREDIT_CARD -> "my " + method.brand() + " card ending in " + method.lastFour();
            default -> "my PayPal account";
        };
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
