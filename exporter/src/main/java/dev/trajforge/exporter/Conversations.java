package dev.trajforge.exporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical form of a conversation, for telling whether two are "the same" (exact dedup) and how
 * far two agree (the shared prompt of a preference pair).
 *
 * <p>Canonical means: tool-call ids are replaced by the call's ordinal in the conversation (ids are
 * transport artifacts that differ between otherwise identical samples; a tool message refers to the
 * ordinal of the call it answers), and JSON (tool-call arguments, the tool list) is compared with
 * sorted keys. Everything else counts: role, content, reasoning, tool names, tool results and their
 * error flag.
 */
final class Conversations {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Conversations() {
    }

    /** One SHA-256 per message, in order; equal digests at the same position mean equal messages. */
    static List<ByteBuffer> messageDigests(List<Message> messages) {
        Map<String, Integer> ordinals = new HashMap<>();
        List<ByteBuffer> digests = new ArrayList<>(messages.size());
        for (Message m : messages) {
            MessageDigest digest = Hashing.sha256();
            put(digest, m.role().wireName());
            put(digest, m.content());
            put(digest, m.reasoning());
            putInt(digest, m.toolCalls().size());
            for (ToolCall call : m.toolCalls()) {
                ordinals.putIfAbsent(call.id(), ordinals.size());
                put(digest, call.name());
                put(digest, canonicalJson(call.argumentsJson()));
            }
            if (m.toolCallId() != null) {
                Integer ordinal = ordinals.get(m.toolCallId());
                put(digest, ordinal == null ? "id:" + m.toolCallId() : "call#" + ordinal);
            } else {
                put(digest, null);
            }
            put(digest, m.name());
            putInt(digest, m.error() ? 1 : 0);
            digests.add(ByteBuffer.wrap(digest.digest()).asReadOnlyBuffer());
        }
        return digests;
    }

    /** SHA-256 of the canonical messages and tools of a conversation. */
    static byte[] sha256(List<Message> messages, String toolsJson) {
        MessageDigest digest = Hashing.sha256();
        put(digest, canonicalJson(toolsJson));
        putInt(digest, messages.size());
        for (ByteBuffer message : messageDigests(messages)) {
            digest.update(message.duplicate());
        }
        return digest.digest();
    }

    /** JSON text with object keys sorted at every level; text that is not JSON is returned as it is. */
    static String canonicalJson(String json) {
        JsonNode node = CanonicalJson.parseOrNull(json);
        if (node == null) {
            return json;
        }
        try {
            return JSON.writeValueAsString(CanonicalJson.sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Length-prefixed, so no two different sequences of fields hash the same bytes; null differs from "". */
    private static void put(MessageDigest digest, String value) {
        if (value == null) {
            putInt(digest, -1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putInt(digest, bytes.length);
        digest.update(bytes);
    }

    private static void putInt(MessageDigest digest, int value) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
    }
}
