package dev.trajforge.simenv;

/**
 * A failure of the infrastructure behind a role (a model server, the network) that knows its cause
 * class, such as {@code http_500}, {@code timeout}, {@code connection}, {@code malformed_response} or
 * {@code empty_response}: a lowercase word a run can count failures by. The simulator and the judge
 * see model failures only as exceptions; this lets them keep the cause without knowing who classified it.
 */
public interface ClassifiedFailure {
    /** The cause class of a failure nobody classified; its detail says what it was. */
    String UNCLASSIFIED = "unclassified";

    /** The cause class: {@code [a-z0-9_]+}. */
    String failureClass();

    /** The cause class of the first classified failure in {@code failure}'s cause chain (itself included), else {@link #UNCLASSIFIED}. */
    static String of(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 32; t = t.getCause()) { // bounded: a cause chain may loop
            if (t instanceof ClassifiedFailure classified) return classified.failureClass();
        }
        return UNCLASSIFIED;
    }

    /** Whether {@code label} can be a cause class: one lowercase word of letters, digits and underscores. */
    static boolean isCauseClass(String label) {
        return label != null && label.matches("[a-z0-9_]+");
    }
}
