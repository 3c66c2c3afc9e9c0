package dev.trajforge.simenv.faults;

import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.World;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults the environment injects on purpose: seeded per episode and call, never on a retry, logged with their step. */
class FaultyEnvironmentTest {
    private static final World RETAIL = Domains.byName("retail").orElseThrow().world(0);
    /** A look-up of an order the world has (from a task's gold plan), so it answers with the order. */
    private static final ToolCall LOOKUP = RETAIL.tasks(50).stream().flatMap(t -> t.goldActions().stream())
            .filter(a -> a.name().equals("get_order_details")).findFirst().orElseThrow();

    private static FaultyEnvironment faulty(Map<FaultKind, Double> rates, long seed) {
        return new FaultyEnvironment(RETAIL.newEnvironment(), RETAIL::newEnvironment, new FaultPlan(Map.of(FaultPlan.EVERY_TOOL, rates)),
                Set.of("get_order_details"), seed);
    }

    @Test
    void should_refuse_a_call_without_executing_it_and_let_the_same_call_through_on_retry() {
        FaultyEnvironment env = faulty(Map.of(FaultKind.TIMEOUT, 1.0), 1);
        String before = env.stateHash();
        ToolResult refused = env.execute(LOOKUP);
        assertTrue(refused.error());
        assertEquals(FaultKind.TIMEOUT, FaultKind.of(refused.content()).orElseThrow(), refused.content());
        assertEquals(before, env.stateHash(), "nothing was processed");
        ToolResult retried = env.execute(new ToolCall("c2", LOOKUP.name(), LOOKUP.argumentsJson()));
        assertTrue(FaultKind.of(retried.content()).isEmpty(), "the retry goes through: " + retried.content());
        assertEquals(List.of("timeout@get_order_details#1"), env.faults());
    }

    @Test
    void should_cut_a_read_short_and_never_a_write_when_partial() {
        Environment plain = RETAIL.newEnvironment();
        ToolResult full = plain.execute(LOOKUP);
        assertFalse(full.error(), full.content());
        ToolResult partial = faulty(Map.of(FaultKind.PARTIAL, 1.0), 1).execute(LOOKUP);
        assertEquals(FaultKind.PARTIAL, FaultKind.of(partial.content()).orElseThrow());
        assertTrue(partial.content().length() < full.content().length() + FaultKind.PARTIAL.message().length(), partial.content());
        ToolCall write = new ToolCall("c3", "cancel_pending_order", "{\"order_id\":\"#W0000000\",\"reason\":\"no longer needed\"}");
        FaultyEnvironment env = faulty(Map.of(FaultKind.PARTIAL, 1.0), 1);
        assertTrue(FaultKind.of(env.execute(write).content()).isEmpty(), "a partial result is a read's");
        assertTrue(env.faults().isEmpty());
    }

    @Test
    void should_answer_a_read_after_a_change_from_before_it_once_when_stale_and_never_before_any_change() {
        ToolCall cancel = RETAIL.tasks(300).stream().filter(t -> t.intents().equals(List.of("cancel"))).findFirst().orElseThrow()
                .goldActions().getLast();
        String orderId = dev.trajforge.simenv.CanonicalJson.parseObjectOrNull(cancel.argumentsJson()).path("order_id").asText();
        ToolCall lookup = new ToolCall("c9", "get_order_details", "{\"order_id\":\"" + orderId + "\"}");
        FaultyEnvironment env = faulty(Map.of(FaultKind.STALE, 1.0), 3);
        assertTrue(FaultKind.of(env.execute(lookup).content()).isEmpty(), "nothing changed yet: nothing is stale");
        assertFalse(env.execute(cancel).error());
        ToolResult stale = env.execute(new ToolCall("c10", lookup.name(), "{\"order_id\": \"" + orderId + "\"}"));
        assertEquals(FaultKind.STALE, FaultKind.of(stale.content()).orElseThrow(), stale.content());
        assertTrue(stale.content().contains("\"pending\""), "the order as it was: " + stale.content());
        ToolResult again = env.execute(new ToolCall("c11", lookup.name(), "{\"order_id\": \"" + orderId + "\"}"));
        assertTrue(again.content().contains("\"cancelled\"") && FaultKind.of(again.content()).isEmpty(), again.content());
        assertEquals(List.of("stale@get_order_details#3"), env.faults());
    }

    @Test
    void should_draw_the_same_faults_for_the_same_episode_seed_and_others_for_another() {
        Map<FaultKind, Double> rates = Map.of(FaultKind.TRANSIENT, 0.3, FaultKind.RATE_LIMITED, 0.2);
        List<String> first = calls(faulty(rates, 7));
        assertEquals(first, calls(faulty(rates, 7)));
        assertNotEquals(first, calls(faulty(rates, 8)));
        assertFalse(first.isEmpty());
    }

    private static List<String> calls(FaultyEnvironment env) {
        for (int i = 0; i < 40; i++) env.execute(new ToolCall("c" + i, "get_order_details", "{\"order_id\":\"#W" + (1000000 + i) + "\"}"));
        return env.faults();
    }
}
