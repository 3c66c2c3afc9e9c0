package dev.trajforge.collector.episode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.agent.ScriptedOracleAgent;
import dev.trajforge.simenv.agent.AgentErrorRates;
import dev.trajforge.judge.FilterPolicy;
import dev.trajforge.judge.Verdict;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.user.ScriptedUserSimulator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OracleEpisodeTest {
    private static final World WORLD = Domains.byName("retail").orElseThrow().world(5);
    private static final dev.trajforge.simenv.agent.AgentPhrases PHRASES = dev.trajforge.simenv.agent.AgentPhrases.parse(WORLD.domain().agentPhrases());
    private static final dev.trajforge.simenv.user.UserTopics TOPICS = dev.trajforge.simenv.user.UserTopics.parse(WORLD.domain().userTopics());
    private static final Lineage LINEAGE = new Lineage("t", Lineage.SIMULATED, ScriptedOracleAgent.MODEL, ScriptedUserSimulator.MODEL, "c", java.util.Map.of("policy", "p"));
    private static final EpisodeRunner RUNNER = new EpisodeRunner(WORLD, new EpisodeLimits(30, 5));

    static Episode run(Task task, AgentErrorRates rates, int trial) {
        long seed = Seeds.derive(5, "episode", task.id(), Integer.toString(trial));
        var agent = new ScriptedOracleAgent(task, WORLD.writeTools(), WORLD.handoffTools(), PHRASES, rates, seed);
        return RUNNER.run(task, trial, seed, LINEAGE, agent, new ScriptedUserSimulator(task.scenario(), TOPICS, seed));
    }

    @Test
    void should_accept_every_episode_of_a_mistake_free_oracle() {
        FilterPolicy policy = FilterPolicy.deterministic(WORLD);
        Map<String, Integer> failures = new TreeMap<>();
        for (Task task : WORLD.tasks(300)) {
            Episode episode = run(task, AgentErrorRates.NONE, 0);
            Verdict verdict = policy.judge(episode.trajectory(), task);
            if (!verdict.accepted()) {
                failures.merge(verdict.reasons().getFirst(), 1, Integer::sum);
                if (failures.values().stream().mapToInt(i -> i).sum() <= 3) {
                    System.out.println(task.id() + " " + verdict.reasons() + " " + episode.trajectory().termination());
                    episode.trajectory().messages().stream().skip(1).forEach(m -> System.out.println("  " + m.role() + ": " + (m.content() == null ? "" : m.content().substring(0, Math.min(160, m.content().length()))) + " " + m.toolCalls()));
                }
            }
        }
        assertEquals(Map.of(), failures);
    }

    @Test
    void should_fill_arguments_only_with_values_seen_in_user_messages_or_tool_results() {
        for (Task task : WORLD.tasks(200)) {
            Trajectory trajectory = run(task, AgentErrorRates.NONE, 0).trajectory();
            StringBuilder seen = new StringBuilder();
            for (Message message : trajectory.messages()) {
                if (message.role() == Role.USER || message.role() == Role.TOOL) seen.append(message.content().toLowerCase(Locale.ROOT)).append('\n');
                for (ToolCall call : message.toolCalls()) {
                    if (WORLD.handoffTools().contains(call.name())) continue; // a hand-off's summary is the agent's own words
                    CanonicalJson.parseObjectOrNull(call.argumentsJson()).fields().forEachRemaining(field -> {
                        for (JsonNode value : field.getValue().isArray() ? field.getValue() : List.of(field.getValue())) {
                            List<String> parts = PHRASES.derived(field.getKey()) ? dev.trajforge.simenv.agent.AgentPhrases.words(value.asText())
                                    : List.of(value.asText());
                            for (String part : parts) {
                                assertTrue(seen.indexOf(part.toLowerCase(Locale.ROOT)) >= 0,
                                        task.id() + ": " + call.name() + "." + field.getKey() + "=" + value + " was never seen");
                            }
                        }
                    });
                }
            }
        }
    }

    @Test
    void should_end_a_hand_off_task_with_the_transfer_alone_without_asking_for_confirmation_or_its_summary() {
        Task task = WORLD.tasks(300).stream().filter(t -> WORLD.handoffTools().contains(t.goldActions().getLast().name())).findFirst().orElseThrow();

        Trajectory trajectory = run(task, AgentErrorRates.NONE, 0).trajectory();
        Message last = trajectory.messages().getLast();
        Message transfer = trajectory.messages().get(trajectory.messages().size() - 2);

        assertEquals(Termination.AGENT_STOP, trajectory.termination());
        assertEquals(Role.TOOL, last.role());
        assertFalse(last.error(), last.content());
        assertEquals(List.of(task.goldActions().getLast().name()), transfer.toolCalls().stream().map(ToolCall::name).toList(), "the transfer is made on its own");
        assertEquals(task.goldActions().getLast().argumentsJson(), transfer.toolCalls().getFirst().argumentsJson());
        assertTrue(FilterPolicy.deterministic(WORLD).judge(trajectory, task).accepted());
    }

    @Test
    void should_record_every_message_tool_call_and_matching_tool_response() {
        Trajectory trajectory = run(WORLD.tasks(20).get(3), AgentErrorRates.NONE, 0).trajectory();
        assertEquals(Role.SYSTEM, trajectory.messages().getFirst().role());
        assertEquals(Role.USER, trajectory.messages().get(1).role());
        List<String> callIds = new java.util.ArrayList<>();
        for (Message message : trajectory.messages()) {
            message.toolCalls().forEach(call -> callIds.add(call.id()));
            if (message.role() == Role.TOOL) assertTrue(callIds.contains(message.toolCallId()), message.toString());
        }
        assertEquals(trajectory.numToolCalls(), trajectory.messages().stream().filter(m -> m.role() == Role.TOOL).count());
        assertTrue(trajectory.usage().calls() > 0);
        assertNotNull(trajectory.finalStateHash());
        assertEquals(Termination.USER_STOP, trajectory.termination());
    }

    @Test
    void should_reproduce_an_episode_exactly_from_its_seed() {
        Task task = WORLD.tasks(30).get(17);
        AgentErrorRates rates = new AgentErrorRates(0.3, 0.3, 0.3, 0.3);
        assertEquals(run(task, rates, 1).trajectory(), run(task, rates, 1).trajectory());
    }

    @Test
    void should_make_each_kind_of_mistake_at_its_rate_and_get_rejected_for_it() {
        FilterPolicy policy = FilterPolicy.deterministic(WORLD);
        Map<String, Integer> reasons = new TreeMap<>();
        int accepted = 0;
        for (Task task : WORLD.tasks(200)) {
            Episode episode = run(task, new AgentErrorRates(0.25, 0.25, 0.25, 0.25), 0);
            Verdict verdict = policy.judge(episode.trajectory(), task);
            if (verdict.accepted()) {
                accepted++;
                assertTrue(episode.trajectory().faults().stream().noneMatch(f -> f.startsWith("agent:skip") || f.startsWith("agent:no_conf")),
                        task.id() + " accepted despite " + episode.trajectory().faults());
            } else {
                reasons.merge(verdict.reasons().getFirst(), 1, Integer::sum);
                assertFalse(episode.trajectory().faults().isEmpty(), task.id() + " rejected without an injected mistake: " + verdict);
            }
        }
        assertTrue(reasons.keySet().containsAll(List.of("final_state_mismatch", "write_without_confirmation")), reasons.toString());
        assertTrue(accepted > 20 && accepted < 180, "accepted " + accepted + " " + reasons);
    }
}
