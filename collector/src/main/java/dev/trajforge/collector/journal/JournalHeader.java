package dev.trajforge.collector.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The line a journal starts with (and repeats when a run is continued under another config with
 * {@code --force-config}): which run and worker wrote the entries after it, and the fingerprint and
 * canonical JSON of the config that made them. So a journal proves by itself which config its
 * episodes belong to, even when the run directory's {@code config.json} is gone.
 * <pre>#trajforge-journal {"version":2,"run_id":"quickstart","worker":"0/1","config_sha256":"…","config":{…}}</pre>
 */
public record JournalHeader(String runId, String worker, String configSha256, JsonNode config) {
    static final String PREFIX = "#trajforge-journal ";
    static final int VERSION = 2;

    public JournalHeader {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(worker, "worker");
        if (configSha256 == null || !configSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("config_sha256 must be 64 lowercase hex digits, got " + configSha256);
        }
        Objects.requireNonNull(config, "config");
    }

    byte[] render() {
        ObjectNode node = Journal.JSON.createObjectNode();
        node.put("version", VERSION);
        node.put("run_id", runId);
        node.put("worker", worker);
        node.put("config_sha256", configSha256);
        node.set("config", config);
        try {
            return (PREFIX + Journal.JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render a journal header", e);
        }
    }

    /** Parses a header line (without its line end); throws with the reason when it is not one. */
    static JournalHeader parse(String line) throws IOException {
        if (!line.startsWith(PREFIX)) throw new IOException("not a journal header");
        JsonNode node = Journal.JSON.readTree(line.substring(PREFIX.length()));
        int version = node.path("version").asInt(-1);
        if (version != VERSION) throw new IOException("journal header version " + node.path("version") + ", expected " + VERSION);
        try {
            return new JournalHeader(node.path("run_id").asText(), node.path("worker").asText(), node.path("config_sha256").asText(),
                    node.path("config"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(e.getMessage());
        }
    }
}
