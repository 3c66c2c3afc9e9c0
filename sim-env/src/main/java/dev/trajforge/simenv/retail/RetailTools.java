package dev.trajforge.simenv.retail;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.trajforge.simenv.tools.Kind;
import dev.trajforge.simenv.tools.Rendered;
import dev.trajforge.simenv.tools.ToolKind;
import dev.trajforge.simenv.tools.ToolException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The retail tools, each enforcing what a real order backend enforces. Policy (identity checks,
 * confirmation before writes) is not coded here: it lives in policy.md and is judged.
 */
final class RetailTools implements Rendered {
    static final String TRANSFER = "transfer_to_human_agents";
    static final List<String> WRITES = List.of("cancel_pending_order", "modify_pending_order_address",
            "modify_pending_order_payment", "modify_pending_order_items", "return_delivered_order_items",
            "exchange_delivered_order_items", "modify_user_address");
    static final List<String> CANCEL_REASONS = List.of("no longer needed", "ordered by mistake");

    private final RetailDb db;

    RetailTools(RetailDb db) {
        this.db = db;
    }

    @Tool(name = "find_user_id_by_email", value = "Find a user id by email address. Use it to authenticate the user.")
    String findUserIdByEmail(@P(name = "email", value = "The user's email, such as 'jane.doe1234@example.com'.") String email) {
        return db.userIdByEmail(email);
    }

    @Tool(name = "find_user_id_by_name_zip", value = "Find a user id by first name, last name and zip code. Use it to authenticate the user when the email is unknown.")
    String findUserIdByNameZip(@P(name = "first_name", value = "First name, such as 'John'.") String firstName,
                               @P(name = "last_name", value = "Last name, such as 'Doe'.") String lastName,
                               @P(name = "zip", value = "5-digit zip code of the user's address, such as '12345'.") String zip) {
        for (String userId : db.userIdsByName(firstName, lastName)) {
            if (db.requireUser(userId).address().zip().equals(zip.trim())) return userId;
        }
        throw new ToolException("User not found");
    }

    @Tool(name = "get_user_details", value = "Get a user's details: name, email, address, payment methods and order ids.")
    User getUserDetails(@P(name = "user_id", value = "The user id, such as 'sara_doe_496'.") String userId) {
        return db.requireUser(userId);
    }

    @Tool(name = "get_order_details", value = "Get the status, items, address and payment history of an order.")
    Order getOrderDetails(@P(name = "order_id", value = "The order id, such as '#W0000000'. Include the '#'.") String orderId) {
        return db.requireOrder(orderId);
    }

    @Tool(name = "get_product_details", value = "Get a product and all its variants (item ids, options, price, availability).")
    Product getProductDetails(@P(name = "product_id", value = "The product id, such as '6086499569'. Not an item id.") String productId) {
        return db.requireProduct(productId);
    }

    @Tool(name = "list_all_product_types", value = "List the name and product id of every product type in the store.")
    Map<String, String> listAllProductTypes() {
        Map<String, String> types = new TreeMap<>();
        db.forEachProduct(product -> types.put(product.name(), product.productId()));
        return types;
    }

    @Kind(ToolKind.WRITE)
    @Tool(name = "cancel_pending_order", value = "Cancel a pending order. Paid amounts are refunded to the original payment methods (gift cards at once). Returns the updated order.")
    Order cancelPendingOrder(@P(name = "order_id", value = "The order id, such as '#W0000000'.") String orderId,
                             @P(name = "reason", value = "Either 'no longer needed' or 'ordered by mistake'.") String reason) {
        Order order = db.requireOrder(orderId);
        if (!order.isPending()) throw new ToolException("Non-pending order cannot be cancelled (status: " + order.status() + ")");
        if (!CANCEL_REASONS.contains(reason)) throw new ToolException("Invalid reason: must be one of " + CANCEL_REASONS);
        List<Payment> history = new ArrayList<>(order.paymentHistory());
        netPaid(order).forEach((methodId, net) -> { // what is still paid per method, after earlier refunds
            history.add(new Payment("refund", net, methodId));
            adjustGiftCard(order.userId(), methodId, net);
        });
        return db.replace(order.cancelled(reason, history, db.now()));
    }

    @Kind(ToolKind.WRITE)
    @Tool(name = "modify_pending_order_address", value = "Change the shipping address of a pending order. Returns the updated order.")
    Order modifyPendingOrderAddress(@P(name = "order_id", value = "The order id, such as '#W0000000'.") String orderId,
                                    @P(name = "address1", value = "First address line, such as '123 Main St'.") String address1,
                                    @P(name = "address2", value = "Second address line, such as 'Apt 1', or ''.") String address2,
                                    @P(name = "city", value = "City, such as 'San Francisco'.") String city,
                                    @P(name = "state", value = "State, such as 'CA'.") String state,
                                    @P(name = "country", value = "Country, such as 'USA'.") String country,
                                    @P(name = "zip", value = "5-digit zip code, such as '12345'.") String zip) {
        Order order = db.requireOrder(orderId);
        if (!order.isPending()) throw new ToolException("Non-pending order cannot be modified (status: " + order.status() + ")");
        return db.replace(order.withAddress(new Address(address1, address2, city, state, country, zip), db.now()));
    }

