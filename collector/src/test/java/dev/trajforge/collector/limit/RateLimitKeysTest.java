package dev.trajforge.collector.limit;

import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The model-spec keys {@code requestsPerMinute}, {@code tokensPerMinute} and {@code maxConcurrency}, as a config states them. */
class RateLimitKeysTest {
    private static final String AGENT = "agent: {provider: openai, model: m, baseUrl: http://127.0.0.1:8000/v1, ";

    @TempDir
    Path tmp;

    private ModelSpec agent(String keys) throws Exception {
        return ConfigLoader.load(write(AGENT + keys + "}"), List.of()).config().agent();
    }

    private String failure(String agentLine) throws Exception {
        Path file = write(agentLine);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of())).getMessage()
                .replace("config " + file + ": ", "");
    }

    private Path write(String agentLine) throws Exception {
        Path file = tmp.resolve("run.yaml");
        Files.writeString(file, "runId: r\ndomain: retail\ntasks: 1\noutput: out\n" + agentLine + "\n");
        return file;
    }

    @Test
    void should_bind_the_three_limits_of_a_model_spec() throws Exception {
        ModelSpec spec = agent("requestsPerMinute: 600, tokensPerMinute: 200000, maxConcurrency: 16");
        assertEquals(600, spec.requestsPerMinute());
        assertEquals(200_000, spec.tokensPerMinute());
        assertEquals(16, spec.maxConcurrency());
        assertEquals(600, spec.withSeed(9).requestsPerMinute(), "a judge voter keeps its limits");
    }

    @Test
    void should_leave_every_limit_unset_by_default() throws Exception {
        ModelSpec spec = agent("temperature: 0");
        assertNull(spec.requestsPerMinute());
        assertNull(spec.tokensPerMinute());
        assertNull(spec.maxConcurrency());
    }

    @Test
    void should_name_the_key_of_a_limit_that_is_not_positive() throws Exception {
        assertEquals("key 'agent.requestsPerMinute': must be > 0, got 0", failure(AGENT + "requestsPerMinute: 0}"));
        assertEquals("key 'agent.tokensPerMinute': must be > 0, got -5", failure(AGENT + "tokensPerMinute: -5}"));
        assertEquals("key 'agent.maxConcurrency': must be > 0, got 0", failure(AGENT + "maxConcurrency: 0}"));
    }

    @Test
    void should_name_the_key_of_a_limit_that_is_not_an_integer() throws Exception {
        assertEquals("key 'agent.requestsPerMinute': expected an integer, got 1.5", failure(AGENT + "requestsPerMinute: 1.5}"));
        assertEquals("key 'agent.maxConcurrency': expected an integer, got \"many\"", failure(AGENT + "maxConcurrency: many}"));
    }

    @Test
    void should_refuse_limits_on_a_scripted_role_naming_the_key() throws Exception {
        assertEquals("key 'agent.requestsPerMinute': limits the calls to a model endpoint; a scripted role makes none,"
                + " so remove it or pick a model provider", failure("agent: {provider: scripted, requestsPerMinute: 60}"));
        assertEquals("key 'user.maxConcurrency': limits the calls to a model endpoint; a scripted role makes none,"
                + " so remove it or pick a model provider", failure("user: {maxConcurrency: 4}"));
    }
}
