package dev.trajforge.exporter;

/**
 * Named moments where a process must be able to die without harm (the steps of a dataset commit, a
 * journal append), made reachable for certain by tests. With {@code -Dtrajforge.failpoint=NAME} (or
 * {@code NAME:halt}) the JVM halts the moment it reaches {@code NAME}, as {@code kill -9} would: no
 * shutdown hooks, no flushing. With {@code NAME:pause} it prints {@code trajforge: failpoint NAME reached}
 * to stderr and waits forever, so a test can send SIGTERM or SIGINT exactly there. Unset (always, outside
 * tests), reaching a point costs one string comparison against null.
 */
public final class FailPoints {
    /** The system property that arms one fail point. */
    public static final String PROPERTY = "trajforge.failpoint";
    /** The exit status of a halt, as a shell reports a process killed by SIGKILL. */
    public static final int HALT_STATUS = 137;

    private static final String ARMED = System.getProperty(PROPERTY);

    private FailPoints() {
    }

    /** Halts or pauses here when {@code name} is the armed fail point; otherwise returns at once. */
    public static void reach(String name) {
        if (ARMED == null) return;
        int colon = ARMED.lastIndexOf(':');
        String point = colon < 0 ? ARMED : ARMED.substring(0, colon);
        if (!point.equals(name)) return;
        String action = colon < 0 ? "halt" : ARMED.substring(colon + 1);
        if (action.equals("pause")) {
            System.err.println("trajforge: failpoint " + name + " reached");
            System.err.flush();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException ignored) {
                    // paused until the process is signalled
                }
            }
        }
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
