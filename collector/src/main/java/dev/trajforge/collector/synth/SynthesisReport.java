package dev.trajforge.collector.synth;

import java.nio.file.Path;
import java.util.List;

/**
 * How an invocation ended: the packs accepted and rejected (all of the output's, so far), the model calls this
 * invocation made and the output's total, and why it stopped early ({@code stopped}, null when it finished).
 */
public record SynthesisReport(Path output, List<String> accepted, List<String> rejected, int callsNow, int callsTotal, int reasksTotal,
                              long tokensTotal, int duplicatesRemoved, String stopped) {
    public SynthesisReport {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }

    public boolean finished() {
        return stopped == null;
    }

    /** One line for the terminal. */
    public String line() {
        return "synthesize " + (finished() ? "finished" : "stopped") + ": " + accepted.size() + " pack(s) accepted, " + rejected.size()
                + " rejected, " + duplicatesRemoved + " near-duplicate(s) removed; " + callsNow + " model call(s) now, " + callsTotal
                + " in all (" + reasksTotal + " re-asks), " + tokensTotal + " tokens; output " + output
                + (finished() ? "" : "\n  " + stopped + " (run the same command again, with a larger budget, to go on)");
    }
}
