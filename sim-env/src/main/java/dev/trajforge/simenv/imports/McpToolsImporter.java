package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.tools.ToolKind;
import dev.trajforge.simenv.tools.ToolSide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Imports an MCP server's tools from its {@code tools/list} result ({@code {"tools": [...]}}, or the whole JSON-RPC
 * response): each tool's name, description, {@code inputSchema} (the parameters), {@code outputSchema} and
 * annotations ({@link McpHints}); entity collections from output schemas and from list arguments whose items carry a
 * key-like field (server-memory's {@code entities[].name}). A tool that cannot be mapped is reported and skipped.
 */
public final class McpToolsImporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpToolsImporter() {
    }

    /** @throws ImportException when the file is missing or holds no tool list */
    public static ImportedApi read(Path file) {
        if (!Files.isRegularFile(file)) throw new ImportException("MCP tool list " + file + ": no such file");
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ImportException("MCP tool list " + file + " is not JSON: " + e.getMessage(), e);
        }
        return fromToolsList(root, file.getFileName().toString(), file.toString());
    }

    /**
     * @param title  the server's name
     * @param source where the list came from (a file, a command line, a URL), for the pack's origin and the messages
     */
    public static ImportedApi fromToolsList(JsonNode root, String title, String source) {
        JsonNode tools = root.path("result").has("tools") ? root.path("result").path("tools") : root.path("tools");
        if (!tools.isArray()) throw new ImportException("MCP tool list " + source + " has no \"tools\" list (expected {\"tools\": [...]} or a tools/list response)");
        ImportReport.Builder report = new ImportReport.Builder();
        List<OpenApiHints.Found> found = new ArrayList<>();
        List<DraftCollection> collections = McpCollections.of(tools, found, report);
        List<DraftTool> drafted = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode tool : tools) {
            String name = tool.path("name").asText("");
            try {
                if (!DraftTool.NAME.matcher(name).matches()) throw new IllegalArgumentException("name '" + name + "' is not [A-Za-z0-9_-]{1,64}");
                if (!names.add(name)) throw new IllegalArgumentException("a second tool named '" + name + "'");
                ObjectNode parameters = parameters(tool);
                ToolKind kind = McpHints.kind(name, tool.path("annotations"));
                ObjectNode output = tool.path("outputSchema").isObject() ? SchemaConversion.within(tool.get("outputSchema")).convert(tool.get("outputSchema")) : null;
                String description = tool.path("description").asText(tool.path("title").asText(""));
                DraftTool draft = new DraftTool(name, description, kind, ToolSide.AGENT, parameters, output, McpHints.of(name, kind, parameters, found));
                drafted.add(draft);
                report.mapped(draft, name);
            } catch (IllegalArgumentException e) {
                report.skipped(name.isEmpty() ? "a tool without a name" : name, e.getMessage());
            }
        }
        String description = root.path("result").path("instructions").asText(root.path("instructions").asText(""));
        return new ImportedApi(title, description, new PackDraft.Origin(PackDraft.Origin.Kind.MCP, source), drafted, collections, report.build());
    }

    private static ObjectNode parameters(JsonNode tool) {
        JsonNode input = tool.path("inputSchema");
        if (!input.isObject()) throw new IllegalArgumentException("no inputSchema object");
        ObjectNode parameters = SchemaConversion.within(input).convert(input);
        if (!"object".equals(parameters.path("type").asText("object"))) throw new IllegalArgumentException("inputSchema is not of type object");
        parameters.put("type", "object");
        if (!parameters.has("properties")) parameters.putObject("properties");
        return parameters;
    }
}
