package dev.trajforge.simenv.retail;

import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.state.SimClock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectedClockAndIdsTest {
    private static final RetailWorld WORLD = (RetailWorld) new RetailDomain().world(7);

    private static Task firstWith(String intent) {
        return WORLD.tasks(200).stream().filter(t -> t.intents().equals(List.of(intent))).findFirst().orElseThrow();
    }

    private static ToolResult replay(Environment env, Task task) {
        ToolResult last = null;
        for (ToolCall call : task.goldActions()) last = env.execute(call);
        return last;
    }

    @Test
    void should_stamp_writes_with_the_worlds_simulated_time_not_the_wall_clock() {
        ToolResult cancelled = replay(WORLD.newEnvironment(), firstWith("cancel"));
        String now = SimClock.forWorld(7).now().toString();
        assertTrue(cancelled.content().contains("\"updated_at\":\"" + now + "\""), cancelled.content());
        assertEquals(now, SimClock.forWorld(7).now().toString(), "the same world seed gives the same time");
    }

    @Test
    void should_mint_request_ids_in_sequence_only_when_a_write_succeeds() {
        Environment env = WORLD.newEnvironment();
        Task ret = firstWith("return");
        ToolCall write = ret.goldActions().getLast();
        ToolResult refused = env.execute(new ToolCall("x", write.name(), write.argumentsJson().replace("\"item_ids\":[", "\"item_ids\":[\"0000000000\",")));
        assertTrue(refused.error());
        ToolResult returned = replay(env, ret);
        assertTrue(returned.content().contains("\"request_id\":\"#R0000001\""), returned.content());
        ToolResult exchanged = replay(env, firstWith("exchange"));
        assertTrue(exchanged.content().contains("\"request_id\":\"#R0000002\""), exchanged.content());
    }

    @Test
    void should_restore_the_id_sequence_with_a_snapshot() {
        Environment env = WORLD.newEnvironment();
        Environment.Snapshot before = env.snapshot();
        replay(env, firstWith("return"));
        env.restore(before);
        assertTrue(replay(env, firstWith("exchange")).content().contains("\"request_id\":\"#R0000001\""));
        assertFalse(WORLD.newEnvironment().stateHash().equals(env.stateHash()));
    }
}
