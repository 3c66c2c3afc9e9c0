package dev.trajforge.bench;

import java.util.List;

/**
 * The loopback server's prompt cache, as servers with automatic prefix caching (vLLM, SGLang, OpenAI) keep one: a
 * prompt is cut into blocks of {@value #BLOCK} characters, each block named by a hash of the whole prefix up to its
 * end; a request's cached part is its longest run of leading blocks some earlier request already had. So a call
 * that repeats the previous call's prefix (policy, tools, the conversation so far) hits, and anything that changes
 * early in the prompt (tools reordered, per-call noise before the conversation) misses from there on. Anthropic's
 * explicit caching reads instead at the client's breakpoints ({@link #anthropic}). Tokens are estimated as
 * characters / 4, deterministically. Memory is bounded: block names live in a fixed table of 2^22 slots (32 MiB),
 * a name in the slot its bits choose, a newer one overwriting an older (a real server's cache evicts too); a plain
 * array, so the server's own CPU per call stays small next to the client's it measures.
 */
final class PromptCache {
    static final int BLOCK = 64;
    private static final int SLOTS = 1 << 22;

    /** What a prompt cost: all its tokens, those read from the cache, and those written to it (Anthropic's cache creation). */
    record Hit(long promptTokens, long cachedTokens, long createdTokens) {
    }

    private final double share;
    private final java.util.concurrent.atomic.AtomicLongArray names = new java.util.concurrent.atomic.AtomicLongArray(SLOTS);

    /** @param share the share of a cacheable prefix reported as read from the cache (1: every repeated prefix hits) */
    PromptCache(double share) {
        if (!(share >= 0 && share <= 1)) throw new IllegalArgumentException("cache share must be in [0, 1], got " + share);
        this.share = share;
    }

    static long tokens(long chars) {
        return (chars + 3) / 4;
    }

    /** Automatic prefix caching: the longest run of leading blocks seen before is read from the cache. */
    Hit automatic(String prompt) {
        long hash = 1469598103934665603L;
        int matched = 0;
        boolean matching = true;
        for (int end = BLOCK; end <= prompt.length(); end += BLOCK) {
            hash = block(hash, prompt, end - BLOCK, end);
            long name = mixed(hash);
            if (matching && seen(name)) matched = end;
            else matching = false;
            remember(name);
        }
        long total = tokens(prompt.length());
        return new Hit(total, Math.min(total, (long) (share * tokens(matched))), 0);
    }

    /**
     * Anthropic's explicit caching: the prefix up to the furthest breakpoint seen before is read; from there to the
     * last breakpoint is written. Without breakpoints nothing is cached.
     */
    Hit anthropic(String prompt, List<Integer> breakpoints) {
        long total = tokens(prompt.length());
        if (breakpoints.isEmpty()) return new Hit(total, 0, 0);
        long hash = 1469598103934665603L;
        int from = 0;
        int read = 0;
        for (int end : breakpoints) {
            hash = block(hash, prompt, from, end);
            long name = mixed(hash) ^ 0x5bd1e995L; // breakpoint names differ from block names
            if (seen(name)) read = end;
            remember(name);
            from = end;
        }
        long cached = (long) (share * tokens(read));
        long created = Math.max(0, tokens(breakpoints.getLast()) - cached);
        return new Hit(total, cached, created);
    }

    /** Forgets every prompt (a warm-up's prompts must not make the measured run's first calls hit). */
    synchronized void clear() {
        for (int i = 0; i < SLOTS; i++) names.set(i, 0);
    }

    private boolean seen(long hash) {
        return names.get(slot(hash)) == hash;
    }

    private void remember(long hash) {
        int slot = slot(hash);
        if (names.get(slot) != hash) names.set(slot, hash);
    }

    private static int slot(long hash) {
        return (int) (hash ^ (hash >>> 32)) & (SLOTS - 1);
    }

    /**
     * Chains the chars of {@code [from, to)} onto {@code hash}: FNV-1a taking four chars (64 bits) a step, a quarter of
     * the multiplications of one char a step, so the server's own CPU per call stays small next to the client's.
     */
    private static long block(long hash, String text, int from, int to) {
        long h = hash;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            h ^= text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32 | (long) text.charAt(i + 3) << 48;
            h *= 1099511628211L;
        }
        for (; i < to; i++) {
            h ^= text.charAt(i);
            h *= 1099511628211L;
        }
        return h;
    }

    /** A prefix's name: its chained hash, mixed so that the table's slot bits depend on every char. */
    private static long mixed(long hash) {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
