package dev.trajforge.collector.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rate limits change how fast a run goes, not what it produces: changing them never blocks a resume. */
class PacingKeysTest {
    @TempDir
    Path tmp;

    @Test
    void should_keep_the_fingerprint_when_only_rate_limits_change() throws Exception {
        Path file = tmp.resolve("c.yaml");
        Files.writeString(file, "runId: r\ndomain: retail\ntasks: 3\noutput: o\nagent: {provider: openai, model: m, baseUrl: http://127.0.0.1:1/v1}\n");
        String base = ConfigLoader.load(file, List.of()).sha256();
        assertEquals(base, ConfigLoader.load(file, List.of("agent.requestsPerMinute=60", "agent.maxConcurrency=4")).sha256());
        assertNotEquals(base, ConfigLoader.load(file, List.of("agent.temperature=0.5")).sha256());
        assertFalse(ConfigLoader.fingerprinted("agent.tokensPerMinute"));
        assertFalse(ConfigLoader.fingerprinted("budget.maxEpisodes"));
        assertTrue(ConfigLoader.fingerprinted("agent.model"));
    }
}
