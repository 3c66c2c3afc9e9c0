package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as a {@link FakeProviderServer} received it, before any reply was chosen.
 *
 * @param index    0-based arrival order on its server
 * @param method   HTTP method, such as {@code POST}
 * @param path     request path without the query, such as {@code /v1/chat/completions}
 * @param query    raw query string, or null when there is none
 * @param protocol the protocol of the request line, as {@code HttpExchange.getProtocol()} reports it
 *                 ({@code HTTP/1.1})
 * @param headers  every header as sent, names matched case-insensitively
 * @param body     raw body, decoded as UTF-8
 * @param json     the body parsed as JSON; {@link MissingNode} when the body is empty or not JSON
 */
public record RecordedRequest(int index, String method, String path, String query, String protocol,
                              Map<String, List<String>> headers, String body, JsonNode json) {

    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        if (json == null) json = MissingNode.getInstance();
    }

    /** The first value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Whether the header was sent at all, matched case-insensitively. */
    public boolean hasHeader(String name) {
        return headers.containsKey(name);
    }

    /** The bearer token of the {@code Authorization} header, if one was sent. */
    public Optional<String> bearerToken() {
        return header("Authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim());
    }

    /** Whether the body parsed as JSON. */
    public boolean isJson() {
        return !json.isMissingNode();
    }

    /** The {@code model} field of a JSON body, or null. */
    String model() {
        JsonNode model = json.path("model");
        return model.isTextual() ? model.asText() : null;
    }

    @Override
    public String toString() {
        return "#" + index + " " + method + " " + path + (query == null ? "" : "?" + query) + " " + protocol;
    }
}
