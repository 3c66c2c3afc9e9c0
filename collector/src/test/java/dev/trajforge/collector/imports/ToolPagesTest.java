package dev.trajforge.collector.imports;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ToolPagesTest {
    private static McpSchema.ListToolsResult page(String next, String... names) {
        return new McpSchema.ListToolsResult(Arrays.stream(names)
                .map(name -> McpSchema.Tool.builder(name, Map.of("type", "object")).build()).toList(), next);
    }

    @Test
    void should_follow_next_cursor_until_a_page_has_none() {
        Map<String, McpSchema.ListToolsResult> server = Map.of("", page("c2", "a", "b"), "c2", page("c3", "c"), "c3", page(null, "d"));
        List<String> steps = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();

        List<McpSchema.Tool> tools = ToolPages.all((cursor, number) -> {
            numbers.add(number);
            return server.get(cursor == null ? "" : cursor);
        }, steps::add);

        assertEquals(List.of("a", "b", "c", "d"), tools.stream().map(McpSchema.Tool::name).toList());
        assertEquals(List.of("tools/list", "tools/list page 2", "tools/list page 3"), steps);
        assertEquals(List.of(1, 2, 3), numbers);
    }

    @Test
    void should_stop_a_server_that_hands_back_a_cursor_it_gave_before() {
        Map<String, McpSchema.ListToolsResult> server = Map.of("", page("c2", "a"), "c2", page("c2", "b"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ToolPages.all((cursor, number) -> server.get(cursor == null ? "" : cursor), step -> { }));
        assertEquals("tools/list page 2 repeats the cursor 'c2' of an earlier page", e.getMessage());
    }
}
