package dev.trajforge.exporter.report;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One trajectory of the report's viewer, as text ready for the template (which escapes every string): its verdict at the
 * top (reject reasons, reward checks, judge score), then the conversation. Long texts are cut to {@link #MAX_TEXT}
 * characters, saying how many were left out, so a few very long sessions cannot swell the report.
 */
record Viewed(String id, String outcome, String domain, String persona, String task, String termination, List<String> reasons,
              List<Check> checks, String judgeScore, String judgeRationale, List<String> faults, List<String> tools, List<Turn> turns)
        implements Serializable {
    static final int MAX_TEXT = 20_000;

    Viewed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        checks = List.copyOf(checks);
        faults = List.copyOf(faults);
        tools = List.copyOf(tools);
        turns = List.copyOf(turns);
    }

    /** One entry of {@code reward_checks}. */
    record Check(String name, boolean passed, String score) implements Serializable {
        Check {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * One message: {@code role} is {@code system}, {@code user}, {@code assistant} or {@code tool}; {@code json} says the
     * content is pretty-printed JSON (a tool result); {@code error} that the tool answered with an error.
     */
    record Turn(String role, String content, String reasoning, List<Call> calls, String name, String callId, boolean json, boolean error)
            implements Serializable {
        Turn {
            Objects.requireNonNull(role, "role");
            calls = List.copyOf(calls);
        }
    }

    /** One tool call of an assistant message, its arguments pretty-printed. */
    record Call(String id, String name, String arguments) implements Serializable {
        Call {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code text} cut to {@link #MAX_TEXT} characters, saying how many were left out; null stays null. */
    static String cut(String text) {
        if (text == null || text.length() <= MAX_TEXT) return text;
        return text.substring(0, MAX_TEXT) + "\n… (" + (text.length() - MAX_TEXT) + " more characters not shown)";
    }
}
