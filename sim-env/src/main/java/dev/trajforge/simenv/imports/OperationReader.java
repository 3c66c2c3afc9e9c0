package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps one OpenAPI operation to a tool's parts: path, query and header parameters and the JSON or form request
 * body merged into one {@code parameters} object (an object body's properties side by side with the parameters, any
 * other body as {@code body}), the first 2xx JSON answer as the output schema. An operation that cannot be mapped
 * (a multipart or binary-only body, a required parameter without a schema) is a {@link Skip} with the reason.
 */
final class OperationReader {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Why an operation is left out. */
    static final class Skip extends Exception {
        Skip(String reason) {
            super(reason, null, false, false);
        }
    }

    private final OpenApiDocument document;
    private final List<String> notes;

    OperationReader(OpenApiDocument document, List<String> notes) {
        this.document = document;
        this.notes = notes;
    }

    OpenApiOperation read(String name, String method, String path, JsonNode pathItem, JsonNode operation) throws Skip {
        ObjectNode properties = F.objectNode();
        ArrayNode required = F.arrayNode();
        List<String> pathParameters = new ArrayList<>();
        List<String> queryParameters = new ArrayList<>();
        for (JsonNode parameter : parameters(pathItem, operation)) {
            String where = parameter.path("in").asText();
            String parameterName = parameter.path("name").asText();
            if (where.equals("cookie")) {
                if (parameter.path("required").asBoolean(false)) throw new Skip("needs cookie parameter '" + parameterName + "', which a tool call cannot carry");
                notes.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path + ": cookie parameter '" + parameterName + "' left out");
                continue;
            }
            JsonNode schema = parameter.has("schema") ? parameter.get("schema") : jsonSchema(parameter.path("content"));
            if (schema == null) {
                if (parameter.path("required").asBoolean(false) || where.equals("path")) throw new Skip("parameter '" + parameterName + "' has no usable schema");
                continue;
            }
            ObjectNode converted = document.schemas().convert(schema);
            if (parameter.hasNonNull("description") && !parameter.get("description").asText().isBlank()) converted.put("description", parameter.get("description").asText());
            properties.set(parameterName, converted);
            if (where.equals("path") || parameter.path("required").asBoolean(false)) required.add(parameterName);
            if (where.equals("path")) pathParameters.add(parameterName);
            if (where.equals("query")) queryParameters.add(parameterName);
        }
        pathParameters.sort(java.util.Comparator.comparingInt(p -> path.indexOf("{" + p + "}")));

        String bodyArgument = null;
        String bodySchema = null;
        boolean bodyIsList = false;
        JsonNode requestBody = document.resolve(operation.path("requestBody"));
        if (!requestBody.isMissingNode() && requestBody.path("content").size() > 0) {
            JsonNode content = requestBody.get("content");
            JsonNode raw = jsonSchema(content);
            if (raw == null) raw = mediaSchema(content, "application/x-www-form-urlencoded");
            if (raw == null) throw new Skip("request body is only " + String.join(", ", names(content)) + " (no JSON or form body to map)");
            bodySchema = componentName(raw);
            bodyIsList = bodySchema == null && componentName(raw.path("items")) != null;
            if (bodyIsList) bodySchema = componentName(raw.path("items"));
            ObjectNode body = document.schemas().convert(raw);
            boolean bodyRequired = requestBody.path("required").asBoolean(false);
            if ("object".equals(body.path("type").asText()) && body.path("properties").size() > 0) {
                mergeBody(body, bodyRequired, properties, required);
            } else {
                bodyArgument = properties.has("body") ? "request_body" : "body";
                if (requestBody.hasNonNull("description")) body.put("description", requestBody.get("description").asText());
                properties.set(bodyArgument, body);
                if (bodyRequired) required.add(bodyArgument);
            }
        }

        ObjectNode parameters = F.objectNode().put("type", "object");
        parameters.set("properties", properties);
        if (!required.isEmpty()) parameters.set("required", required);
        parameters.put("additionalProperties", false);

        JsonNode answer = answer(operation.path("responses"));
        ObjectNode output = answer == null ? null : document.schemas().convert(answer);
        String outputSchema = answer == null ? null : componentName(answer);
        boolean outputIsList = answer != null && outputSchema == null && componentName(answer.path("items")) != null;
        if (outputIsList) outputSchema = componentName(answer.path("items"));
        return new OpenApiOperation(name, method, path, description(operation), parameters, output, pathParameters, queryParameters,
                bodyArgument, bodySchema, bodyIsList, outputSchema, outputIsList);
    }

    /** The path item's parameters, overridden by the operation's own of the same name and place. */
    private List<JsonNode> parameters(JsonNode pathItem, JsonNode operation) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode list : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode item : list) {
                JsonNode parameter = document.resolve(item);
                byKey.put(parameter.path("in").asText() + ":" + parameter.path("name").asText(), parameter);
            }
        }
        return List.copyOf(byKey.values());
    }

    /** An object body's properties beside the parameters; one named as a parameter keeps the parameter's schema. */
    private static void mergeBody(ObjectNode body, boolean bodyRequired, ObjectNode properties, ArrayNode required) {
        TreeSet<String> bodyRequires = new TreeSet<>();
        body.path("required").forEach(r -> bodyRequires.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.get("properties").fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (properties.has(field.getKey())) continue; // e.g. PUT /user/{username} with a User body: the path's username
            properties.set(field.getKey(), field.getValue());
            if (bodyRequired && bodyRequires.contains(field.getKey())) required.add(field.getKey());
        }
    }

    /** The schema of the first 2xx answer with a JSON body, or null. */
    private JsonNode answer(JsonNode responses) {
        List<String> codes = new ArrayList<>();
        responses.fieldNames().forEachRemaining(code -> {
            if (code.startsWith("2")) codes.add(code);
        });
        codes.sort(null);
        for (String code : codes) {
            JsonNode schema = jsonSchema(document.resolve(responses.get(code)).path("content"));
            if (schema != null) return schema;
        }
        return null;
    }

    /** The schema of the content's JSON media type ({@code application/json}, {@code ...+json}), or null. */
    private static JsonNode jsonSchema(JsonNode content) {
        for (Iterator<Map.Entry<String, JsonNode>> types = content.fields(); types.hasNext(); ) {
            Map.Entry<String, JsonNode> type = types.next();
            String media = type.getKey().toLowerCase(java.util.Locale.ROOT);
            if ((media.equals("application/json") || media.endsWith("+json") || media.equals("*/*")) && type.getValue().has("schema")) {
                return type.getValue().get("schema");
            }
        }
        return null;
    }

    private static JsonNode mediaSchema(JsonNode content, String media) {
        JsonNode type = content.get(media);
        return type == null || !type.has("schema") ? null : type.get("schema");
    }

    private static List<String> names(JsonNode content) {
        List<String> names = new ArrayList<>();
        content.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** {@code Pet} for a schema that is {@code $ref: #/components/schemas/Pet}, else null. */
    static String componentName(JsonNode schema) {
        String ref = schema == null ? "" : schema.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/") ? ref.substring("#/components/schemas/".length()) : null;
    }

    private static String description(JsonNode operation) {
        String summary = operation.path("summary").asText("").strip();
        String description = operation.path("description").asText("").strip();
        if (summary.isEmpty()) return description;
        if (description.isEmpty() || description.equals(summary)) return summary;
        return summary + (summary.endsWith(".") ? " " : ". ") + description;
    }
}
