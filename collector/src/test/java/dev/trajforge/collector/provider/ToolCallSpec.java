package dev.trajforge.collector.provider;

/**
 * One tool call a fake model makes. OpenAI sends {@code arguments} verbatim as a JSON string (so it
 * may be malformed on purpose); Anthropic and Ollama send it as a JSON object, so there it must parse.
 *
 * @param id        call id, such as {@code call_1} or {@code toolu_1}; null only for Ollama, which
 *                  may omit it
 * @param name      tool name
 * @param arguments arguments as JSON text
 */
public record ToolCallSpec(String id, String name, String arguments) {

    public ToolCallSpec {
        if (id != null && id.isBlank()) throw new IllegalArgumentException("tool call id is blank");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("tool call name is blank");
        if (arguments == null) throw new IllegalArgumentException("tool call " + name + ": arguments are null");
    }

    /** A call with an id, as OpenAI and Anthropic always send it. */
    public static ToolCallSpec call(String id, String name, String arguments) {
        if (id == null) throw new IllegalArgumentException("tool call " + name + ": id is null");
        return new ToolCallSpec(id, name, arguments);
    }

    /** A call without an id, as older Ollama versions send it. */
    public static ToolCallSpec withoutId(String name, String arguments) {
        return new ToolCallSpec(null, name, arguments);
    }
}
