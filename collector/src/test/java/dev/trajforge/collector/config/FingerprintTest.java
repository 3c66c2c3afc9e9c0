package dev.trajforge.collector.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprintTest {

    @TempDir
    Path dir;

    private String fingerprint(String yaml, String... overrides) throws IOException {
        Path file = Files.createTempFile(dir, "run", ".yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, List.of(overrides)).sha256();
    }

    private static final String CONFIG = """
            runId: fp
            seed: 1
            domain: retail
            tasks: 10
            output: out/fp
            agent:
              provider: openai
              model: m
              temperature: 0.5
              extraBody: {b: 1, a: {y: 2, x: 1}}
            """;

    @Test
    void should_be_stable_when_keys_are_reordered() throws IOException {
        String reordered = """
                agent:
                  extraBody: {a: {x: 1, y: 2}, b: 1}
                  temperature: 0.5
                  model: m
                  provider: openai
                output: out/fp
                tasks: 10
                domain: retail
                seed: 1
                runId: fp
                """;
        assertEquals(fingerprint(CONFIG), fingerprint(reordered));
    }

    @Test
    void should_change_when_seed_changes() throws IOException {
        assertNotEquals(fingerprint(CONFIG), fingerprint(CONFIG, "seed=2"));
    }

    @Test
    void should_change_when_a_model_option_changes() throws IOException {
        assertNotEquals(fingerprint(CONFIG), fingerprint(CONFIG, "agent.temperature=0.6"));
    }

    @Test
    void should_not_change_with_output_concurrency_or_keep_rejected() throws IOException {
        assertEquals(fingerprint(CONFIG),
                fingerprint(CONFIG, "output=hdfs://nn:8020/runs/fp", "concurrency=1", "keepRejected=true"));
    }

    @Test
    void should_not_change_when_defaults_are_written_out() throws IOException {
        String minimal = "runId: fp\ndomain: retail\ntasks: 10\noutput: out/fp\n";
        String explicit = minimal + """
                seed: 0
                trials: 1
                maxTurns: 30
                maxToolErrors: 5
                validationFraction: 0.1
                agent:
                  provider: scripted
                  model: oracle-agent
                  errors: {wrongArgument: 0.12, skipStep: 0.06, noConfirmation: 0.06, endEarly: 0.05}
                user: {provider: scripted, model: persona-user}
                judge: null
                """;
        assertEquals(fingerprint(minimal), fingerprint(explicit));
    }

    @Test
    void should_match_the_fingerprint_of_the_config_record() throws IOException {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, CONFIG);
        LoadedConfig loaded = ConfigLoader.load(file, List.of());
        assertEquals(ConfigLoader.fingerprint(loaded.config()), loaded.sha256());
        assertEquals(loaded.sha256(), loaded.withOutput("elsewhere").sha256());
        assertEquals(ConfigLoader.fingerprint(loaded.config()), ConfigLoader.fingerprint(loaded.config().withOutput("x")));
    }

    @Test
    void should_write_canonical_json_with_sorted_keys_and_record_components_only() {
        String json = ConfigLoader.canonicalJson(RunConfig.withDefaults("c", 3, "retail", 4, "out/c"));
        assertTrue(json.startsWith("{\"agent\":{\"errors\":{\"endEarly\":0.05,"), json);
        assertTrue(json.contains("\"output\":\"out/c\""), json);
        assertFalse(json.contains("label"), json);
        assertFalse(json.contains("scripted\":"), json);
        assertFalse(json.contains("timeout"), json);
        assertFalse(json.contains("null"), json);
    }
}