    @Kind(ToolKind.WRITE)
    @Tool(name = "modify_pending_order_payment", value = "Pay a pending order with another of the user's payment methods; the original payment is refunded. Returns the updated order.")
    Order modifyPendingOrderPayment(@P(name = "order_id", value = "The order id, such as '#W0000000'.") String orderId,
                                    @P(name = "payment_method_id", value = "The new payment method id, such as 'gift_card_0000000'.") String paymentMethodId) {
        Order order = db.requireOrder(orderId);
        if (!order.isPending()) throw new ToolException("Non-pending order cannot be modified (status: " + order.status() + ")");
        Map<String, BigDecimal> paid = netPaid(order);
        PaymentMethod method = requirePaymentMethod(order.userId(), paymentMethodId);
        if (paid.keySet().equals(java.util.Set.of(paymentMethodId))) throw new ToolException("The new payment method should be different from the current one");
        BigDecimal total = order.total();
        requireBalance(method, total);
        List<Payment> history = new ArrayList<>(order.paymentHistory());
        history.add(new Payment("payment", total, paymentMethodId));
        adjustGiftCard(order.userId(), paymentMethodId, total.negate());
        paid.forEach((methodId, net) -> {
            history.add(new Payment("refund", net, methodId));
            adjustGiftCard(order.userId(), methodId, net);
        });
        return db.replace(order.with(order.status(), order.items(), history, db.now()));
    }

    @Kind(ToolKind.WRITE)
    @Tool(name = "modify_pending_order_items", value = "Swap items of a pending order for other variants of the same products (once per order). The price difference is charged or refunded on the given payment method. Returns the updated order.")
    Order modifyPendingOrderItems(@P(name = "order_id", value = "The order id, such as '#W0000000'.") String orderId,
                                  @P(name = "item_ids", value = "Item ids to modify, such as ['1008292230']. May repeat.") List<String> itemIds,
                                  @P(name = "new_item_ids", value = "The new item ids, same length and order as item_ids, same product each.") List<String> newItemIds,
                                  @P(name = "payment_method_id", value = "Payment method to charge or refund the price difference, such as 'gift_card_0000000'.") String paymentMethodId) {
        Order order = db.requireOrder(orderId);
        if (!Order.PENDING.equals(order.status())) throw new ToolException("Only pending orders with unmodified items can be modified (status: " + order.status() + ")");
        ItemSwap swap = ItemSwap.plan(db, order, itemIds, newItemIds);
        PaymentMethod method = requirePaymentMethod(order.userId(), paymentMethodId);
        BigDecimal difference = swap.priceDifference();
        if (difference.signum() > 0) requireBalance(method, difference);
        BigDecimal paidWithMethod = netPaid(order).getOrDefault(paymentMethodId, BigDecimal.ZERO);
        if (difference.signum() < 0 && paidWithMethod.compareTo(difference.negate()) < 0) {
            throw new ToolException("A refund of " + difference.negate() + " can only go to a payment method that paid at least that much for this order");
        }
        List<Payment> history = new ArrayList<>(order.paymentHistory());
        if (difference.signum() != 0) {
            history.add(new Payment(difference.signum() > 0 ? "payment" : "refund", difference.abs(), paymentMethodId));
            adjustGiftCard(order.userId(), paymentMethodId, difference.negate());
        }
        return db.replace(order.with(Order.PENDING_MODIFIED, swap.newItems(), history, db.now()));
    }

    @Kind(ToolKind.WRITE)
    @Tool(name = "return_delivered_order_items", value = "Request a return of items of a delivered order (once per order). The refund goes to the original payment method or a gift card. Returns the updated order.")
    Order returnDeliveredOrderItems(@P(name = "order_id", value = "The order id, such as '#W0000000'.") String orderId,
                                    @P(name = "item_ids", value = "Item ids to return, such as ['1008292230']. May repeat.") List<String> itemIds,
                                    @P(name = "payment_method_id", value = "Where the refund goes: the original payment method or a gift card, such as 'gift_card_0000000'.") String paymentMethodId) {
        Order order = db.requireOrder(orderId);
        if (!Order.DELIVERED.equals(order.status())) throw new ToolException("Non-delivered order cannot be returned (status: " + order.status() + ")");
        List<OrderItem> returned = ItemSwap.takeItems(order, itemIds);
        PaymentMethod method = requirePaymentMethod(order.userId(), paymentMethodId);
        String original = order.paymentHistory().getFirst().paymentMethodId();
        if (!method.isGiftCard() && !method.id().equals(original)) {
            throw new ToolException("Refund must go to the original payment method (" + original + ") or a gift card");
        }
        BigDecimal refund = returned.stream().map(OrderItem::price).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        return db.replace(order.returnRequested(new ItemRequest(db.mintRequestId(), itemIds, null, paymentMethodId, refund, db.now())));
    }

