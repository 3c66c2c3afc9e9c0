package dev.trajforge.simenv;

import java.util.Locale;

/** Communication styles of simulated users. */
public enum Style {
    TERSE, VERBOSE, CONFUSED, IMPATIENT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
