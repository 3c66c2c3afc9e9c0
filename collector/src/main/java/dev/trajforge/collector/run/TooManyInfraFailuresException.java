package dev.trajforge.collector.run;

/** A finished run whose infrastructure failures exceed its budget: nothing was committed (exit 7). */
public final class TooManyInfraFailuresException extends RuntimeException {
    TooManyInfraFailuresException(String message) {
        super(message);
    }
}
