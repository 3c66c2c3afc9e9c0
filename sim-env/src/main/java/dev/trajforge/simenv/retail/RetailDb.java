package dev.trajforge.simenv.retail;

import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.state.CowTable;
import dev.trajforge.simenv.state.PatchedEntities;
import dev.trajforge.simenv.state.StateChange;
import dev.trajforge.simenv.state.IdSequence;
import dev.trajforge.simenv.state.SimClock;
import dev.trajforge.simenv.tools.ToolException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The retail world's authoritative state: users, products, orders. Copies share the world's base
 * tables and record only what an episode changed. Lookups throw {@link ToolException} with the
 * message a real backend would return.
 */
final class RetailDb {
    private final CowTable<User> users;
    private final CowTable<Product> products;
    private final CowTable<Order> orders;
    /** email -> user id and "first last" -> user ids; name and email never change, so shared by all copies */
    private final Map<String, String> userIdByEmail;
    private final Map<String, List<String>> userIdsByName;
    /** injected time and id source; the sequence is state (copied, restored), reflected in the entities it stamps */
    private final SimClock clock;
    private IdSequence requestIds;
    /** state hashes already computed by any copy of the same world, by change set */
    private final dev.trajforge.simenv.state.StateHashMemo hashes;
    /** entities replaced since the environment last took them, each with its JSON before (per copy, never shared) */
    private final List<Touched> touched = new java.util.ArrayList<>();

    /** One replaced entity: its table, key and JSON before the replacement (null: it is new), and its new value. */
    record Touched(String table, String key, com.fasterxml.jackson.databind.JsonNode before, Object after) {
    }

    private RetailDb(CowTable<User> users, CowTable<Product> products, CowTable<Order> orders,
                     Map<String, String> userIdByEmail, Map<String, List<String>> userIdsByName,
                     SimClock clock, IdSequence requestIds, dev.trajforge.simenv.state.StateHashMemo hashes) {
        this.users = users;
        this.products = products;
        this.orders = orders;
        this.userIdByEmail = userIdByEmail;
        this.userIdsByName = userIdsByName;
        this.clock = clock;
        this.requestIds = requestIds;
        this.hashes = hashes;
    }

    static RetailDb of(SortedMap<String, User> users, SortedMap<String, Product> products, SortedMap<String, Order> orders,
                       SimClock clock, IdSequence requestIds) {
        Map<String, String> byEmail = new java.util.HashMap<>();
        Map<String, List<String>> byName = new java.util.HashMap<>();
        users.values().forEach(u -> {
            byEmail.put(u.email().toLowerCase(java.util.Locale.ROOT), u.userId());
            byName.computeIfAbsent(nameKey(u.name().firstName(), u.name().lastName()), k -> new java.util.ArrayList<>()).add(u.userId());
        });
        return new RetailDb(CowTable.of(users), CowTable.of(products), CowTable.of(orders), Map.copyOf(byEmail),
                Map.copyOf(byName), clock, requestIds, new dev.trajforge.simenv.state.StateHashMemo());
    }

    RetailDb copy() {
        return new RetailDb(users.copy(), products.copy(), orders.copy(), userIdByEmail, userIdsByName, clock, requestIds, hashes);
    }

    /** The simulated time as ISO-8601, the form it is stored in. */
    String now() {
        return clock.now().toString();
    }

    /** Takes the next return/exchange request id. Call only once the write is certain to succeed. */
    String mintRequestId() {
        String id = requestIds.current();
        requestIds = requestIds.advance();
        return id;
    }

    User requireUser(String userId) {
        User user = users.get(userId);
        if (user == null) throw new ToolException("User " + userId + " not found");
        return user;
    }

    Order requireOrder(String orderId) {
        Order order = orders.get(orderId);
        if (order == null) throw new ToolException("Order " + orderId + " not found");
        return order;
    }

    Product requireProduct(String productId) {
        Product product = products.get(productId);
        if (product == null) throw new ToolException("Product " + productId + " not found");
        return product;
    }

    String userIdByEmail(String email) {
        String id = userIdByEmail.get(email.trim().toLowerCase(java.util.Locale.ROOT));
        if (id == null) throw new ToolException("User not found");
        return id;
    }

    List<String> userIdsByName(String firstName, String lastName) {
        return userIdsByName.getOrDefault(nameKey(firstName, lastName), List.of());
    }

    void forEachProduct(java.util.function.Consumer<Product> visitor) {
        products.forEachSorted((id, product) -> visitor.accept(product));
    }

    User replace(User user) {
        touched.add(new Touched("users", user.userId(), tree(users.get(user.userId())), user));
        users.put(user.userId(), user);
        return user;
    }

