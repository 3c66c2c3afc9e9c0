package dev.trajforge.collector.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sessions config of ingest and judge: every key optional, problems named by file, line and key. */
class SessionsConfigTest {
    @TempDir
    Path tmp;

    @Test
    void should_read_the_shipped_example() {
        SessionsConfig config = SessionsConfig.load(Path.of("..", "examples", "sessions.yaml"));
        assertEquals("openai/gpt-4o-mini", config.judge().label());
        assertEquals(0.8, config.judging().threshold());
        assertEquals("US", config.anonymize().region());
        assertNull(config.mapping());
    }

    @Test
    void should_default_every_key_left_out_and_resolve_files_beside_the_config() throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, "rubric: rubrics/ours.yaml\njudging:\n  votes: 3\nexport:\n  format: openai-jsonl\n");
        SessionsConfig config = SessionsConfig.load(file);
        assertNull(config.judge());
        assertEquals(3, config.judging().votes());
        assertEquals(Judging.DEFAULT.threshold(), config.judging().threshold());
        assertEquals(tmp.resolve("rubrics/ours.yaml").toString(), config.rubric());
        assertEquals("openai-jsonl", config.export().format());
        assertTrue(config.export().dedup(), "dedup stays on when only the format is named");
        assertEquals(0.1, config.validationFraction());
    }

    @Test
    void should_name_file_line_and_key_of_an_unknown_key_a_bad_value_and_a_scripted_judge() throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, "anonymize:\n  region: US\n  detecters: {email: false}\n");
        ConfigException unknown = assertThrows(ConfigException.class, () -> SessionsConfig.load(file));
        assertTrue(unknown.getMessage().startsWith(file + ":3: unknown key 'anonymize.detecters'"), unknown.getMessage());

        Files.writeString(file, "anonymize:\n  region: Germany\n");
        ConfigException region = assertThrows(ConfigException.class, () -> SessionsConfig.load(file));
        assertTrue(region.getMessage().startsWith(file + ":2: key 'anonymize.region': expected a two-letter region code"), region.getMessage());

        Files.writeString(file, "validationFraction: 0.2\njudge:\n  provider: scripted\n  model: oracle-agent\n");
        ConfigException scripted = assertThrows(ConfigException.class, () -> SessionsConfig.load(file));
        assertTrue(scripted.getMessage().contains("key 'judge': a scripted judge cannot judge real sessions"), scripted.getMessage());
    }
}