    @Kind(ToolKind.WRITE)
    @Tool(name = "exchange_delivered_order_items", value = "Request an exchange of items of a delivered order for other variants of the same products (once per order). The price difference is settled on the given payment method. Returns the updated order.")
    Order exchangeDeliveredOrderItems(@P(name = "order_id", value = "The order id, such as '#W0000000'.") String orderId,
                                      @P(name = "item_ids", value = "Item ids to exchange, such as ['1008292230']. May repeat.") List<String> itemIds,
                                      @P(name = "new_item_ids", value = "The new item ids, same length and order as item_ids, same product each.") List<String> newItemIds,
                                      @P(name = "payment_method_id", value = "Payment method to charge or refund the price difference, such as 'gift_card_0000000'.") String paymentMethodId) {
        Order order = db.requireOrder(orderId);
        if (!Order.DELIVERED.equals(order.status())) throw new ToolException("Non-delivered order cannot be exchanged (status: " + order.status() + ")");
        ItemSwap swap = ItemSwap.plan(db, order, itemIds, newItemIds);
        PaymentMethod method = requirePaymentMethod(order.userId(), paymentMethodId);
        BigDecimal difference = swap.priceDifference();
        if (difference.signum() > 0) requireBalance(method, difference);
        return db.replace(order.exchangeRequested(new ItemRequest(db.mintRequestId(), itemIds, newItemIds, paymentMethodId, difference, db.now())));
    }

    @Kind(ToolKind.WRITE)
    @Tool(name = "modify_user_address", value = "Change a user's default address. Returns the updated user.")
    User modifyUserAddress(@P(name = "user_id", value = "The user id, such as 'sara_doe_496'.") String userId,
                           @P(name = "address1", value = "First address line, such as '123 Main St'.") String address1,
                           @P(name = "address2", value = "Second address line, such as 'Apt 1', or ''.") String address2,
                           @P(name = "city", value = "City, such as 'San Francisco'.") String city,
                           @P(name = "state", value = "State, such as 'CA'.") String state,
                           @P(name = "country", value = "Country, such as 'USA'.") String country,
                           @P(name = "zip", value = "5-digit zip code, such as '12345'.") String zip) {
        User user = db.requireUser(userId);
        Address address = new Address(address1, address2, city, state, country, zip);
        return db.replace(user.withAddress(address, db.now()));
    }

    @Kind(ToolKind.HANDOFF)
    @Tool(name = TRANSFER, value = "Transfer the user to a human agent, with a summary of the issue. Only when the request cannot be handled within policy or the user explicitly asks for a human.")
    String transferToHumanAgents(@P(name = "summary", value = "A summary of the user's issue.") String summary) {
        if (summary.isBlank()) throw new ToolException("summary must not be empty");
        return "Transfer successful";
    }

    @Tool(name = "calculate", value = "Calculate an arithmetic expression with + - * / and parentheses, such as '(12.5 + 3) * 2'. Returns the result rounded to 2 decimals.")
    String calculate(@P(name = "expression", value = "The expression, such as '2 * (3.5 + 4)'.") String expression) {
        return Calculator.evaluate(expression).toPlainString();
    }

    /** Unchanged users, orders and products of the world were rendered once, when it was built. */
    @Override
    public String renderedJson(Object value) {
        return db.baseJson(value);
    }

    /** Per payment method, what was paid minus what was refunded, in history order; only positive amounts. */
    private static Map<String, BigDecimal> netPaid(Order order) {
        Map<String, BigDecimal> net = new java.util.LinkedHashMap<>();
        for (Payment payment : order.paymentHistory()) {
            BigDecimal signed = payment.transactionType().equals("payment") ? payment.amount() : payment.amount().negate();
            net.merge(payment.paymentMethodId(), signed, BigDecimal::add);
        }
        net.values().removeIf(amount -> amount.signum() <= 0);
        return net;
    }

    private PaymentMethod requirePaymentMethod(String userId, String paymentMethodId) {
        PaymentMethod method = db.requireUser(userId).paymentMethods().get(paymentMethodId);
        if (method == null) throw new ToolException("Payment method " + paymentMethodId + " not found for user " + userId);
        return method;
    }

    private static void requireBalance(PaymentMethod method, BigDecimal amount) {
        if (method.isGiftCard() && method.balance().compareTo(amount) < 0) {
            throw new ToolException("Insufficient gift card balance: " + method.balance() + " < " + amount);
        }
    }

    /** Adds {@code delta} to a gift card's balance; other payment methods have no balance to track. */
    private void adjustGiftCard(String userId, String paymentMethodId, BigDecimal delta) {
        User user = db.requireUser(userId);
        PaymentMethod method = user.paymentMethods().get(paymentMethodId);
        if (method == null || !method.isGiftCard()) return;
        db.replace(user.withPaymentMethod(method.withBalance(method.balance().add(delta))));
    }
}
