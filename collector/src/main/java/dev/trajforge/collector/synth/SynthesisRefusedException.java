package dev.trajforge.collector.synth;

/** Synthesis cannot start on this output (another config's journal is there, or the folder is not a synthesis output). */
public final class SynthesisRefusedException extends RuntimeException {
    SynthesisRefusedException(String message) {
        super(message);
    }
}
