package dev.trajforge.judge;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;

/**
 * Renders a trajectory for the rubric judge: one block per message, numbered in conversation order.
 * The system message is skipped (the judge gets the policy separately), reasoning is omitted (the
 * agent is judged on what it did and said), assistant tool calls read {@code name(arguments)}, and
 * long tool results are cut to {@value #TOOL_RESULT_LIMIT} characters.
 */
final class TranscriptRenderer {
    static final int TOOL_RESULT_LIMIT = 800;

    private TranscriptRenderer() {
    }

    static String render(Trajectory trajectory) {
        StringBuilder out = new StringBuilder();
        int turn = 0;
        java.util.List<dev.trajforge.simenv.UserToolCall> userCalls = trajectory.userToolCalls();
        int nextUserCall = 0;
        for (int i = 0; i < trajectory.messages().size(); i++) {
            Message message = trajectory.messages().get(i);
            switch (message.role()) {
                case SYSTEM -> {
                    continue;
                }
                case USER -> {
                    turn++;
                    for (; nextUserCall < userCalls.size() && userCalls.get(nextUserCall).message() == i; nextUserCall++) {
                        var call = userCalls.get(nextUserCall);
                        line(out, turn, "user on their own device (the agent does not see this)", call.call().name() + "(" + call.call().argumentsJson()
                                + ") -> " + (call.error() ? "(error) " : "") + abbreviate(call.result(), TOOL_RESULT_LIMIT));
                    }
                    line(out, turn, "user", message.content());
                }
                case ASSISTANT -> {
                    turn++;
                    if (message.content() != null && !message.content().isBlank()) line(out, turn, "agent", message.content());
                    for (ToolCall call : message.toolCalls()) line(out, turn, "agent tool call", call.name() + "(" + call.argumentsJson() + ")");
                }
                case TOOL -> line(out, ++turn, "tool result " + message.name() + (message.error() ? " (error)" : ""),
                        abbreviate(message.content(), TOOL_RESULT_LIMIT));
            }
        }
        return out.isEmpty() ? "(no messages)" : out.toString().stripTrailing();
    }

    private static void line(StringBuilder out, int turn, String who, String text) {
        out.append('[').append(turn).append("] ").append(who).append(": ").append(text.strip()).append("\n\n");
    }

    static String abbreviate(String text, int limit) {
        if (text.length() <= limit) return text;
        int cut = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit; // never split a character
        return text.substring(0, cut) + " ... [" + (text.length() - cut) + " more characters omitted]";
    }
}
