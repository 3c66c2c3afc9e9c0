package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.provider.FakeOpenAiServer;
import dev.trajforge.collector.provider.Providers;
import dev.trajforge.collector.provider.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynthesisTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(10));

    @TempDir
    Path tmp;

    String config(String baseUrl, String extra) {
        return """
                model: {provider: openai, model: synth-model, baseUrl: "%s"}
                seed: 7
                categories: [commerce, travel]
                domainsPerCategory: 2
                toolsPerDomain: 4
                entitiesPerCollection: 5
                tasksPerDomain: 3
                similarity: {domains: 0.85, tools: 0.85}
                output: %s
                contractTasks: 20
                %s
                """.formatted(baseUrl, tmp.resolve("out"), extra);
    }

    static SynthesisReport synthesize(Path configFile) {
        LoadedSynthConfig loaded = LoadedSynthConfig.load(configFile);
        var model = new Providers(Map.<String, String>of()::get, FAST).build("synthesizer", loaded.config().model(), 7);
        return new Synthesis(loaded, model, loaded.config().model().label(), new PrintStream(OutputStream.nullOutputStream())).run();
    }

    @Test
    void should_write_three_packs_from_two_categories_that_keep_the_domain_contract() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            FakeSynthesizer synthesizer = FakeSynthesizer.valid();
            server.respondWith(synthesizer);
            Path file = tmp.resolve("synth.yaml");
            Files.writeString(file, config(server.baseUrl(), ""));
            SynthesisReport report = synthesize(file);
            JsonNode summary = JSON.readTree(tmp.resolve("out/summary.json").toFile());
            new ProcessBuilder("cp", "-a", tmp.resolve("out").toString(), "/tmp/synth-peek").inheritIO().start().waitFor();
            assertEquals(FakeSynthesizer.PACKS, Set.copyOf(report.accepted()), summary.toPrettyString());
            assertEquals(Set.of(), Set.copyOf(report.rejected()));
            assertEquals(FakeSynthesizer.PACKS, folders(tmp.resolve("out/packs")));
        }
    }

    static Set<String> folders(Path parent) throws Exception {
        if (!Files.isDirectory(parent)) return Set.of();
        try (Stream<Path> children = Files.list(parent)) {
            return children.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
