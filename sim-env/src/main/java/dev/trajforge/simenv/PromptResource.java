package dev.trajforge.simenv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A prompt or policy loaded from the classpath, with the SHA-256 that is recorded with the data. */
public record PromptResource(String path, String text, String sha256) {
    public PromptResource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sha256, "sha256");
    }

    public static PromptResource load(Class<?> anchor, String path) {
        try (InputStream in = anchor.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("resource not found: " + path + " (next to " + anchor.getName() + ")");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new PromptResource(path, text, Hashing.sha256Hex(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }
}
