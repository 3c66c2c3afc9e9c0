package dev.trajforge.simenv.retail;

import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.GoldSegment;
import dev.trajforge.simenv.GoldStep;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.UserRequest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A task under construction for one user: requests with their gold segments (tool calls, facts),
 * rubric criteria and what the user knows. Intent builders append to it; the generator verifies
 * the finished plan by executing it.
 */
final class TaskDraft {
    /** What a request is judged on: the final state, the facts told, confirmation before writes, the rubric. */
    static final Set<RewardBasis> REQUEST_BASIS = Set.of(RewardBasis.STATE, RewardBasis.FACTS, RewardBasis.CONFIRMATION, RewardBasis.RUBRIC);
    /** A hand-off changes nothing and tells nothing: judged on the unchanged state, the hand-off being made, the rubric. */
    static final Set<RewardBasis> HANDOFF_BASIS = Set.of(RewardBasis.STATE, RewardBasis.ACTIONS, RewardBasis.RUBRIC);

    final SplittableRandom rng;
    final User user;
    final RetailDb db;
    final Map<String, String> knownInfo = new TreeMap<>();
    final List<UserRequest> requests = new ArrayList<>();
    final List<GoldSegment> segments = new ArrayList<>();
    final List<Criterion> rubric = new ArrayList<>();
    final List<String> unknownInfo = new ArrayList<>();
    final List<String> goals = new ArrayList<>();
    final Set<String> usedOrders = new HashSet<>();
    final Set<RewardBasis> basis = EnumSet.noneOf(RewardBasis.class);
    private List<ToolCall> actions = new ArrayList<>();
    private List<String> facts = new ArrayList<>();
    private boolean identified;
    private boolean handsOff;
    private int calls;

    TaskDraft(SplittableRandom rng, User user, RetailDb db) {
        this.rng = rng;
        this.user = user;
        this.db = db;
    }

    /** Appends a gold tool call; arguments are given as name, value pairs. */
    void call(String tool, Object... namesAndValues) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) arguments.put((String) namesAndValues[i], namesAndValues[i + 1]);
        actions.add(new ToolCall("gold-" + calls++, tool, CanonicalJson.write(arguments)));
    }

    /** Ends the current request's plan with a transfer to a human agent; the request is judged on {@link #HANDOFF_BASIS}. */
    void handOff(String summary) {
        call(RetailTools.TRANSFER, "summary", summary);
        handsOff = true;
    }

    void fact(String fact) {
        facts.add(fact);
    }

    void criterion(String name, String text) {
        rubric.add(new Criterion(name + "_" + segments.size(), text, 1.0));
    }

    /** Authenticates the user (email, or name + zip) and loads their details, once per task. */
    void ensureIdentity() {
        if (identified) return;
        identified = true;
        if (rng.nextBoolean()) {
            knownInfo.put("email", "My email is " + user.email() + ".");
            call("find_user_id_by_email", "email", user.email());
            rubric.add(new Criterion("identity", "Before reading or changing account data, the agent authenticated the user by email.", 1.0));
        } else {
            Name name = user.name();
            knownInfo.put("name_zip", "My name is " + name.full() + " and my zip code is " + user.address().zip() + ".");
            call("find_user_id_by_name_zip", "first_name", name.firstName(), "last_name", name.lastName(), "zip", user.address().zip());
            rubric.add(new Criterion("identity", "Before reading or changing account data, the agent authenticated the user by name and zip code.", 1.0));
            unknownInfo.add("your email address");
        }
        call("get_user_details", "user_id", user.userId());
    }

    /**
     * How the user refers to an order: by id (usually), or by what is in it, in which case the agent
     * has to look through the user's orders. Adds the lookups to the plan.
     */
    String orderReference(Order order) {
        usedOrders.add(order.orderId());
        if (rng.nextDouble() < 0.7) {
            call("get_order_details", "order_id", order.orderId());
            return "order " + order.orderId();
        }
        for (String orderId : user.orders()) {
            call("get_order_details", "order_id", orderId);
            if (orderId.equals(order.orderId())) break;
        }
        unknownInfo.add("the id of the order with the " + order.items().getFirst().name());
        return "my " + order.status().replace(" (items modified)", "") + " order with the " + order.items().getFirst().describe();
    }

    /** Ends the current request: what the user asks, what they tell when asked, and the goal in prose. */
    void request(String intent, String ask, Map<String, String> details, String goal) {
        requests.add(new UserRequest(intent, ask, details));
        // the policy asks for explicit confirmation before every write
        segments.add(new GoldSegment(intent, actions.stream().map(call -> GoldStep.agent(call, RetailTools.WRITES.contains(call.name()))).toList(), facts));
        basis.addAll(handsOff ? HANDOFF_BASIS : REQUEST_BASIS);
        goals.add(goal);
        handsOff = false;
        actions = new ArrayList<>();
        facts = new ArrayList<>();
    }

    List<Order> orders(java.util.function.Predicate<Order> filter) {
        List<Order> matching = new ArrayList<>();
        for (String orderId : user.orders()) {
            Order order = db.requireOrder(orderId);
            if (!usedOrders.contains(orderId) && filter.test(order)) matching.add(order);
        }
        return matching;
    }

    <T> T pick(List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    boolean hasIdentity() {
        return identified;
    }
}
