package dev.trajforge.simenv.pack;

/**
 * An expression of a pack that failed while evaluated (a type error, a function refusing its input, a
 * fact in no tool result): a fault of the pack, never the agent's. It carries the place of the
 * expression (file, line, key) once known, so a world or task that cannot be built is reported as a
 * {@link PackProblem} like any other.
 */
final class PackEvaluationException extends RuntimeException {
    private final transient PackNode where;

    PackEvaluationException(String message, Throwable cause) {
        super(message, cause);
        this.where = null;
    }

    PackEvaluationException(String message) {
        this(null, message, null);
    }

    private PackEvaluationException(PackNode where, String message, Throwable cause) {
        super(message, cause);
        this.where = where;
    }

    /** The failure placed at the expression written at {@code where} (kept when it already has a place). */
    PackEvaluationException at(PackNode where) {
        return this.where != null ? this : new PackEvaluationException(where, getMessage(), this);
    }

    /** The failure as a pack problem, at the expression's place when known. */
    PackProblem problem() {
        return where == null ? new PackProblem("?", 0, "", reason()) : where.problem(reason());
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        return where == null ? message : where.file() + ":" + where.line() + ": " + where.path() + ": " + message;
    }

    /** The message without the place (for the agent, who has no use for pack file names). */
    String reason() {
        return super.getMessage();
    }
}