    Order replace(Order order) {
        touched.add(new Touched("orders", order.orderId(), tree(orders.get(order.orderId())), order));
        orders.put(order.orderId(), order);
        return order;
    }

    /** The entities replaced since the last call, in order; clears them. */
    List<Touched> takeTouched() {
        List<Touched> taken = List.copyOf(touched);
        touched.clear();
        return taken;
    }

    /** An entity as the JSON tree the state is hashed over (canonical: sorted, no nulls); null for none. */
    static com.fasterxml.jackson.databind.JsonNode tree(Object entity) {
        return entity == null ? null : CanonicalJson.exactTree(entity);
    }

    int userCount() {
        return users.size();
    }

    int productCount() {
        return products.size();
    }

    int orderCount() {
        return orders.size();
    }

    void forEachUser(java.util.function.Consumer<User> visitor) {
        users.forEachSorted((id, user) -> visitor.accept(user));
    }

    void forEachOrder(java.util.function.Consumer<Order> visitor) {
        orders.forEachSorted((id, order) -> visitor.accept(order));
    }

    /** The canonical JSON of an unchanged base user, order or product (rendered when the world was built); null otherwise. */
    String baseJson(Object value) {
        return switch (value) {
            case User user -> users.baseJson(user.userId(), user);
            case Order order -> orders.baseJson(order.orderId(), order);
            case Product product -> products.baseJson(product.productId(), product);
            default -> null;
        };
    }

    /** SHA-256 over (table, key, SHA-256 of the entry's canonical JSON) in sorted order. */
    String stateHash() {
        return hashWith(orders.changeDigests(), products.changeDigests(), users.changeDigests());
    }

    /**
     * The state hash of this database's base with {@code changes} applied (RFC 6902 patches over
     * {@code /<table>/<key>/...}), computed entity by entity from the base's JSON: no tool runs.
     */
    String stateHashAfter(List<StateChange> changes) {
        Map<String, SortedMap<String, com.fasterxml.jackson.databind.JsonNode>> entities = PatchedEntities.apply(changes, TABLES, this::baseTree);
        entities.forEach((table, changed) -> changed.forEach((key, entity) -> {
            List<String> problems = SCHEMAS.problems(table, key, entity);
            if (!problems.isEmpty()) throw new IllegalArgumentException("the changes leave an entity invalid: " + String.join("; ", problems));
        }));
        return hashWith(digests(entities.get("orders")), digests(entities.get("products")), digests(entities.get("users")));
    }

    private static final java.util.Set<String> TABLES = java.util.Set.of("orders", "products", "users");
    /** The JSON Schema of each table's entities ({@code retail/schemas/}). */
    static final dev.trajforge.simenv.state.EntitySchemas SCHEMAS =
            dev.trajforge.simenv.state.EntitySchemas.load(RetailDb.class, "schemas", List.of("orders", "products", "users"));

    private com.fasterxml.jackson.databind.JsonNode baseTree(String table, String key) {
        String json = switch (table) {
            case "orders" -> orders.baseJsonOf(key);
            case "products" -> products.baseJsonOf(key);
            default -> users.baseJsonOf(key);
        };
        return json == null ? null : CanonicalJson.parseExact(json);
    }

    private static SortedMap<String, byte[]> digests(SortedMap<String, com.fasterxml.jackson.databind.JsonNode> entities) {
        SortedMap<String, byte[]> digests = new java.util.TreeMap<>();
        if (entities != null) entities.forEach((key, entity) -> digests.put(key, CowTable.digest(entity)));
        return digests;
    }

    private String hashWith(SortedMap<String, byte[]> orderChanges, SortedMap<String, byte[]> productChanges, SortedMap<String, byte[]> userChanges) {
        Map<String, SortedMap<String, byte[]>> changes = new java.util.LinkedHashMap<>();
        changes.put("orders", orderChanges);
        changes.put("products", productChanges);
        changes.put("users", userChanges);
        return hashes.hash(changes, () -> {
            MessageDigest digest = Hashing.sha256();
            digest.update("orders".getBytes(StandardCharsets.UTF_8));
            orders.digestInto(digest, orderChanges);
            digest.update("products".getBytes(StandardCharsets.UTF_8));
            products.digestInto(digest, productChanges);
            digest.update("users".getBytes(StandardCharsets.UTF_8));
            users.digestInto(digest, userChanges);
            return HexFormat.of().formatHex(digest.digest());
        });
    }

    private static String nameKey(String firstName, String lastName) {
        return (firstName.trim() + " " + lastName.trim()).toLowerCase(java.util.Locale.ROOT);
    }
}
