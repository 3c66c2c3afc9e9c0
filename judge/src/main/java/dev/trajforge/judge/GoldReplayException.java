package dev.trajforge.judge;

/**
 * The gold plan could not be replayed in a world whose tools a simulator answers (the run's world model turned down a
 * gold action the offline one accepted when the task was made): the state check cannot decide, so the episode gets no
 * verdict ({@link FilterPolicy} makes it a judge failure), never a pass or a fail.
 */
final class GoldReplayException extends RuntimeException {
    static final String CAUSE = "gold_replay_failed";

    GoldReplayException(String message) {
        super(message);
    }
}
