package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An OpenAPI 3.0 or 3.1 document (YAML or JSON) read by swagger-parser, which also resolves references into other
 * files; kept as the JSON tree of its model, in which {@code #/components/...} references are looked up.
 */
final class OpenApiDocument {
    private final Path file;
    private final ObjectNode tree;
    private final List<String> messages;

    private OpenApiDocument(Path file, ObjectNode tree, List<String> messages) {
        this.file = file;
        this.tree = tree;
        this.messages = messages;
    }

    static OpenApiDocument read(Path file) {
        if (!Files.isRegularFile(file)) throw new ImportException("OpenAPI document " + file + ": no such file");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result;
        try {
            result = new OpenAPIV3Parser().readLocation(file.toAbsolutePath().toString(), null, options);
        } catch (RuntimeException e) {
            throw new ImportException("OpenAPI document " + file + " cannot be read: " + e.getMessage(), e);
        }
        List<String> messages = result.getMessages() == null ? List.of() : List.copyOf(result.getMessages());
        OpenAPI api = result.getOpenAPI();
        if (api == null || api.getPaths() == null) {
            throw new ImportException("OpenAPI document " + file + " is not an OpenAPI 3.0 or 3.1 document"
                    + (messages.isEmpty() ? "" : ": " + String.join("; ", messages)));
        }
        JsonNode tree = (api.getSpecVersion() == SpecVersion.V31 ? Json31.mapper() : Json.mapper()).valueToTree(api);
        return new OpenApiDocument(file, (ObjectNode) tree, messages);
    }

    Path file() {
        return file;
    }

    /** What the parser said about the document (problems it worked around). */
    List<String> messages() {
        return messages;
    }

    ObjectNode tree() {
        return tree;
    }

    String title() {
        return tree.path("info").path("title").asText("");
    }

    String description() {
        return tree.path("info").path("description").asText("");
    }

    /** The node itself, or the one its local {@code $ref} points at (followed until it has none). */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 16 && current != null && current.has("$ref"); i++) current = pointer(current.get("$ref").asText());
        return current == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : current;
    }

    /** The node a local reference ({@code #/components/schemas/Pet}) names, or null. */
    JsonNode pointer(String ref) {
        if (!ref.startsWith("#/")) return null;
        JsonNode target = tree.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }

    SchemaConversion schemas() {
        return new SchemaConversion(this::pointer);
    }
}
