package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.World;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A pack task carries the state hash its gold plan leads to, as the generator found it; the judge trusts it instead of
 * replaying the plan, so it must be exactly what a replay on a fresh environment gives (the user's own steps included).
 */
class GoldStateHashTest {
    @ParameterizedTest
    @ValueSource(strings = {"airline", "banking", "workspace", "telecom"})
    void should_carry_the_state_hash_a_replay_of_the_gold_plan_gives(String domain) {
        World world = Domains.byName(domain).orElseThrow().world(3);
        for (Task task : world.tasks(120)) {
            Environment env = world.newEnvironment();
            for (ToolCall call : task.goldActions()) assertFalse(env.execute(call).error(), task.id() + " " + call);
            assertNotNull(task.goldStateHash(), task.id());
            assertEquals(env.stateHash(), task.goldStateHash(), task.id());
        }
    }
}
