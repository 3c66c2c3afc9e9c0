package dev.trajforge.simenv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/**
 * Derives independent, reproducible seeds from a root seed and a path of names, e.g.
 * {@code derive(runSeed, "episode", taskId, "3")}. Stable across JVMs and machines: SHA-256 of the
 * inputs, never {@code hashCode()}.
 */
public final class Seeds {
    private Seeds() {
    }

    public static long derive(long seed, String... path) {
        MessageDigest digest = Hashing.sha256();
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        for (String part : path) {
            digest.update((byte) 0);
            digest.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return ByteBuffer.wrap(digest.digest()).getLong();
    }

    /** A generator whose sequence is fixed by the Java spec for a given seed. */
    public static SplittableRandom random(long seed, String... path) {
        return new SplittableRandom(derive(seed, path));
    }
}
