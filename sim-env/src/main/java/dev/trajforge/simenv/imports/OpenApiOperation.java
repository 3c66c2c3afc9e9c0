package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * One operation of an OpenAPI document mapped to a tool's parts, before its simulation hints are known: its
 * merged parameters, output schema, and which component schemas its body and its answer are (by name, directly
 * or as the items of a list), for finding entity collections.
 *
 * @param pathParameters the path's parameters, in path order
 * @param bodyArgument   the argument a non-object body became ({@code body}), or null
 * @param bodySchema     the component schema the request body is (or lists), or null
 * @param outputSchema   the component schema the 2xx JSON answer is (or lists), or null
 */
record OpenApiOperation(String name, String method, String path, String description, ObjectNode parameters, ObjectNode output,
                        List<String> pathParameters, List<String> queryParameters, String bodyArgument, String bodySchema,
                        boolean bodyIsList, String outputSchema, boolean outputIsList) {
    OpenApiOperation {
        pathParameters = List.copyOf(pathParameters);
        queryParameters = List.copyOf(queryParameters);
    }

    String source() {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }

    boolean reads() {
        return switch (method) {
            case "get", "head", "options", "trace" -> true;
            default -> false;
        };
    }

    /** The last path segment is a parameter ({@code /pet/{petId}}): the operation addresses one entity. */
    String addressedBy() {
        String[] segments = path.split("/");
        String last = segments.length == 0 ? "" : segments[segments.length - 1];
        return last.startsWith("{") && last.endsWith("}") ? last.substring(1, last.length() - 1) : null;
    }

    /** The literal segments of the path, last first ({@code /store/order/{orderId}} gives order, store). */
    List<String> nouns() {
        List<String> nouns = new java.util.ArrayList<>();
        for (String segment : path.split("/")) if (!segment.isEmpty() && !segment.startsWith("{")) nouns.addFirst(segment.toLowerCase(Locale.ROOT));
        return nouns;
    }
}
