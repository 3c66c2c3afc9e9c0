package dev.trajforge.exporter.report;

import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.RewardCheck;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The report's view of a record an export streams: its counts ({@link Episode}) and, for the viewer, its conversation
 * ({@link Viewed}). Only what a row of the shards shows is taken (messages, tools called, verdict, lineage labels):
 * never the journal's state changes, seeds or anything of the config.
 */
final class RecordEpisodes {
    private RecordEpisodes() {
    }

    static Episode episode(ExportRecord record) {
        Trajectory t = record.trajectory();
        List<String> called = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        java.util.Map<String, String> callNames = new java.util.HashMap<>();
        for (Message m : t.messages()) {
            for (ToolCall call : m.toolCalls()) {
                called.add(call.name());
                callNames.put(call.id(), call.name());
            }
            if (m.error()) failed.add(m.name() != null ? m.name() : callNames.getOrDefault(m.toolCallId(), "(unknown)"));
        }
        return new Episode(t.id(), Outcome.of(record.status()), t.domain(), t.persona().isEmpty() ? null : t.persona(),
                record.rejectReasons(), t.numTurns(), called.size(), failed.size(),
                t.usage().promptTokens() + t.usage().completionTokens(), record.judgeScore(), t.faults(), called, failed);
    }

    static Viewed viewed(ExportRecord record) {
        Trajectory t = record.trajectory();
        List<Viewed.Turn> turns = new ArrayList<>();
        TreeSet<String> tools = new TreeSet<>();
        for (Message m : t.messages()) {
            List<Viewed.Call> calls = new ArrayList<>();
            for (ToolCall call : m.toolCalls()) {
                calls.add(new Viewed.Call(call.id(), call.name(), Viewed.cut(JsonText.pretty(call.argumentsJson()))));
                tools.add(call.name());
            }
            String pretty = m.role() == dev.trajforge.simenv.Role.TOOL ? JsonText.prettyOrNull(m.content()) : null;
            turns.add(new Viewed.Turn(m.role().wireName(), Viewed.cut(pretty != null ? pretty : m.content()), Viewed.cut(m.reasoning()),
                    calls, m.name(), m.toolCallId(), pretty != null, m.error()));
        }
        List<Viewed.Check> checks = record.checks().stream().map(RecordEpisodes::check).toList();
        return new Viewed(t.id(), Outcome.of(record.status()).label(), t.domain(), t.persona().isEmpty() ? null : t.persona(), t.taskId(),
                t.termination().wireName(), record.rejectReasons(), checks, score(record.judgeScore()), Viewed.cut(record.judgeRationale()),
                t.faults(), List.copyOf(tools), turns);
    }

    static String score(Double score) {
        return score == null ? null : String.format(Locale.ROOT, "%.2f", score);
    }

    private static Viewed.Check check(RewardCheck check) {
        return new Viewed.Check(check.name(), check.passed(), score(check.score()));
    }
}
