package dev.trajforge.judge;

/** The judge's view of {@link dev.trajforge.simenv.Affirmations} (one implementation, shared with the user simulators). */
public final class Affirmations {
    private Affirmations() {
    }

    public static boolean asksForConfirmation(String text) {
        return dev.trajforge.simenv.Affirmations.asksForConfirmation(text);
    }

    public static boolean affirmative(String text) {
        return dev.trajforge.simenv.Affirmations.affirmative(text);
    }
}
