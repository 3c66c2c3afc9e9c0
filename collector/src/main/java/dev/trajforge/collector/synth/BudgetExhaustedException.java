package dev.trajforge.collector.synth;

/** The budget is spent: synthesis stops before the next stage item (resumable with a larger budget). */
final class BudgetExhaustedException extends RuntimeException {
    BudgetExhaustedException(String message) {
        super(message);
    }
}
