package dev.trajforge.simenv;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether an agent asked for confirmation, and whether a user's reply explicitly agrees ("yes", "go ahead",
 * ...), in the languages the user personas speak (English, Spanish: "sí", "adelante", "confirmo", ...).
 */
public final class Affirmations {
    private static final Pattern AFFIRMATIVE = Pattern.compile(
            "\\b(yes|yeah|yep|confirm|confirmed|go ahead|proceed|please do|do it|sure|correct"
                    + "|sí|confirmo|confirmado|adelante|proceda|continúe|hágalo|de acuerdo|correcto)\\b", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern NEGATIVE = Pattern.compile("\\b(no|not|don't|do not|wait|stop|cancel that|espere|pare|todavía no)\\b",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern CONFIRMATION_REQUEST = Pattern.compile(
            "\\b(confirm|proceed|go ahead|yes/no|shall i|should i|do you want me to|would you like me to)\\b");

    private Affirmations() {
    }

    /** Whether an agent's message asks the user to confirm an action. */
    public static boolean asksForConfirmation(String text) {
        return text != null && CONFIRMATION_REQUEST.matcher(text.toLowerCase(Locale.ROOT)).find();
    }

    public static boolean affirmative(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return AFFIRMATIVE.matcher(lower).find() && !NEGATIVE.matcher(lower).find();
    }
}
