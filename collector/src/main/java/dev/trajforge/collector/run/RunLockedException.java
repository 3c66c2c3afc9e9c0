package dev.trajforge.collector.run;

import java.nio.file.Path;

/** Another process (or another run in this one) holds a part of the run this invocation needs. */
public final class RunLockedException extends RuntimeException {
    private final String holder;

    RunLockedException(Path file, String role, String holder) {
        super(role + " of this run is held by " + holder + " (lock " + file + "); it is refused while that one works"
                + "; a holder that died is taken over by the next run of the same command");
        this.holder = holder;
    }

    public String holder() {
        return holder;
    }
}
