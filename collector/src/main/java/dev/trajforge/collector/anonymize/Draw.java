package dev.trajforge.collector.anonymize;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The deterministic choices behind one pseudonym: a stream of bytes from HMAC-SHA256(key, detector,
 * normalized value, block). The same key and value give the same fake everywhere; without the key the
 * fake says nothing about the value, and two keys give unrelated fakes.
 */
final class Draw {
    private final Mac mac;
    private final byte[] label;
    private byte[] block;
    private int counter;
    private int pos;

    private Draw(Mac mac, byte[] label) {
        this.mac = mac;
        this.label = label;
        refill();
    }

    /** A fresh MAC for one session (a {@link Mac} is not thread-safe). */
    static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static Draw of(Mac mac, Detector detector, String normalized) {
        return new Draw(mac, (detector.wireName() + '\u0000' + normalized).getBytes(StandardCharsets.UTF_8));
    }

    private void refill() {
        mac.update(label);
        mac.update((byte) 0);
        mac.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
        block = mac.doFinal();
        counter++;
        pos = 0;
    }

    private int nextByte() {
        if (pos == block.length) {
            refill();
        }
        return block[pos++] & 0xff;
    }

    /** Uniform in [0, bound), by rejection. */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        long limit = (1L << 31) - ((1L << 31) % bound); // 2^31 itself when bound divides it
        while (true) {
            int v = ((nextByte() << 24) | (nextByte() << 16) | (nextByte() << 8) | nextByte()) & 0x7fffffff;
            if (v < limit) {
                return v % bound;
            }
        }
    }

    char digit() {
        return (char) ('0' + nextInt(10));
    }

    char upper() {
        return (char) ('A' + nextInt(26));
    }

    String hex(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(Character.forDigit(nextInt(16), 16));
        }
        return sb.toString();
    }
}
