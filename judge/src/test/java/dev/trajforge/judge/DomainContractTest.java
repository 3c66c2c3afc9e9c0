package dev.trajforge.judge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.agent.AgentPhrases;
import dev.trajforge.simenv.tools.ToolDef;
import dev.trajforge.simenv.testing.GoldConversation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every discovered domain passes, over its first 250 generated tasks: the gold plan
 * replayed is accepted; a do-nothing agent is rejected; one wrong argument in one write is rejected;
 * a write without confirmation is rejected where the task's basis asks for it; the same seed gives
 * the same state hash and the same tasks; every tool of the domain is used by some gold plan. Nothing
 * here knows a domain's tools or arguments: a wrong argument is chosen from the call itself, avoiding
 * those the domain's phrase file calls exact.
 */
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
            AgentPhrases phrases = AgentPhrases.parse(world.domain().agentPhrases());
            var trajectory = GoldConversation.of(world, task).editFirstWrite(call -> spoil(call, phrases)).build();
            Verdict verdict = policy.judge(trajectory, task);
            assertFalse(verdict.accepted(), task.id());
            assertEquals(List.of(StateCheck.REASON), verdict.reasons().subList(0, 1), task.id() + " " + verdict);
            checked++;
        }
        assertTrue(checked > TASKS / 2, "write tasks checked: " + checked);
    }

    @ParameterizedTest
    @MethodSource("domains")
    void should_reject_a_write_made_without_the_users_confirmation_where_the_basis_asks_for_it(String domain) {
        World world = world(domain);
        FilterPolicy policy = FilterPolicy.deterministic(world);
        int checked = 0;
        for (Task task : world.tasks(TASKS)) {
            if (!task.rewardBasis().contains(RewardBasis.CONFIRMATION)) continue;
            if (task.goldActions().stream().noneMatch(a -> world.writeTools().contains(a.name()))) continue;
            Verdict verdict = policy.judge(GoldConversation.of(world, task).withoutConfirmation().build(), task);
            assertEquals(List.of(ConfirmationCheck.REASON), verdict.reasons(), task.id() + " " + verdict);
            checked++;
        }
        assertTrue(checked > TASKS / 2, "write tasks checked: " + checked);
    }

    @ParameterizedTest
    @MethodSource("domains")
    void should_give_the_same_state_hash_and_the_same_tasks_from_the_same_seed(String domain) {
        World world = world(domain);
        World again = Domains.byName(domain).orElseThrow().world(11);
        assertEquals(world.newEnvironment().stateHash(), world.newEnvironment().stateHash());
        assertEquals(world.newEnvironment().stateHash(), again.newEnvironment().stateHash());
        assertEquals(world.tasks(TASKS), again.tasks(TASKS));
    }

    @ParameterizedTest
    @MethodSource("domains")
    void should_use_every_tool_of_the_domain_in_some_gold_plan(String domain) {
        World world = world(domain);
        Set<String> used = world.tasks(TASKS).stream().flatMap(task -> task.goldActions().stream()).map(ToolCall::name)
                .collect(java.util.stream.Collectors.toSet());

        List<String> unused = world.tools().stream().map(ToolDef::name).filter(tool -> !used.contains(tool)).toList();

        assertEquals(List.of(), unused, domain + ": tools in no gold plan of the first " + TASKS + " tasks");
    }

    /**
     * A wrong value, a real mistake an agent makes: the first string argument the domain does not call
     * exact gets a character more; failing that, the first string in a list argument does.
     */
    private static ToolCall spoil(ToolCall call, AgentPhrases phrases) {
        ObjectNode arguments = CanonicalJson.parseObjectOrNull(call.argumentsJson());
        for (var names = arguments.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (arguments.get(name).isTextual() && !phrases.exact(name)) {
                arguments.put(name, arguments.get(name).asText() + "0");
                return new ToolCall(call.id(), call.name(), arguments.toString());
            }
        }
        for (var names = arguments.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (arguments.get(name) instanceof ArrayNode list && !list.isEmpty() && list.get(0).isTextual()) {
                list.set(0, list.get(0).asText() + "0");
                return new ToolCall(call.id(), call.name(), arguments.toString());
            }
        }
        throw new AssertionError(call.name() + ": no argument to get wrong in " + call.argumentsJson());
    }
}
