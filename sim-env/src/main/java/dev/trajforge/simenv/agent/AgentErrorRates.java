package dev.trajforge.simenv.agent;

/**
 * Per-episode probabilities of the deliberate mistakes a scripted agent makes, so that an offline
 * run produces both good and bad trajectories for the judge to sort. Each rate is in [0, 1].
 *
 * @param wrongArgument  call a tool with a plausible but wrong argument
 * @param skipStep       leave out one of the gold actions
 * @param noConfirmation act without asking the user to confirm where policy requires it
 * @param endEarly       end the conversation before the task is done
 */
public record AgentErrorRates(double wrongArgument, double skipStep, double noConfirmation, double endEarly) {

    /** A perfect oracle: never makes a mistake. */
    public static final AgentErrorRates NONE = new AgentErrorRates(0, 0, 0, 0);

    /** The rates the scripted agent uses when a config names none. */
    public static final AgentErrorRates DEFAULT = new AgentErrorRates(0.12, 0.06, 0.06, 0.05);

    public AgentErrorRates {
        requireRate("wrongArgument", wrongArgument);
        requireRate("skipStep", skipStep);
        requireRate("noConfirmation", noConfirmation);
        requireRate("endEarly", endEarly);
    }

    private static void requireRate(String key, double rate) {
        if (!(rate >= 0 && rate <= 1)) { // also rejects NaN
            throw new IllegalArgumentException(key + ": must be in [0, 1], got " + rate);
        }
    }
}
