package dev.trajforge.simenv.retail;

import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.state.IdSequence;
import dev.trajforge.simenv.state.SimClock;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Builds the retail database from one seed: every product type of the catalog with its variants,
 * {@code users} users with addresses and payment methods, and 1-4 orders per user. Draws only from
 * {@link SplittableRandom} and sorted collections, so the same seed gives the same world anywhere.
 */
final class RetailWorldGenerator {
    private static final double[] STATUS_WEIGHTS = {0.32, 0.13, 0.45, 0.10};
    private static final String[] STATUSES = {Order.PENDING, Order.PROCESSED, Order.DELIVERED, Order.CANCELLED};

    private final SplittableRandom rng;
    private final Set<String> usedIds = new HashSet<>();

    private RetailWorldGenerator(long seed) {
        this.rng = Seeds.random(seed, "retail", "world");
    }

    static RetailDb generate(long seed, int users) {
        return new RetailWorldGenerator(seed).build(users, SimClock.forWorld(seed));
    }

    private RetailDb build(int userCount, SimClock clock) {
        SortedMap<String, Product> products = new TreeMap<>();
        List<Product> productList = new ArrayList<>();
        for (String spec : RetailCatalog.PRODUCT_TYPES) {
            Product product = product(spec);
            products.put(product.productId(), product);
            productList.add(product);
        }
        SortedMap<String, User> users = new TreeMap<>();
        SortedMap<String, Order> orders = new TreeMap<>();
        for (int i = 0; i < userCount; i++) {
            User user = user();
            List<String> orderIds = new ArrayList<>();
            int orderCount = 1 + rng.nextInt(4);
            for (int j = 0; j < orderCount; j++) {
                Order order = order(user, productList);
                orders.put(order.orderId(), order);
                orderIds.add(order.orderId());
            }
            user = new User(user.userId(), user.name(), user.email(), user.address(), user.paymentMethods(), orderIds, null);
            users.put(user.userId(), user);
        }
        return RetailDb.of(users, products, orders, clock, new IdSequence("#R", 1));
    }

    private Product product(String spec) {
        String[] parts = spec.split("\\|");
        String name = parts[0];
        String[] range = parts[parts.length - 1].split("-");
        double low = Double.parseDouble(range[0]);
        double high = Double.parseDouble(range[1]);
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (int i = 1; i < parts.length - 1; i++) {
            String[] option = parts[i].split(":");
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> combo : combos) {
                for (String value : option[1].split(",")) {
                    Map<String, String> extended = new LinkedHashMap<>(combo);
                    extended.put(option[0], value);
                    next.add(extended);
                }
            }
            combos = next;
        }
        double base = low + rng.nextDouble() * (high - low);
        Map<String, Variant> variants = new TreeMap<>();
        int available = 0;
        for (int i = 0; i < combos.size(); i++) {
            boolean last = combos.size() - i <= 3 - variants.size();
            if (!last && rng.nextDouble() > 0.65) continue;
            String itemId = uniqueDigits(10);
            boolean isAvailable = rng.nextDouble() < 0.8 || available < 2;
            if (isAvailable) available++;
            BigDecimal price = RetailRecords.money(base * (0.85 + 0.3 * rng.nextDouble()));
            variants.put(itemId, new Variant(itemId, combos.get(i), price, isAvailable));
        }
        return new Product(uniqueDigits(10), name, variants);
    }

    private User user() {
        String first = pick(RetailCatalog.FIRST_NAMES);
        String last = pick(RetailCatalog.LAST_NAMES);
        String number = uniqueDigits(4);
        String userId = (first + "_" + last + "_" + number).toLowerCase(Locale.ROOT);
        String email = (first + "." + last + number + "@example.com").toLowerCase(Locale.ROOT);
        Map<String, PaymentMethod> methods = new TreeMap<>();
        int methodCount = 1 + rng.nextInt(3);
        List<String> sources = new ArrayList<>(List.of(PaymentMethod.CREDIT_CARD, PaymentMethod.GIFT_CARD, PaymentMethod.PAYPAL));
        for (int i = 0; i < methodCount; i++) {
            String source = sources.remove(rng.nextInt(sources.size()));
            String id = source + "_" + uniqueDigits(7);
            PaymentMethod method = switch (source) {
                case PaymentMethod.GIFT_CARD -> new PaymentMethod(id, source, RetailRecords.money(rng.nextInt(0, 500) + rng.nextInt(100) / 100.0), null, null);
                case PaymentMethod.CREDIT_CARD -> new PaymentMethod(id, source, null, pick(RetailCatalog.CARD_BRANDS), digits(4));
                default -> new PaymentMethod(id, source, null, null, null);
            };
            methods.put(id, method);
        }
        return new User(userId, new Name(first, last), email, address(), methods, List.of(), null);
    }

    private Address address() {
        return address(rng);
    }

    /** A plausible US address drawn from {@code rng}. */
    static Address address(SplittableRandom rng) {
        String[] city = pick(rng, RetailCatalog.CITIES).split("\\|");
        String address2 = rng.nextDouble() < 0.4 ? "Suite " + (100 + rng.nextInt(900)) : "";
        return new Address((10 + rng.nextInt(9990)) + " " + pick(rng, RetailCatalog.STREETS), address2, city[0], city[1],
                "USA", city[2] + digits(rng, 2));
    }

    private Order order(User user, List<Product> products) {
        int itemCount = 1 + rng.nextInt(4);
        List<OrderItem> items = new ArrayList<>();
        for (int i = 0; i < itemCount; i++) {
            Product product = products.get(rng.nextInt(products.size()));
            List<Variant> variants = new ArrayList<>(product.variants().values());
            Variant variant = variants.get(rng.nextInt(variants.size()));
            items.add(new OrderItem(variant.itemId(), product.productId(), product.name(), variant.options(), variant.price()));
        }
        String status = STATUSES[weighted(STATUS_WEIGHTS)];
        BigDecimal total = items.stream().map(OrderItem::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<String> methodIds = new ArrayList<>(user.paymentMethods().keySet());
        String methodId = methodIds.get(rng.nextInt(methodIds.size()));
        List<Payment> history = new ArrayList<>(List.of(new Payment("payment", total, methodId)));
        if (status.equals(Order.CANCELLED)) history.add(new Payment("refund", total, methodId));
        List<String> tracking = status.equals(Order.PROCESSED) || status.equals(Order.DELIVERED) ? List.of(digits(12)) : List.of();
        String cancelReason = status.equals(Order.CANCELLED) ? pick(RetailTools.CANCEL_REASONS) : null;
        return new Order("#W" + uniqueDigits(7), user.userId(), user.address(), items, status, history, tracking,
                cancelReason, null, null, null);
    }

    private int weighted(double[] weights) {
        double draw = rng.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) return i;
        }
        return weights.length - 1;
    }

    private <T> T pick(List<T> values) {
        return pick(rng, values);
    }

    static <T> T pick(SplittableRandom rng, List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    private String digits(int count) {
        return digits(rng, count);
    }

    static String digits(SplittableRandom rng, int count) {
        StringBuilder text = new StringBuilder(count);
        text.append((char) ('1' + rng.nextInt(9)));
        for (int i = 1; i < count; i++) text.append((char) ('0' + rng.nextInt(10)));
        return text.toString();
    }

    private String uniqueDigits(int count) {
        String candidate;
        do {
            candidate = digits(count);
        } while (!usedIds.add(candidate));
        return candidate;
    }
}
