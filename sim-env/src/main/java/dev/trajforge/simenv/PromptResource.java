package dev.trajforge.simenv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A prompt or policy loaded from the classpath (or a file a user names), with the SHA-256 that is recorded with the data. */
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

    /** A prompt, policy or rubric from a file; {@code what} names it in the error ("rubric", "policy"). */
    public static PromptResource fromFile(java.nio.file.Path file, String what) {
        try {
            String text = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
            return new PromptResource(file.toString(), text, Hashing.sha256Hex(text));
        } catch (IOException e) {
            throw new UncheckedIOException(what + " " + file + ": cannot read (" + e + ")", e);
        }
    }
}
