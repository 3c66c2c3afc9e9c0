package dev.trajforge.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.testing.GoldConversation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract every domain passes, over its first 250 generated tasks. */
class DomainContractTest {
    private static final int TASKS = 250;
    private static final Map<String, World> WORLDS = new java.util.concurrent.ConcurrentHashMap<>();

    static Set<String> domains() {
        return Domains.names();
    }

    private static World world(String domain) {
        return WORLDS.computeIfAbsent(domain, name -> Domains.byName(name).orElseThrow().world(11));
    }

    @ParameterizedTest
    @MethodSource("domains")
    void should_accept_the_gold_conversation_of_every_task(String domain) {
        World world = world(domain);
        FilterPolicy policy = FilterPolicy.deterministic(world);
        for (Task task : world.tasks(TASKS)) {
            var trajectory = GoldConversation.of(world, task).build();
            assertEquals(0, trajectory.numToolErrors(), task.id() + ": gold replay hit a tool error");
            Verdict verdict = policy.judge(trajectory, task);
            assertTrue(verdict.accepted(), task.id() + " " + verdict);
        }
    }

    @ParameterizedTest
    @MethodSource("domains")
    void should_reject_the_do_nothing_trajectory_of_every_task(String domain) {
        World world = world(domain);
        FilterPolicy policy = FilterPolicy.deterministic(world);
        for (Task task : world.tasks(TASKS)) {
            Verdict verdict = policy.judge(GoldConversation.of(world, task).doNothing(), task);
            assertFalse(verdict.accepted(), task.id() + " accepted a do-nothing agent");
        }
    }

    @ParameterizedTest
    @MethodSource("domains")
    void should_reject_a_trajectory_with_one_wrong_write(String domain) {
        World world = world(domain);
        FilterPolicy policy = FilterPolicy.deterministic(world);
        int checked = 0;
        for (Task task : world.tasks(TASKS)) {
            if (task.goldActions().stream().noneMatch(a -> world.writeTools().contains(a.name()))) continue;
            var trajectory = GoldConversation.of(world, task).editFirstWrite(DomainContractTest::spoil).build();
            Verdict verdict = policy.judge(trajectory, task);
            assertFalse(verdict.accepted(), task.id());
            assertEquals(List.of(StateCheck.REASON), verdict.reasons().subList(0, 1), task.id() + " " + verdict);
            checked++;
        }
        assertTrue(checked > TASKS / 2, "write tasks checked: " + checked);
    }

    @ParameterizedTest
    @MethodSource("domains")
    void should_hash_two_fresh_environments_from_the_same_seed_identically(String domain) {
        World world = world(domain);
        assertEquals(world.newEnvironment().stateHash(), world.newEnvironment().stateHash());
        assertEquals(world.newEnvironment().stateHash(), Domains.byName(domain).orElseThrow().world(11).newEnvironment().stateHash());
    }

    /** A wrong value in the first string argument that is not an id: a real mistake an agent makes. */
    private static ToolCall spoil(ToolCall call) {
        ObjectNode arguments = CanonicalJson.parseObjectOrNull(call.argumentsJson());
        var names = arguments.fieldNames();
        String target = null;
        while (names.hasNext()) {
            String name = names.next();
            if (arguments.get(name).isTextual() && !name.equals("order_id") && !name.equals("user_id")) {
                target = name;
                break;
            }
        }
        if (target == null) {
            // only ids and lists: swap the item lists for an empty one, which the backend rejects
            arguments.putArray("item_ids");
        } else {
            arguments.put(target, arguments.get(target).asText() + "0");
        }
        return new ToolCall(call.id(), call.name(), arguments.toString());
    }
}
