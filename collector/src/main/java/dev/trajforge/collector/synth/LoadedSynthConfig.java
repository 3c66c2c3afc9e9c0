package dev.trajforge.collector.synth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.YamlFile;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Hashing;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A synthesis config as read from its file: the config, the output folder (a relative {@code output} is resolved
 * against the working directory, as a run's output is) and the SHA-256 of what decides the packs (everything but {@code output}, {@code budget}
 * and the model's pacing keys), which the journal records so that another config is never mixed into an output.
 */
public record LoadedSynthConfig(SynthConfig config, Path file, Path output, String sha256, ObjectNode hashed) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
            .build();

    public LoadedSynthConfig {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(output, "output");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("sha256: 64 hex digits, got " + sha256);
    }

    /** Reads {@code file}; a problem is a {@code ConfigException} naming the file, the line and the key. */
    public static LoadedSynthConfig load(Path file) {
        SynthConfig config = YamlFile.read(file, SynthConfig.class);
        Path output = Path.of(config.output()).toAbsolutePath().normalize();
        ObjectNode hashed = hashedPart(config);
        return new LoadedSynthConfig(config, file, output, Hashing.sha256Hex(canonical(hashed)), hashed);
    }

    /** The same config writing to {@code folder} (the output is not part of the hash). */
    public LoadedSynthConfig withOutput(Path folder) {
        return new LoadedSynthConfig(config, file, folder.toAbsolutePath().normalize(), sha256, hashed);
    }

    static ObjectNode hashedPart(SynthConfig config) {
        ObjectNode tree = JSON.valueToTree(config);
        tree.remove("output");
        tree.remove("budget");
        if (tree.get("model") instanceof ObjectNode model) ConfigLoader.NOT_FINGERPRINTED_MODEL_KEYS.forEach(model::remove);
        return (ObjectNode) CanonicalJson.sorted(tree);
    }

    static String canonical(ObjectNode tree) {
        try {
            return JSON.writeValueAsString(CanonicalJson.sorted(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the config as JSON", e);
        }
    }
}
