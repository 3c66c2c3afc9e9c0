package dev.trajforge.simenv;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrajectoryTest {
    private static final Lineage LINEAGE = new Lineage("run-1", Lineage.SIMULATED, "test/agent", "test/user", "cfg", java.util.Map.of(Lineage.POLICY, "policy"));

    private static Trajectory trajectory(List<Message> messages, int trial) {
        return new Trajectory("id", "retail", "task-1", null, trial, 1L, messages, null, Termination.USER_STOP, "hash",
                null, LINEAGE, null);
    }

    @Test
    void should_count_user_turns_tool_calls_and_tool_errors() {
        ToolCall first = new ToolCall("c1", "find_user_id_by_email", "{\"email\":\"a@example.com\"}");
        ToolCall second = new ToolCall("c2", "get_user_details", "{\"user_id\":\"nobody\"}");
        ToolCall third = new ToolCall("c3", "get_order_details", "{\"order_id\":\"#W1\"}");
        List<Message> messages = List.of(
                Message.system("policy"),
                Message.user("Hi, cancel my order"),
                Message.assistant(null, null, List.of(first, second)),
                Message.tool(ToolResult.ok(first, "user_1")),
                Message.tool(ToolResult.error(second, "User nobody not found")),
                Message.assistant(null, null, List.of(third)),
                Message.tool(ToolResult.error(third, "Order #W1 not found")),
                Message.assistant("Which order?"),
                Message.user("Never mind"));
        Trajectory trajectory = trajectory(messages, 0);
        assertEquals(2, trajectory.numTurns());
        assertEquals(3, trajectory.numToolCalls());
        assertEquals(2, trajectory.numToolErrors());
        assertEquals(List.of(first, second, third), trajectory.toolCalls());
    }

    @Test
    void should_fill_defaults_for_optional_parts() {
        Trajectory trajectory = trajectory(List.of(Message.user("hi")), 0);
        assertEquals("[]", trajectory.toolsJson());
        assertEquals("", trajectory.persona());
        assertEquals(Usage.NONE, trajectory.usage());
        assertEquals(List.of(), trajectory.faults());
    }

    @Test
    void should_reject_trajectory_when_trial_is_negative() {
        assertThrows(IllegalArgumentException.class, () -> trajectory(List.of(), -1));
    }

    @Test
    void should_reject_trajectory_when_termination_or_lineage_is_missing() {
        assertThrows(NullPointerException.class, () -> new Trajectory("id", "retail", "t", "", 0, 1L, List.of(), "[]",
                null, null, Usage.NONE, LINEAGE, List.of()));
        assertThrows(NullPointerException.class, () -> new Trajectory("id", "retail", "t", "", 0, 1L, List.of(), "[]",
                Termination.USER_STOP, null, Usage.NONE, null, List.of()));
    }

    @Test
    void should_derive_a_deterministic_32_hex_char_id_from_run_task_and_trial() {
        String id = Trajectory.idFor("run", "task", 0);
        // pinned; also checked independently: first 32 hex chars of SHA-256("run\0task\0" + "0")
        assertEquals("a13bb908777dff611c2d253cd48f15de", id);
        assertEquals(id, Trajectory.idFor("run", "task", 0));
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertNotEquals(id, Trajectory.idFor("run", "task", 1));
        assertNotEquals(id, Trajectory.idFor("run2", "task", 0));
        assertNotEquals(Trajectory.idFor("ru", "ntask", 0), Trajectory.idFor("run", "task", 0));
    }

    @Test
    void should_reject_lineage_when_source_is_unknown() {
        assertThrows(IllegalArgumentException.class, () -> new Lineage("run", "made-up", "a", "u", "c", java.util.Map.of()));
    }
}
