package dev.trajforge.simenv.retail;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Values of the retail world. Money is BigDecimal with scale 2; maps are sorted so JSON is canonical. */
final class RetailRecords {
    private RetailRecords() {
    }

    static BigDecimal money(BigDecimal amount) {
        if (amount.signum() < 0) throw new IllegalArgumentException("amount must be >= 0, got " + amount);
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    static BigDecimal money(double amount) {
        return money(BigDecimal.valueOf(amount));
    }

    static <K extends Comparable<K>, V> Map<K, V> sorted(Map<K, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}

record Name(String firstName, String lastName) {
    Name {
        Objects.requireNonNull(firstName, "first name");
        Objects.requireNonNull(lastName, "last name");
    }

    String full() {
        return firstName + " " + lastName;
    }
}

record Address(String address1, String address2, String city, String state, String country, String zip) {
    Address {
        for (String[] field : new String[][]{{"address1", address1}, {"city", city}, {"state", state},
                {"country", country}, {"zip", zip}}) {
            if (field[1] == null || field[1].isBlank()) throw new IllegalArgumentException(field[0] + " must not be empty");
        }
        address2 = address2 == null ? "" : address2;
        if (!zip.matches("\\d{5}")) throw new IllegalArgumentException("zip must be 5 digits, got '" + zip + "'");
    }

    String oneLine() {
        return address1 + (address2.isEmpty() ? "" : ", " + address2) + ", " + city + ", " + state + " " + zip + ", " + country;
    }
}

/** A payment method: {@code gift_card} (with balance), {@code credit_card} (brand, last four) or {@code paypal}. */
record PaymentMethod(String id, String source, BigDecimal balance, String brand, String lastFour) {
    static final String GIFT_CARD = "gift_card";
    static final String CREDIT_CARD = "credit_card";
    static final String PAYPAL = "paypal";

    PaymentMethod {
        Objects.requireNonNull(id, "payment method id");
        switch (source) {
            case GIFT_CARD -> balance = RetailRecords.money(Objects.requireNonNull(balance, "gift card balance"));
            case CREDIT_CARD -> Objects.requireNonNull(lastFour, "credit card last four");
            case PAYPAL -> { }
            default -> throw new IllegalArgumentException("unknown payment source " + source);
        }
    }

    boolean isGiftCard() {
        return GIFT_CARD.equals(source);
    }

    PaymentMethod withBalance(BigDecimal newBalance) {
        return new PaymentMethod(id, source, newBalance, brand, lastFour);
    }

    String describe() {
        return switch (source) {
            case GIFT_CARD -> "gift card (" + id + ")";
            case CREDIT_CARD -> brand + " credit card ending in " + lastFour + " (" + id + ")";
            default -> "PayPal (" + id + ")";
        };
    }
}

record User(String userId, Name name, String email, Address address, Map<String, PaymentMethod> paymentMethods,
            List<String> orders, String updatedAt) {
    User {
        Objects.requireNonNull(userId, "user id");
        paymentMethods = RetailRecords.sorted(paymentMethods);
        orders = List.copyOf(orders);
    }

    User withAddress(Address newAddress, String at) {
        return new User(userId, name, email, newAddress, paymentMethods, orders, at);
    }

    User withPaymentMethod(PaymentMethod method) {
        Map<String, PaymentMethod> methods = new TreeMap<>(paymentMethods);
        methods.put(method.id(), method);
        return new User(userId, name, email, address, methods, orders, updatedAt);
    }
}

record Variant(String itemId, Map<String, String> options, BigDecimal price, boolean available) {
    Variant {
        options = RetailRecords.sorted(options);
        price = RetailRecords.money(price);
    }

    String describeOptions() {
        return String.join(", ", options.values());
    }
}

record Product(String productId, String name, Map<String, Variant> variants) {
    Product {
        variants = RetailRecords.sorted(variants);
    }
}

record OrderItem(String itemId, String productId, String name, Map<String, String> options, BigDecimal price) {
    OrderItem {
        options = RetailRecords.sorted(options);
        price = RetailRecords.money(price);
    }

    String describe() {
        return name + " (" + String.join(", ", options.values()) + ")";
    }
}

/** One entry of an order's payment history: a {@code payment} or a {@code refund}. */
record Payment(String transactionType, BigDecimal amount, String paymentMethodId) {
    Payment {
        if (!"payment".equals(transactionType) && !"refund".equals(transactionType)) {
            throw new IllegalArgumentException("transaction type must be payment or refund, got " + transactionType);
        }
        amount = RetailRecords.money(amount);
    }
}

/** What a return or exchange request asked for. {@code amount}: refund (return) or price difference (exchange, signed). */
record ItemRequest(String requestId, List<String> itemIds, List<String> newItemIds, String paymentMethodId, BigDecimal amount,
                   String requestedAt) {
    ItemRequest {
        Objects.requireNonNull(requestId, "request id");
        itemIds = List.copyOf(itemIds);
        newItemIds = newItemIds == null ? null : List.copyOf(newItemIds);
    }
}

record Order(String orderId, String userId, Address address, List<OrderItem> items, String status,
             List<Payment> paymentHistory, List<String> trackingIds, String cancelReason,
             ItemRequest returnRequest, ItemRequest exchangeRequest, String updatedAt) {
    static final String PENDING = "pending";
    static final String PENDING_MODIFIED = "pending (items modified)";
    static final String PROCESSED = "processed";
    static final String DELIVERED = "delivered";
    static final String CANCELLED = "cancelled";
    static final String RETURN_REQUESTED = "return requested";
    static final String EXCHANGE_REQUESTED = "exchange requested";

    Order {
        Objects.requireNonNull(orderId, "order id");
        items = List.copyOf(items);
        paymentHistory = List.copyOf(paymentHistory);
        trackingIds = List.copyOf(trackingIds);
        if (items.isEmpty()) throw new IllegalArgumentException("order " + orderId + " has no items");
    }

    /** Sum of the item prices; shown to the agent in order details. */
    @JsonProperty("total")
    BigDecimal total() {
        return items.stream().map(OrderItem::price).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }

    boolean isPending() {
        return PENDING.equals(status) || PENDING_MODIFIED.equals(status);
    }

    Order with(String newStatus, List<OrderItem> newItems, List<Payment> newHistory, String at) {
        return new Order(orderId, userId, address, newItems, newStatus, newHistory, trackingIds, cancelReason,
                returnRequest, exchangeRequest, at);
    }

    Order withAddress(Address newAddress, String at) {
        return new Order(orderId, userId, newAddress, items, status, paymentHistory, trackingIds, cancelReason,
                returnRequest, exchangeRequest, at);
    }

    Order cancelled(String reason, List<Payment> newHistory, String at) {
        return new Order(orderId, userId, address, items, CANCELLED, newHistory, trackingIds, reason, null, null, at);
    }

    Order returnRequested(ItemRequest request) {
        return new Order(orderId, userId, address, items, RETURN_REQUESTED, paymentHistory, trackingIds, null, request, null,
                request.requestedAt());
    }

    Order exchangeRequested(ItemRequest request) {
        return new Order(orderId, userId, address, items, EXCHANGE_REQUESTED, paymentHistory, trackingIds, null, null, request,
                request.requestedAt());
    }
}
