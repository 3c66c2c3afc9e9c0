package dev.trajforge.collector.synth;

import dev.trajforge.collector.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynthConfigTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "synthesize.yaml");

    @TempDir
    Path tmp;

    private LoadedSynthConfig variant(String from, String to) throws Exception {
        String text = Files.readString(EXAMPLE);
        assertTrue(text.contains(from), from);
        return LoadedSynthConfig.load(Files.writeString(tmp.resolve("variant.yaml"), text.replace(from, to)));
    }

    @Test
    void should_load_the_shipped_example() {
        SynthConfig config = LoadedSynthConfig.load(EXAMPLE).config();
        assertEquals("openai", config.model().provider());
        assertEquals(2, config.categories().size());
        assertEquals(6, config.toolsPerDomain());
        assertEquals(200, config.budget().maxCalls());
    }

    @Test
    void should_leave_the_budget_output_and_pacing_out_of_the_hash_and_nothing_else() throws Exception {
        String sha = LoadedSynthConfig.load(EXAMPLE).sha256();
        assertEquals(sha, variant("maxCalls: 200", "maxCalls: 900").sha256());
        assertEquals(sha, variant("output: out/synthesized", "output: elsewhere").sha256());
        assertEquals(sha, variant("  # requestsPerMinute: 60", "  requestsPerMinute: 60").sha256());
        assertNotEquals(sha, variant("tasksPerDomain: 6", "tasksPerDomain: 7").sha256());
        assertNotEquals(sha, variant("model: kimi-k2-0905-preview", "model: deepseek-chat").sha256());
    }

    @Test
    void should_name_the_file_line_and_key_when_categories_and_a_count_are_both_given() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> variant("categories: [travel, healthcare]", "categories: [travel]\ncategoryCount: 3"));
        assertTrue(e.getMessage().matches(".*variant\\.yaml:\\d+: key 'categoryCount': set it only when no categories are named"), e.getMessage());
    }

    @Test
    void should_refuse_a_scripted_synthesizer_and_an_api_key_in_the_file() throws Exception {
        ConfigException scripted = assertThrows(ConfigException.class, () -> variant("provider: openai", "provider: scripted"));
        assertTrue(scripted.getMessage().contains("key 'model': a scripted model cannot synthesize"), scripted.getMessage());
        ConfigException secret = assertThrows(ConfigException.class, () -> variant("apiKeyEnv: OPENAI_API_KEY", "apiKey: sk-123"));
        assertTrue(secret.getMessage().contains("unknown key 'model.apiKey'"), secret.getMessage());
    }
}
