package dev.trajforge.simenv.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.trajforge.simenv.CanonicalJson;

import java.util.List;

/**
 * Renders LangChain4j tool specifications as OpenAI-style tool definitions
 * ({@code {"type":"function","function":{name,description,parameters}}}), the form the dataset's
 * {@code tools} column and chat templates expect.
 */
public final class ToolSchemaJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ToolSchemaJson() {
    }

    public static String toOpenAiJson(List<ToolSpecification> specs) {
        ArrayNode tools = F.arrayNode();
        for (ToolSpecification spec : specs) {
            ObjectNode function = F.objectNode();
            function.put("name", spec.name());
            function.put("description", spec.description() == null ? "" : spec.description());
            JsonObjectSchema parameters = spec.parameters() == null
                    ? JsonObjectSchema.builder().build() : spec.parameters();
            function.set("parameters", schema(parameters));
            ObjectNode tool = F.objectNode();
            tool.put("type", "function");
            tool.set("function", function);
            tools.add(tool);
        }
        return CanonicalJson.write(tools);
    }

    /** Tool definitions as OpenAI-style tool definitions, each with its parameters' JSON Schema exactly as defined. */
    public static String definitionsToOpenAiJson(List<ToolDef> definitions) {
        ArrayNode tools = F.arrayNode();
        for (ToolDef def : definitions) {
            ObjectNode function = F.objectNode();
            function.put("name", def.name());
            function.put("description", def.description());
            function.set("parameters", def.parameters());
            ObjectNode tool = F.objectNode();
            tool.put("type", "function");
            tool.set("function", function);
            tools.add(tool);
        }
        return CanonicalJson.write(tools);
    }

    static ObjectNode schema(JsonSchemaElement element) {
        ObjectNode node = F.objectNode();
        switch (element) {
            case dev.langchain4j.model.chat.request.json.JsonRawSchema raw -> { // a schema LangChain4j keeps as text (patterns, bounds, ...)
                var parsed = CanonicalJson.parseOrNull(raw.schema());
                if (parsed == null || !parsed.isObject()) throw new IllegalArgumentException("unsupported tool parameter schema: " + raw.schema());
                return (ObjectNode) parsed;
            }
            case JsonObjectSchema o -> {
                node.put("type", "object");
                describe(node, o.description());
                ObjectNode properties = node.putObject("properties");
                o.properties().forEach((name, child) -> properties.set(name, schema(child)));
                ArrayNode required = node.putArray("required");
                if (o.required() != null) o.required().forEach(required::add);
                node.put("additionalProperties", false);
            }
            case JsonStringSchema s -> {
                node.put("type", "string");
                describe(node, s.description());
            }
            case JsonIntegerSchema i -> {
                node.put("type", "integer");
                describe(node, i.description());
            }
            case JsonNumberSchema n -> {
                node.put("type", "number");
                describe(node, n.description());
            }
            case JsonBooleanSchema b -> {
                node.put("type", "boolean");
                describe(node, b.description());
            }
            case JsonEnumSchema e -> {
                node.put("type", "string");
                describe(node, e.description());
                ArrayNode values = node.putArray("enum");
                e.enumValues().forEach(values::add);
            }
            case JsonArraySchema a -> {
                node.put("type", "array");
                describe(node, a.description());
                node.set("items", schema(a.items()));
            }
            default -> throw new IllegalArgumentException("unsupported tool parameter schema: " + element);
        }
        return node;
    }

    private static void describe(ObjectNode node, String description) {
        if (description != null && !description.isBlank()) node.put("description", description);
    }
}
