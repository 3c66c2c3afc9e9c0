package dev.trajforge.simenv.pack;

/**
 * An expression of a pack that failed while evaluated (a type error, a function refusing its input):
 * a fault of the pack, named with the file, line and key of the expression, never the agent's.
 */
final class PackEvaluationException extends RuntimeException {
    PackEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }

    PackEvaluationException(String message) {
        super(message);
    }
}
