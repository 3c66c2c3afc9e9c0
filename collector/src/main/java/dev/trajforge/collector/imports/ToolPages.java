package dev.trajforge.collector.imports;

import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Reads every page of {@code tools/list}: the first without a cursor, then each {@code nextCursor} until there is none.
 * A server that hands back a cursor it gave before, or pages without end, is an error, not a loop.
 */
final class ToolPages {
    static final int MAX_PAGES = 1_000;

    private ToolPages() {
    }

    /**
     * @param page answers one page for a cursor ({@code null} for the first) and the page's number (from 1)
     * @param step told the step about to be taken ({@code "tools/list"}, {@code "tools/list page 2"}), for messages
     */
    static List<McpSchema.Tool> all(BiFunction<String, Integer, McpSchema.ListToolsResult> page, Consumer<String> step) {
        List<McpSchema.Tool> tools = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = McpSchema.FIRST_PAGE;
        for (int number = 1; ; number++) {
            if (number > MAX_PAGES) throw new IllegalStateException("tools/list has more than " + MAX_PAGES + " pages");
            step.accept(number == 1 ? "tools/list" : "tools/list page " + number);
            McpSchema.ListToolsResult result = page.apply(cursor, number);
            if (result.tools() != null) tools.addAll(result.tools());
            cursor = result.nextCursor();
            if (cursor == null || cursor.isEmpty()) return tools;
            if (!cursors.add(cursor)) throw new IllegalStateException("tools/list page " + number + " repeats the cursor '" + cursor + "' of an earlier page");
        }
    }
}
