package dev.trajforge.collector.run;

/**
 * Where the detail of each infrastructure failure goes, for an operator: the journal keeps only the
 * failure's cause class ({@code user_error: http_500}), counted in the manifest and the summary; this
 * says which episode, which attempt and what happened (model, status, a body excerpt; never a credential).
 */
@FunctionalInterface
interface InfraFailureLog {
    /**
     * @param episode {@code task#trial}
     * @param failure the journal's failure, such as {@code model_error: http_500}
     * @param detail  what happened
     */
    void failed(String episode, int attempt, String failure, String detail);
}
