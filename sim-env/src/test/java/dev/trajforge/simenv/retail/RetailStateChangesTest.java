package dev.trajforge.simenv.retail;

import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.state.StateChange;
import dev.trajforge.simenv.tools.ToolKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every state change is recorded as a JSON Patch with its call, and the patches alone give the final state. */
class RetailStateChangesTest {
    private static final World WORLD = Domains.byName("retail").orElseThrow().world(7);

    @Test
    void should_reach_the_same_state_hash_from_the_recorded_patches_as_the_environment_that_made_them() {
        int writes = 0;
        for (Task task : WORLD.tasks(400)) {
            Environment env = WORLD.newEnvironment();
            for (ToolCall call : task.goldActions()) env.execute(call);
            writes += env.changes().size();
            assertEquals(env.stateHash(), WORLD.stateHashAfter(env.changes()), task.id());
        }
        assertTrue(writes > 200, "writes recorded: " + writes);
        assertEquals(WORLD.newEnvironment().stateHash(), WORLD.stateHashAfter(List.of()), "no change, the base state");
    }

    @Test
    void should_record_each_write_with_its_call_and_nothing_for_reads_or_refused_calls() {
        Set<String> writeTools = WORLD.tools().stream().filter(t -> t.kind() == ToolKind.WRITE).map(t -> t.name()).collect(Collectors.toSet());
        Task task = WORLD.tasks(100).stream().filter(t -> t.intents().equals(List.of("cancel"))).findFirst().orElseThrow();
        Environment env = WORLD.newEnvironment();
        for (ToolCall call : task.goldActions()) env.execute(call);

        List<StateChange> changes = env.changes();
        ToolCall cancel = task.goldActions().getLast();
        assertEquals(1, changes.size(), "only the write changed the state: " + changes);
        assertEquals(cancel.id(), changes.getFirst().callId());
        assertTrue(writeTools.contains(changes.getFirst().tool()));
        assertTrue(changes.getFirst().patch().toString().contains("\"path\":\"/orders/"), changes.getFirst().patch().toString());

        env.execute(cancel); // cancelling again is refused: no change
        assertEquals(changes, env.changes());
    }

    @Test
    void should_tell_a_different_write_apart_and_refuse_a_patch_that_names_no_entity() {
        Task task = WORLD.tasks(100).stream().filter(t -> t.intents().equals(List.of("cancel"))).findFirst().orElseThrow();
        Environment env = WORLD.newEnvironment();
        for (ToolCall call : task.goldActions()) env.execute(call);
        StateChange recorded = env.changes().getFirst();
        String order = recorded.patch().get(0).path("path").asText().split("/")[2];
        var altered = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        altered.addObject().put("op", "replace").put("path", "/orders/" + order + "/status").put("value", "delivered");

        assertNotEquals(env.stateHash(), WORLD.stateHashAfter(List.of(new StateChange("c", recorded.tool(), altered))));
        var nowhere = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        nowhere.addObject().put("op", "replace").put("path", "/planets/earth/name").put("value", "x");
        assertThrows(IllegalArgumentException.class, () -> WORLD.stateHashAfter(List.of(new StateChange("c", "t", nowhere))));
    }
}
