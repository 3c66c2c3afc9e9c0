package dev.trajforge.simenv.state;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * What one tool call did to the world's state: an RFC 6902 JSON Patch over the state seen as JSON
 * ({@code /<collection>/<entity key>/<field>...}, keys escaped as JSON Pointer tokens), with the call
 * that made it. A trajectory carries its changes, so its final state can be checked from what
 * happened, without running any tool again.
 */
public record StateChange(String callId, String tool, JsonNode patch) {
    public StateChange {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(patch, "patch");
        if (!patch.isArray() || patch.isEmpty()) throw new IllegalArgumentException("call " + callId + ": a patch is a non-empty array of operations");
        for (JsonNode op : patch) {
            if (!op.path("op").isTextual() || !op.path("path").isTextual()) {
                throw new IllegalArgumentException("call " + callId + ": not a JSON Patch operation: " + op);
            }
        }
        patch = patch.deepCopy();
    }

    /** A JSON Pointer token: '~' as "~0", '/' as "~1" (RFC 6901). */
    public static String pointerToken(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
