package dev.trajforge.collector.run;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's JSON-lines log in its run directory: start, progress, budget stops, aborts, commits, and
 * each infrastructure failure with its detail — for operators and schedulers.
 */
final class RunLog implements InfraFailureLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Clock clock;

    RunLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** An {@code infra_failure} event: which episode and attempt, the journal's failure (its cause class) and what happened. */
    @Override
    public void failed(String episode, int attempt, String failure, String detail) {
        event("infra_failure", "episode", episode, "attempt", attempt, "failure", failure, "detail", detail);
    }

    synchronized void event(String event, Object... keysAndValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("event", event);
        for (int i = 0; i < keysAndValues.length; i += 2) line.put((String) keysAndValues[i], keysAndValues[i + 1]);
        try {
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("trajforge: cannot write run log " + file + ": " + e.getMessage()); // logging never stops a run
        }
    }
}
