package dev.trajforge.collector.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a live server answered: its name (from {@code initialize}) and its tools in the shape a {@code tools/list} file
 * has ({@code {"tools": [...]}}, every page joined; with the server's {@code instructions} and {@code serverInfo} when
 * it gave them), so the file importer reads it unchanged.
 *
 * @param server    the server's source ({@link McpServer#source()})
 * @param name      the name the server gave in {@code initialize}, else its source
 * @param toolsList the tool list; a copy is kept and handed out
 */
public record LiveToolsList(String server, String name, ObjectNode toolsList) {
    public LiveToolsList {
        if (server.isBlank()) throw new IllegalArgumentException("server is blank");
        if (name.isBlank()) throw new IllegalArgumentException("name is blank");
        if (!toolsList.path("tools").isArray()) throw new IllegalArgumentException("the tools list of " + server + " has no \"tools\" array");
        toolsList = toolsList.deepCopy();
    }

    @Override
    public ObjectNode toolsList() {
        return toolsList.deepCopy();
    }

    public int toolCount() {
        return toolsList.path("tools").size();
    }
}
