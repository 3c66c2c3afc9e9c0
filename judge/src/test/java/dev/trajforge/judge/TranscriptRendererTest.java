package dev.trajforge.judge;

import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.Trajectory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscriptRendererTest {
    private static Trajectory trajectory(List<Message> messages) {
        Lineage lineage = new Lineage("run", Lineage.SIMULATED, "agent", "user", "cfg", Map.of());
        return new Trajectory("t1", "retail", "task-1", null, 0, 1L, messages, "[]", Termination.USER_STOP, null, null, lineage, List.of());
    }

    @Test
    void should_render_turns_and_tool_calls_and_leave_out_the_system_message_and_reasoning() {
        ToolCall call = new ToolCall("c1", "get_order_details", "{\"order_id\":\"#W1\"}");
        String text = TranscriptRenderer.render(trajectory(List.of(
                Message.system("SECRET POLICY"),
                Message.user("Where is my order #W1?"),
                Message.assistant("Let me look.", "internal chain of thought", List.of(call)),
                Message.tool(new ToolResult("c1", "get_order_details", "{\"status\":\"pending\"}", false)),
                Message.tool(new ToolResult("c2", "cancel_pending_order", "Error: order not found", true)),
                Message.assistant("It is pending."))));
        assertEquals("""
                [1] user: Where is my order #W1?

                [2] agent: Let me look.

                [2] agent tool call: get_order_details({"order_id":"#W1"})

                [3] tool result get_order_details: {"status":"pending"}

                [4] tool result cancel_pending_order (error): Error: order not found

                [5] agent: It is pending.""", text);
        assertFalse(text.contains("SECRET POLICY"));
        assertFalse(text.contains("chain of thought"));
    }

    @Test
    void should_cut_long_tool_results_and_say_how_much_is_left_out() {
        String longResult = "x".repeat(2000);
        String text = TranscriptRenderer.render(trajectory(List.of(
                Message.user("hi"),
                Message.tool(new ToolResult("c1", "list_all_products", longResult, false)))));
        assertTrue(text.contains("x".repeat(800) + " ... [1200 more characters omitted]"), text);
        assertFalse(text.contains("x".repeat(801)));
    }
}
