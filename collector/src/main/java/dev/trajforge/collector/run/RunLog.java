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

/** The run's JSON-lines log in its run directory: start, progress, budget stops, aborts, commits — for operators and schedulers. */
final class RunLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Clock clock;

    RunLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
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
