package dev.trajforge.exporter;

/**
 * Named moments where a process must be able to die without harm (the steps of a dataset commit, a
 * journal append), made reachable for certain by tests. With {@code -Dtrajforge.failpoint=NAME} (or
 * {@code NAME:halt}) the JVM halts the moment it reaches {@code NAME}, as {@code kill -9} would: no
 * shutdown hooks, no flushing. With {@code NAME:pause} it prints {@code trajforge: failpoint NAME reached}
 * to stderr and waits forever, so a test can send SIGTERM or SIGINT exactly there. With
 * {@code NAME:await:FILE} it prints the same line and waits until {@code FILE} exists, then goes on (so a
 * test can do something while the process is held at that point). Unset (always, outside
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
        String[] parts = ARMED.split(":", 3);
        if (!parts[0].equals(name)) return;
        String action = parts.length < 2 ? "halt" : parts[1];
        if (action.equals("await") && parts.length == 3) {
            System.err.println("trajforge: failpoint " + name + " reached");
            System.err.flush();
            java.nio.file.Path release = java.nio.file.Path.of(parts[2]);
            while (!java.nio.file.Files.exists(release)) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            return;
        }
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
