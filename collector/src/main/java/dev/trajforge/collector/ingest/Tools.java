package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Tool declarations of the logged formats, as the OpenAI-style array the dataset's {@code tools} column holds. */
final class Tools {
    private Tools() {
    }

    /** One OpenAI-style definition {@code {"type":"function","function":{name, description?, parameters}}}. */
    static ObjectNode function(String name, JsonNode description, JsonNode parameters) {
        if (name == null || name.isBlank()) throw new Reject("tool without a name");
        ObjectNode function = Json.MAPPER.createObjectNode();
        function.put("name", name);
        if (description != null && !description.isNull()) {
            if (!description.isTextual()) throw new Reject("wrong type: description of tool '" + name + "' must be a string");
            function.set("description", description);
        }
        if (parameters == null || parameters.isNull()) {
            parameters = Json.MAPPER.createObjectNode().put("type", "object").set("properties", Json.MAPPER.createObjectNode());
        }
        if (!parameters.isObject()) throw new Reject("wrong type: parameters of tool '" + name + "' must be an object");
        function.set("parameters", parameters);
        ObjectNode tool = Json.MAPPER.createObjectNode();
        tool.put("type", "function");
        tool.set("function", function);
        return tool;
    }

    /** Chat Completions tools ({@code {"type":"function","function":{...}}}) or bare function definitions ({@code {name, description, parameters}}). */
    static String openAiChat(List<JsonNode> tools) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (JsonNode tool : tools) {
            Json.object(tool, "a tool");
            JsonNode function = tool.get("function");
            String type = tool.path("type").asText("function");
            if (function != null) {
                if (!type.equals("function")) throw new Reject("unsupported tool type '" + type + "'");
                ObjectNode given = Json.object(function, "a tool's function");
                ObjectNode checked = function(Json.text(given, "name"), given.get("description"), given.get("parameters"));
                ObjectNode kept = given.deepCopy(); // every field the log gave (strict, ...), with parameters filled in when absent
                kept.set("parameters", checked.get("function").get("parameters"));
                checked.set("function", kept);
                array.add(checked);
            } else if (tool.has("name")) {
                array.add(function(Json.text(tool, "name"), tool.get("description"), tool.get("parameters")));
            } else {
                throw new Reject("tool without a name");
            }
        }
        return Json.write(array);
    }

    /** Responses API tools: {@code {"type":"function", name, description, parameters}}. */
    static String responses(List<JsonNode> tools) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (JsonNode tool : tools) {
            Json.object(tool, "a tool");
            String type = tool.path("type").asText("function");
            if (!type.equals("function")) throw new Reject("unsupported tool type '" + type + "'");
            array.add(function(Json.text(tool, "name"), tool.get("description"), tool.get("parameters")));
        }
        return Json.write(array);
    }

    /** Anthropic tools: {@code {name, description, input_schema}}; server tools (with another {@code type}) are not function tools. */
    static String anthropic(List<JsonNode> tools) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (JsonNode tool : tools) {
            Json.object(tool, "a tool");
            String type = tool.path("type").asText("custom");
            if (!type.equals("custom")) throw new Reject("unsupported tool type '" + type + "'");
            if (!tool.has("input_schema")) throw new Reject("tool '" + tool.path("name").asText() + "' has no input_schema");
            array.add(function(Json.text(tool, "name"), tool.get("description"), tool.get("input_schema")));
        }
        return Json.write(array);
    }
}
