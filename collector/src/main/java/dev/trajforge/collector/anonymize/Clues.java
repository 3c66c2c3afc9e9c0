package dev.trajforge.collector.anonymize;

/**
 * What one pass over a string tells the detectors before any pattern runs: how many digits, upper-case
 * letters (any script), dots and colons it has and whether it has an {@code @} or an ASCII space. Each detector skips a
 * string that lacks what every one of its values needs (a card has 13 digits, an email an {@code @}),
 * so most short JSON values and plain sentences cost one scan instead of every pattern.
 */
record Clues(int digits, int uppers, int dots, int colons, boolean at, boolean space) {
    static Clues of(String text) {
        int digits = 0;
        int uppers = 0;
        int dots = 0;
        int colons = 0;
        boolean at = false;
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                if (c >= '0' && c <= '9') {
                    digits++;
                } else if (c >= 'A' && c <= 'Z') {
                    uppers++;
                } else if (c == '.') {
                    dots++;
                } else if (c == ':') {
                    colons++;
                } else if (c == '@') {
                    at = true;
                } else if (c == ' ') {
                    space = true;
                }
            } else {
                // libphonenumber reads any decimal digit, in any script, beyond the BMP too
                int cp = text.codePointAt(i);
                if (Character.isDigit(cp)) {
                    digits++;
                } else if (Character.isUpperCase(cp)) {
                    uppers++;
                }
                i += Character.charCount(cp) - 1;
            }
        }
        return new Clues(digits, uppers, dots, colons, at, space);
    }
}
