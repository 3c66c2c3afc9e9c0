package dev.trajforge.exporter;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * MinHash signatures of what a conversation is about: the word shingles of the user's turns plus the
 * sequence of tool calls the agent made. Two conversations whose signatures agree in a share {@code s}
 * of positions have an estimated Jaccard similarity {@code s} of their shingle sets.
 *
 * <p>Everything is fixed by this class, never by the JVM: shingles are hashed with 64-bit FNV-1a over
 * their UTF-8 bytes followed by the MurmurHash3 finalizer; the {@value #PERMUTATIONS} permutations are
 * the universal family {@code h_i(x) = (a_i x + b_i) mod (2^61 - 1)}, with {@code a_i, b_i} taken from a
 * Weyl sequence (step {@code 0x9e3779b97f4a7c15}, start {@link #FAMILY_SEED}) through the same finalizer. No {@code hashCode}, no
 * {@code java.util.Random}: the same conversation has the same signature on every JVM and in every run.
 */
final class MinHash {
    static final int PERMUTATIONS = 128;
    /** Words per user-turn shingle; a shorter turn is one shingle. */
    static final int SHINGLE_WORDS = 3;
    /** "trajforg" in ASCII. */
    static final long FAMILY_SEED = 0x7472616a666f7267L;

    private static final long MERSENNE_61 = (1L << 61) - 1;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final long[] A = new long[PERMUTATIONS];
    private static final long[] B = new long[PERMUTATIONS];

    static {
        long state = FAMILY_SEED;
        for (int i = 0; i < PERMUTATIONS; i++) {
            long a;
            do {
                state += 0x9e3779b97f4a7c15L;
                a = mix(state) & MERSENNE_61;
            } while (a == 0 || a == MERSENNE_61);
            long b;
            do {
                state += 0x9e3779b97f4a7c15L;
                b = mix(state) & MERSENNE_61;
            } while (b == MERSENNE_61);
            A[i] = a;
            B[i] = b;
        }
    }

    private MinHash() {
    }

    /**
     * The shingles of a conversation: for every user turn, its lowercased words (letters and digits)
     * in windows of {@value #SHINGLE_WORDS}; and the pairs of consecutive tool-call names, with start
     * and end marks ({@code ^ first_tool}, ..., {@code last_tool $}).
     */
    static List<String> shingles(Trajectory trajectory) {
        List<String> shingles = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        calls.add("^");
        for (Message m : trajectory.messages()) {
            if (m.role() == Role.USER && m.content() != null) {
                String[] words = Arrays.stream(NON_WORD.split(m.content().toLowerCase(Locale.ROOT)))
                        .filter(w -> !w.isEmpty()).toArray(String[]::new);
                if (words.length > 0 && words.length < SHINGLE_WORDS) {
                    shingles.add("u " + String.join(" ", words));
                }
                for (int i = 0; i + SHINGLE_WORDS <= words.length; i++) {
                    shingles.add("u " + String.join(" ", Arrays.copyOfRange(words, i, i + SHINGLE_WORDS)));
                }
            }
            for (ToolCall call : m.toolCalls()) {
                calls.add(call.name());
            }
        }
        calls.add("$");
        for (int i = 0; i + 1 < calls.size(); i++) {
            shingles.add("t " + calls.get(i) + " " + calls.get(i + 1));
        }
        return shingles;
    }

    /** The signature of a set of shingles (duplicates do not matter); null for an empty set. */
    static long[] signature(List<String> shingles) {
        if (shingles.isEmpty()) {
            return null;
        }
        long[] hashes = shingles.stream().mapToLong(MinHash::shingleHash).distinct().toArray();
        long[] signature = new long[PERMUTATIONS];
        Arrays.fill(signature, Long.MAX_VALUE);
        for (long x : hashes) {
            for (int i = 0; i < PERMUTATIONS; i++) {
                long h = permute(i, x);
                if (h < signature[i]) {
                    signature[i] = h;
                }
            }
        }
        return signature;
    }

    /** Share of positions where two signatures agree: the estimate of the Jaccard similarity. */
    static double similarity(long[] a, long[] b) {
        int equal = 0;
        for (int i = 0; i < PERMUTATIONS; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        return equal / (double) PERMUTATIONS;
    }

    /** A shingle's 61-bit base hash: FNV-1a 64 over UTF-8, MurmurHash3 finalizer, reduced mod 2^61 - 1. */
    static long shingleHash(String shingle) {
        long h = 0xcbf29ce484222325L;
        for (byte b : shingle.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        long x = mix(h) & MERSENNE_61;
        return x == MERSENNE_61 ? 0 : x;
    }

    /** {@code (a_i x + b_i) mod (2^61 - 1)} for {@code 0 <= x < 2^61 - 1}. */
    static long permute(int i, long x) {
        long h = mulMod(A[i], x) + B[i];
        return h >= MERSENNE_61 ? h - MERSENNE_61 : h;
    }

    /** {@code a * b mod (2^61 - 1)} for {@code 0 <= a, b < 2^61 - 1}, exactly, with a 128-bit product. */
    static long mulMod(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        long sum = (lo & MERSENNE_61) + ((hi << 3) | (lo >>> 61));
        sum = (sum & MERSENNE_61) + (sum >>> 61);
        return sum >= MERSENNE_61 ? sum - MERSENNE_61 : sum;
    }

    /** The MurmurHash3 64-bit finalizer ({@code fmix64}): a bijection that spreads every input bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
