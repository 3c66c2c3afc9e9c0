package dev.trajforge.simenv;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageTest {
    private static final ToolCall CALL = new ToolCall("call-1", "get_order_details", "{\"order_id\":\"#W1\"}");

    @Test
    void should_reject_tool_message_when_tool_call_id_is_missing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Message(Role.TOOL, "result", null, List.of(), null, "get_order_details", false));
        assertEquals("tool message needs toolCallId and name", e.getMessage());
    }

    @Test
    void should_reject_tool_message_when_name_is_missing() {
        assertThrows(IllegalArgumentException.class,
                () -> new Message(Role.TOOL, "result", null, List.of(), "call-1", null, false));
    }

    @Test
    void should_reject_user_message_when_it_carries_tool_calls() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Message(Role.USER, "hi", null, List.of(CALL), null, null, false));
        assertTrue(e.getMessage().contains("user message cannot carry tool calls"), e.getMessage());
    }

    @Test
    void should_reject_non_tool_message_when_it_answers_a_tool_call_or_is_an_error() {
        assertThrows(IllegalArgumentException.class, () -> new Message(Role.ASSISTANT, "x", null, List.of(), "call-1", null, false));
        assertThrows(IllegalArgumentException.class, () -> new Message(Role.USER, "x", null, List.of(), null, null, true));
    }

    @Test
    void should_reject_user_system_and_tool_messages_without_content() {
        assertThrows(IllegalArgumentException.class, () -> Message.user(null));
        assertThrows(IllegalArgumentException.class, () -> Message.system(null));
        assertThrows(IllegalArgumentException.class, () -> new Message(Role.TOOL, null, null, List.of(), "call-1", "x", false));
    }

    @Test
    void should_allow_an_assistant_message_with_only_tool_calls() {
        Message message = Message.assistant(null, "thinking", List.of(CALL));
        assertTrue(message.hasToolCalls());
        assertEquals(List.of(CALL), message.toolCalls());
    }

    @Test
    void should_build_a_tool_message_from_a_result_keeping_the_error_flag() {
        Message message = Message.tool(ToolResult.error(CALL, "Order #W1 not found"));
        assertEquals(Role.TOOL, message.role());
        assertEquals("call-1", message.toolCallId());
        assertEquals("get_order_details", message.name());
        assertEquals("Error: Order #W1 not found", message.content());
        assertTrue(message.error());
        assertFalse(Message.tool(ToolResult.ok(CALL, "{}")).error());
    }

    @Test
    void should_treat_null_tool_calls_as_none_and_copy_the_list() {
        Message message = new Message(Role.USER, "hi", null, null, null, null, false);
        assertEquals(List.of(), message.toolCalls());
        assertFalse(message.hasToolCalls());
        List<ToolCall> calls = new java.util.ArrayList<>(List.of(CALL));
        Message assistant = Message.assistant(null, null, calls);
        calls.clear();
        assertEquals(1, assistant.toolCalls().size());
    }
}
