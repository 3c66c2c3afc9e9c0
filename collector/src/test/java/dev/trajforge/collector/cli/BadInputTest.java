package dev.trajforge.collector.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input: a one-line error naming the key or path, exit code 2, nothing written. */
class BadInputTest {
    @TempDir
    Path tmp;

    private void assertBadInput(CliRun run, String... mentions) {
        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, run.exitCode(), run.err());
        String error = run.err().strip();
        assertEquals(1, error.lines().count(), "one line: " + error);
        for (String mention : mentions) assertTrue(error.contains(mention), error + " should mention " + mention);
        assertEquals("", run.out());
    }

    @Test
    void should_name_the_path_of_a_missing_config_file() {
        assertBadInput(CliRun.of("run", tmp.resolve("nope.yaml").toString()), "nope.yaml", "not found");
    }

    @Test
    void should_name_the_key_and_the_known_domains_for_an_unknown_domain() throws Exception {
        Path out = tmp.resolve("out");
        assertBadInput(CliRun.of("run", QuickstartTest.QUICKSTART.toString(), "--out", out.toString(), "--set", "domain=bank"),
                "--set domain=bank", "unknown domain 'bank'", "retail");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void should_name_the_key_and_file_of_a_negative_count() throws Exception {
        Path config = tmp.resolve("neg.yaml");
        Files.writeString(config, Files.readString(QuickstartTest.QUICKSTART).replace("tasks: 500", "tasks: -5"));
        Path out = tmp.resolve("out");
        assertBadInput(CliRun.of("run", config.toString(), "--out", out.toString()), "neg.yaml", "'tasks'", "-5");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void should_name_the_path_of_an_unwritable_output_and_write_nothing() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        Path out = file.resolve("export");
        assertBadInput(CliRun.of("run", QuickstartTest.QUICKSTART.toString(), "--out", out.toString()), "--out", "a-file");
        assertEquals("not a directory", Files.readString(file));
    }

    @Test
    void should_name_the_unset_environment_variable_of_an_api_key_and_write_nothing() {
        Path out = tmp.resolve("o");
        assertBadInput(CliRun.of("run", QuickstartTest.QUICKSTART.toString(), "--out", out.toString(),
                "--set", "agent.provider=openai", "--set", "agent.model=x", "--set", "agent.baseUrl=http://127.0.0.1:9/v1",
                "--set", "agent.apiKeyEnv=TRAJFORGE_TEST_UNSET_KEY"), "'agent.apiKeyEnv'", "TRAJFORGE_TEST_UNSET_KEY", "quickstart.yaml");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void should_blame_a_bad_set_value_on_the_override_naming_its_key_once() {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("run", QuickstartTest.QUICKSTART.toString(), "--out", out.toString(), "--set", "judging.votes=0");
        assertBadInput(run, "--set judging.votes=0", "must be in [1, 9], got 0");
        assertFalse(run.err().contains("quickstart.yaml"), run.err());
        assertFalse(run.err().contains("judging.judging"), run.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void should_reject_an_unknown_scripted_model_naming_the_key_and_the_known_ones() throws Exception {
        Path config = tmp.resolve("scripted.yaml");
        Files.writeString(config, Files.readString(QuickstartTest.QUICKSTART).replace("model: oracle-agent", "model: scripted/nonexistent"));
        Path out = tmp.resolve("out");
        assertBadInput(CliRun.of("run", config.toString(), "--out", out.toString()),
                "scripted.yaml", "'agent.model'", "scripted/nonexistent", "oracle-agent", "persona-user");
        assertFalse(Files.exists(out), "nothing written");
    }
}
