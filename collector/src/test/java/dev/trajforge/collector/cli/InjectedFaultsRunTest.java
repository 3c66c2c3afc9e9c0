package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Controlled stochasticity: the retail tools fail on purpose (refused calls, partial reads) at the
 * config's rates. A scripted agent that always recovers keeps its acceptance and teaches recovery
 * (accepted rows carry the faults they recovered from); one that never recovers reports failed
 * operations as done, and the judge rejects them.
 */
class InjectedFaultsRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private JsonNode run(String name, double recovery, boolean faults) throws Exception {
        Path config = tmp.resolve(name + ".yaml");
        Files.writeString(config, """
                runId: faults
                seed: 5
                domain: retail
                tasks: 150
                output: %s
                personas: {"*": 1}
                """.formatted(tmp.resolve(name)) + (faults ? """
                faults:
                  recovery: %s
                  rates:
                    "*": {transient: 0.06, timeout: 0.04, rate_limited: 0.04, partial: 0.05, stale: 0.05}
                """.formatted(recovery) : ""));
        CliRun run = CliRun.of("run", config.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(tmp.resolve(name).resolve("manifest.json").toFile()).path("metrics").path("by_domain").path("retail");
    }

    @Test
    void should_keep_acceptance_when_the_agent_recovers_and_lose_it_when_it_does_not() throws Exception {
        JsonNode none = run("none", 1.0, false);
        JsonNode recovering = run("recovering", 1.0, true);
        JsonNode giving = run("giving-up", 0.0, true);

        long injected = recovering.path("faults").path("transient").asLong() + recovering.path("faults").path("timeout").asLong()
                + recovering.path("faults").path("rate_limited").asLong() + recovering.path("faults").path("partial").asLong();
        assertTrue(injected >= 50, "faults of every kind were injected: " + recovering.path("faults"));
        assertTrue(recovering.path("accepted_with_faults").asLong() >= 30, "accepted rows teach recovery: " + recovering);
        assertTrue(recovering.path("accepted").asLong() >= none.path("accepted").asLong() - 5,
                "recovering costs (almost) nothing: " + recovering.path("accepted") + " vs " + none.path("accepted"));
        assertTrue(giving.path("accepted").asLong() <= none.path("accepted").asLong() - 20,
                "failed operations reported as done are rejected: " + giving.path("accepted") + " vs " + none.path("accepted"));
        assertTrue(giving.path("rejected").path("final_state_mismatch").asLong() > none.path("rejected").path("final_state_mismatch").asLong());
    }
}
