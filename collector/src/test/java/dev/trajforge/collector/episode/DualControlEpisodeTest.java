package dev.trajforge.collector.episode;

import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Persona;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.agent.AgentErrorRates;
import dev.trajforge.simenv.agent.AgentPhrases;
import dev.trajforge.simenv.agent.ScriptedOracleAgent;
import dev.trajforge.simenv.tools.ToolSide;
import dev.trajforge.simenv.user.ScriptedUserSimulator;
import dev.trajforge.simenv.user.UserDevice;
import dev.trajforge.simenv.user.UserSimulator;
import dev.trajforge.simenv.user.UserSimulatorException;
import dev.trajforge.simenv.user.UserTopics;
import dev.trajforge.simenv.user.UserTurn;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One telecom episode through the runner: the user's own calls land in the trajectory beside (not inside) the agent's
 * messages, each pointing at the user message of its turn, and the agent never gets the phone's tools.
 */
class DualControlEpisodeTest {
    private static final World WORLD = Domains.byName("telecom").orElseThrow().world(7);
    private static final Lineage LINEAGE = new Lineage("t", Lineage.SIMULATED, ScriptedOracleAgent.MODEL, ScriptedUserSimulator.MODEL, "c", java.util.Map.of("policy", "p"));
    private static final EpisodeRunner RUNNER = new EpisodeRunner(WORLD, new EpisodeLimits(40, 5));

    private static Task deviceTask() {
        return WORLD.tasks(100).stream().filter(t -> t.goldSteps().stream().filter(s -> s.requestor() == ToolSide.USER).count() >= 3).findFirst().orElseThrow();
    }

    private static ScriptedOracleAgent agent(Task task, long seed) {
        return new ScriptedOracleAgent(task, WORLD.writeTools(), WORLD.handoffTools(), AgentPhrases.parse(WORLD.domain().agentPhrases()), AgentErrorRates.NONE, seed);
    }

    @Test
    void should_record_the_users_own_calls_at_the_user_messages_of_their_turns() {
        Task task = deviceTask();
        long seed = Seeds.derive(7, "episode", task.id(), "0");
        List<dev.trajforge.simenv.GoldStep> steps = task.goldSteps().stream().filter(s -> s.requestor() == ToolSide.USER).toList();
        var user = new ScriptedUserSimulator(task.scenario(), Persona.ofStyle(task.scenario().style()),
                UserTopics.parse(WORLD.domain().userTopics()), steps, seed);

        var trajectory = RUNNER.run(task, 0, seed, LINEAGE, agent(task, seed), user).trajectory();

        assertEquals(steps.stream().map(s -> s.call().name()).toList(), trajectory.userToolCalls().stream().map(c -> c.call().name()).toList());
        for (var call : trajectory.userToolCalls()) {
            Message said = trajectory.messages().get(call.message());
            assertEquals(dev.trajforge.simenv.Role.USER, said.role());
            assertTrue(said.content().contains(call.result()), "the user reads out what the phone showed: " + said.content());
        }
        assertFalse(trajectory.toolCalls().stream().anyMatch(c -> steps.stream().anyMatch(s -> s.call().name().equals(c.name()))), "the agent made none of them");
        assertTrue(trajectory.stateChanges().stream().anyMatch(c -> c.tool().equals(steps.get(1).call().name())), "the phone's change is in the state changes");
        assertEquals(WORLD.userToolsJson(), trajectory.userToolsJson());
    }

    @Test
    void should_end_as_a_user_error_with_no_dangling_call_when_the_user_fails_after_acting_on_the_phone() {
        Task task = deviceTask();
        long seed = Seeds.derive(7, "episode", task.id(), "1");
        UserSimulator failing = new UserSimulator() {
            int turns;

            @Override
            public UserTurn next(List<Message> visibleConversation) {
                return UserTurn.say("My phone number is " + task.goldActions().getFirst().argumentsJson() + ". It has no internet.");
            }

            @Override
            public UserTurn next(List<Message> visible, UserDevice device) {
                if (++turns < 3) return next(visible);
                device.call(new ToolCall("u1", "reboot_device", task.goldActions().getFirst().argumentsJson()));
                throw new UserSimulatorException("test_failure", "the user model broke after rebooting the phone", null);
            }

            @Override public String model() { return "test/user"; }
            @Override public String promptSha256() { return "x"; }
            @Override public Usage usage() { return Usage.NONE; }
            @Override public Persona persona() { return Persona.ofStyle(task.scenario().style()); }
        };

        Episode episode = RUNNER.run(task, 1, seed, LINEAGE, agent(task, seed), failing);

        assertEquals(Termination.USER_ERROR, episode.trajectory().termination());
        assertEquals(List.of(), episode.trajectory().userToolCalls());
        assertEquals("test_failure", episode.failure().cause());
    }
}
